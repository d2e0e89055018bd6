"""The unit graph: units, sizes, stories, references and the documented rules, by hand."""

from __future__ import annotations

import textwrap

import pytest

from sva.errors import InputError
from sva.measure.analysis import analyze_source
from sva.measure.unitgraph import build_unit_graph, choose_entry


def graph(source: str):
    return build_unit_graph(textwrap.dedent(source))


def sizes(source: str) -> dict[str, int]:
    return {u.qualname: u.size for u in graph(source).units}


def test_monolith_sizes_count_expression_nodes_and_statements():
    # def 1 + param x 1 + return 1 + (+) 1 + (*) 1 + x 1 + x 1 + 1 1 = 8; parentheses count nothing
    assert sizes("def f(x):\n    return ((x * x) + 1)\n") == {"f": 8}


def test_docstring_is_a_story_not_code():
    g = graph('''
        def f(x):
            """Return the successor of x."""
            return x + 1
    ''')
    (unit,) = g.units
    # def 1, x 1, return 1, + 1, x 1, 1 1 = 6; the docstring adds nothing
    assert unit.size == 6
    assert unit.story == "Return the successor of x."
    assert unit.story_tokens == 5


def test_binding_rules_documented_cases():
    # Hand count. f.t (simple: `t = a + 1` and `t += 2`): 1 + 3 + 1 + 1 = 6.
    # f: def 1 + a 1; `u, v = a, a` 1 + Tuple 1 + u, v 2 + Tuple 1 + a, a 2 = 7;
    # `for i in range(3):` 1 + i 1 + Call 1 + range 1 + 3 1 = 5; `a = a + i` (a is a parameter,
    # so not a unit) 1 + a 1 + 3 = 5; `w = 1` (w is also a chained target, so not a unit)
    # 1 + w 1 + 1 1 = 3; `w2 = w = 3` 1 + w2 1 + w 1 + 3 1 = 4; return 1 + four (+) + five names = 10.
    # f = 2 + 7 + 5 + 5 + 3 + 4 + 10 = 36.
    source = """
        def f(a):
            t = a + 1
            t += 2
            u, v = a, a
            for i in range(3):
                a = a + i
            w = 1
            w2 = w = 3
            return t + u + v + w + w2
    """
    g = graph(source)
    assert {u.qualname: (u.kind, u.size) for u in g.units} == {"f": ("function", 36), "f.t": ("binding", 6)}
    f, t = g.units
    assert f.references == (t.index,)


def test_module_of_imports_and_defs_has_no_module_unit_and_module_code_does():
    plain = graph("import os\nfrom sys import path\n\ndef f():\n    return 1\n")
    assert [u.qualname for u in plain.units] == ["f"]
    script = graph("""
        LIMIT = 3

        def main():
            return LIMIT

        if __name__ == "__main__":
            main()
    """)
    kinds = {u.qualname: (u.kind, u.size) for u in script.units}
    # <module>: if 1 + Comparison 1 + __name__ 1 + string 1 + Expr 1 + Call 1 + main 1 = 7;
    # LIMIT: statement 1 + 3 1 = 2; main: def 1 + return 1 + LIMIT 1 = 3
    assert kinds == {"<module>": ("module", 7), "LIMIT": ("binding", 2), "main": ("function", 3)}
    units = script.by_qualname
    assert units["main"].references == (units["LIMIT"].index,)
    # references from module-level code do not stop `main` from being the entry
    assert choose_entry(script) == units["main"].index


def test_global_and_nonlocal_disqualify_bindings():
    g = graph("""
        COUNT = 0

        def bump():
            global COUNT
            COUNT = COUNT + 1

        def outer():
            n = 0
            def inner():
                nonlocal n
                n = n + 1
            inner()
            return n
    """)
    names = {u.qualname for u in g.units}
    assert "COUNT" not in names and "outer.n" not in names
    assert {"bump", "outer", "outer.inner"} <= names


def test_scopes_comprehension_lambda_class_body_and_methods():
    g = graph("""
        def helper(v):
            return v

        class Box:
            size = helper(2)
            def get(self):
                return [helper(x) for x in range(self.size)]
            def twice(self):
                return self.get() + self.get()

        def use(items):
            helper = lambda q: q
            return helper(items)
    """)
    u = g.by_qualname
    assert u["Box"].kind == "class" and u["Box.get"].kind == "method"
    assert u["Box"].references == (u["helper"].index,)
    assert u["Box.get"].references == (u["helper"].index,)
    # self.get() twice -> one edge counted twice
    assert u["Box.twice"].references == (u["Box.get"].index,)
    assert u["Box.twice"].reference_counts == (2,)
    # the local lambda binding shadows the module-level helper
    assert u["use"].references == (u["use.helper"].index,)


def test_def_lines_are_what_ast_reports():
    g = graph("""
        import functools

        @functools.lru_cache
        def cached(n):
            return n

        class A:
            @property
            def value(self):
                return 1
    """)
    assert {u.qualname: u.lineno for u in g.units} == {"cached": 5, "A": 8, "A.value": 10}


def test_entry_rule_last_unreferenced_top_level_function():
    g = graph("""
        def a():
            return 1

        def b():
            return a()

        def c():
            return 2
    """)
    assert g.units[choose_entry(g)].qualname == "c"
    assert g.units[choose_entry(g, "b")].qualname == "b"
    with pytest.raises(LookupError):
        choose_entry(g, "missing")


def test_max_nesting_counts_expression_chains():
    assert graph("x = f(g(h(1)))\n").max_nesting == 4
    assert graph("pass\n").max_nesting == 0


def test_thousand_term_sum_is_analyzed_in_process():
    source = "def f():\n    return " + " + ".join(["1"] * 1000) + "\n"
    analysis = analyze_source(source)
    # def 1 + return 1 + 999 (+) nodes + 1000 literals
    assert analysis.metrics["audit_length"] == 2001
    assert analysis.metrics["max_nesting"] == 1000
    assert analysis.metrics["decomposability"] == 0.0


def test_invalid_python_is_one_line_input_error():
    with pytest.raises(InputError, match="syntax error at line 1"):
        analyze_source('print "x"\n')
    with pytest.raises(InputError, match="bad indentation at line 3"):
        analyze_source("def f():\n    x = 1\n        y = 2\n")
