"""The mutant generator: hand-checked mutants, protected regions, attribution, validity, determinism.

Mutants are only parsed and compiled here, never executed.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sva.errors import InputError
from sva.trust.mutants.generation import OPERATORS, Mutant, generate_mutants

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = [ROOT / "artifacts" / "parity-6" / "search" / "seed-0.py",
             ROOT / "artifacts" / "mux-11" / "design" / "seed-0.py"]

TINY = "def f(a, b):\n    return a and not b\n"

FAMILIES = '''\
def g(x, y, s, items):
    total = x + 1
    total -= y * 2
    if x < y and s:
        return -x
    elif not s:
        items[0] = 'ab'
    while x != 0:
        x = x // 2
    flag = True
    return f(x, y) if s else [x, y]
'''

PROTECTED = '''\
"""Module docstring."""
import os
from collections import OrderedDict as OD


@decorate(1, flag=True)
class C(Base, metaclass=Meta):
    """Class docstring."""

    def m(self, a: int = 5, *args: str, k: float = 2.5, **kw) -> bool:
        """Method docstring."""
        self.value, other = compute(a, k)
        x: list[int] = [a]
        x += [k]
        for i, j in pairs(x):
            del other[i]
        with open(a) as handle:
            return handle.read().strip(a)
        lam = lambda p=9: p
'''

ATTRIBUTION = '''\
class C:
    limit = 3

    def m(self, a):
        def inner(b):
            y = a + 1
            return y * b
        return inner(a)


z = 2
p = q = 4
r, t = 5, 6
w: int = 7
self_v = None
w += 8
'''


def tuples(mutants: tuple[Mutant, ...]) -> list[tuple[str, int, int, str, str]]:
    return [(m.operator, m.line, m.column, m.before, m.after) for m in mutants]


def find(mutants, operator: str, before: str, after: str) -> Mutant:
    matches = [m for m in mutants if (m.operator, m.before, m.after) == (operator, before, after)]
    assert len(matches) == 1, (operator, before, after, tuples(mutants))
    return matches[0]


def span_of(source: str, text: str) -> tuple[int, int]:
    """Byte span of the first ``text`` in an ASCII ``source``."""
    start = source.index(text)
    return start, start + len(text)


def substituted(source: str, mutant: Mutant) -> str | None:
    """``ast.dump`` of the original with the node at the mutant's span replaced by the parsed
    replacement, or None when Python's ``ast`` has no node with exactly that span (inner links of
    ``a and b and c`` chains, augmented-assignment operators)."""
    tree = ast.parse(source)
    lines = source.encode("utf-8").splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def span(node: ast.AST) -> tuple[int, int]:
        return offsets[node.lineno - 1] + node.col_offset, offsets[node.end_lineno - 1] + node.end_col_offset

    if mutant.after.endswith("="):  # an augmented-assignment operator has no node of its own
        return None
    if mutant.operator == "delete_statement":
        replacement, kind = ast.Pass(), ast.stmt
    else:
        replacement, kind = ast.parse(mutant.after, mode="eval").body, ast.expr
    found = []

    class Swap(ast.NodeTransformer):
        def generic_visit(self, node):
            if isinstance(node, kind) and span(node) == (mutant.start, mutant.end) and not found:
                found.append(node)
                return replacement
            return super().generic_visit(node)

    result = Swap().visit(tree)
    return ast.dump(result) if found else None


_BINARY_SWAPS = {"Add": {"Sub"}, "Sub": {"Add"}, "Mult": {"Div"}, "Div": {"Mult"}, "FloorDiv": {"Div"},
                 "Mod": {"FloorDiv"}, "Pow": {"Mult"}, "MatMult": {"Mult"}, "BitAnd": {"BitOr"},
                 "BitOr": {"BitAnd"}, "BitXor": {"BitOr", "BitAnd"}, "LShift": {"RShift"}, "RShift": {"LShift"}}
_COMPARISON_SWAPS = {"Eq": "NotEq", "NotEq": "Eq", "Lt": "LtE", "LtE": "Lt", "Gt": "GtE", "GtE": "Gt",
                     "In": "NotIn", "NotIn": "In", "Is": "IsNot", "IsNot": "Is"}


def _expression(text: str) -> ast.expr:
    return ast.parse(f"({text})", mode="eval").body


def _binary_operands(node: ast.expr) -> tuple[str, str]:
    """``ast.dump`` of the left and right operand as libcst sees them (``a and b and c`` is
    ``(a and b) and c``)."""
    if isinstance(node, ast.BoolOp):
        left = node.values[0] if len(node.values) == 2 else ast.BoolOp(node.op, node.values[:-1])
        return ast.dump(left), ast.dump(node.values[-1])
    assert isinstance(node, ast.BinOp)
    return ast.dump(node.left), ast.dump(node.right)


def assert_meaning(m: Mutant) -> None:
    """The replacement, read alone, is the operator's intended change of the replaced node."""
    if m.operator == "delete_statement" or m.after.endswith("="):
        return
    before, after = _expression(m.before), _expression(m.after)
    name = lambda node: type(node).__name__  # noqa: E731
    if m.operator == "swap_and_or":
        assert isinstance(after, ast.BoolOp) and len(after.values) == 2
        assert {name(before.op), name(after.op)} == {"And", "Or"}
        assert tuple(ast.dump(value) for value in after.values) == _binary_operands(before)
    elif m.operator == "swap_binary_operator":
        assert name(after.op) in _BINARY_SWAPS[name(before.op)]
        assert _binary_operands(after) == _binary_operands(before)
    elif m.operator == "swap_comparison":
        assert ast.dump(after.left) == ast.dump(before.left)
        assert [ast.dump(c) for c in after.comparators] == [ast.dump(c) for c in before.comparators]
        changed = [(name(old), name(new)) for old, new in zip(before.ops, after.ops) if name(old) != name(new)]
        assert len(changed) == 1 and _COMPARISON_SWAPS[changed[0][0]] == changed[0][1]
    elif m.operator == "remove_unary":
        assert ast.dump(after) == ast.dump(before.operand)
    elif m.operator == "replace_with_operand":
        operands = ((ast.dump(before.body), ast.dump(before.orelse)) if isinstance(before, ast.IfExp)
                    else _binary_operands(before))
        assert ast.dump(after) in operands
    elif m.operator == "negate_condition":
        assert ast.dump(after) == ast.dump(ast.UnaryOp(ast.Not(), before))
    elif m.operator == "replace_with_constant":
        assert m.after in ("True", "False") and not isinstance(before, ast.Constant)


def assert_valid(source: str, mutants: tuple[Mutant, ...]) -> None:
    """Every mutant compiles, differs in text and ast from the original and from each other."""
    original = ast.dump(ast.parse(source))
    data = source.encode("utf-8")
    texts, trees = set(), set()
    assert [m.index for m in mutants] == list(range(len(mutants)))
    for m in mutants:
        assert m.operator in OPERATORS
        assert data[m.start:m.end].decode("utf-8") == m.before
        prefix = data[:m.start].decode("utf-8")
        assert m.line == prefix.count("\n") + 1
        assert m.column == len(prefix) - (prefix.rfind("\n") + 1)
        text = m.apply(source)
        with warnings.catch_warnings():  # "x is 1" compiles, with a SyntaxWarning
            warnings.simplefilter("ignore", SyntaxWarning)
            compile(text, "m.py", "exec")
        tree = ast.dump(ast.parse(text))
        assert text != source and tree != original
        assert text not in texts and tree not in trees
        texts.add(text)
        trees.add(tree)
        assert_meaning(m)
        expected = substituted(source, m)
        if expected is not None:  # the mutant means exactly what its replacement says, in place
            assert tree == expected, m


# --- hand-checked values ------------------------------------------------------------------------

def test_tiny_function_yields_exactly_the_hand_computed_mutants():
    assert tuples(generate_mutants(TINY)) == [
        ("delete_statement", 2, 4, "return a and not b", "pass"),
        ("swap_and_or", 2, 11, "a and not b", "(a or not b)"),
        ("replace_with_operand", 2, 11, "a and not b", "a"),
        ("replace_with_operand", 2, 11, "a and not b", "(not b)"),
        ("replace_with_constant", 2, 11, "a and not b", "True"),
        ("replace_with_constant", 2, 11, "a and not b", "False"),
        ("replace_with_constant", 2, 11, "a", "True"),
        ("replace_with_constant", 2, 11, "a", "False"),
        ("remove_unary", 2, 17, "not b", "b"),
        ("replace_with_constant", 2, 17, "not b", "True"),
        ("replace_with_constant", 2, 17, "not b", "False"),
        ("replace_with_constant", 2, 21, "b", "True"),
        ("replace_with_constant", 2, 21, "b", "False"),
    ]


def test_tiny_function_mutants_apply_to_the_expected_text_and_attribution():
    mutants = generate_mutants(TINY)
    assert mutants[1].apply(TINY) == "def f(a, b):\n    return (a or not b)\n"
    assert mutants[0].apply(TINY) == "def f(a, b):\n    pass\n"
    assert (mutants[8].start, mutants[8].end) == (30, 35)
    assert mutants[8].apply(TINY) == "def f(a, b):\n    return a and b\n"
    assert {m.function for m in mutants} == {"f"}
    assert {m.binding for m in mutants} == {None}


def test_every_operator_family_is_exercised_with_the_expected_replacements():
    mutants = generate_mutants(FAMILIES)
    assert_valid(FAMILIES, mutants)
    assert {m.operator for m in mutants} == set(OPERATORS)
    # swap_and_or / swap_binary_operator (also augmented) / swap_comparison
    assert "    total = (x - 1)\n" in find(mutants, "swap_binary_operator", "x + 1", "(x - 1)").apply(FAMILIES)
    assert "    total += y * 2\n" in find(mutants, "swap_binary_operator", "-=", "+=").apply(FAMILIES)
    find(mutants, "swap_binary_operator", "y * 2", "(y / 2)")
    find(mutants, "swap_binary_operator", "x // 2", "(x / 2)")
    find(mutants, "swap_and_or", "x < y and s", "(x < y or s)")
    find(mutants, "swap_comparison", "x < y", "(x <= y)")
    find(mutants, "swap_comparison", "x != 0", "(x == 0)")
    # remove_unary
    find(mutants, "remove_unary", "-x", "x")
    find(mutants, "remove_unary", "not s", "s")
    # change_constant: n+1 then n-1, negative results parenthesized, strings emptied, bools flipped
    plus, minus = [m for m in mutants if m.operator == "change_constant" and m.before == "1"]
    assert "    total = x + 2\n" in plus.apply(FAMILIES)
    assert "    total = x + 0\n" in minus.apply(FAMILIES)
    assert plus.index < minus.index
    assert "    while x != (-1):\n" in find(mutants, "change_constant", "0", "(-1)").apply(FAMILIES)
    find(mutants, "change_constant", "0", "1")
    assert "items[0] = ''" in find(mutants, "change_constant", "'ab'", "''").apply(FAMILIES)
    find(mutants, "change_constant", "True", "False")
    # replace_with_operand (binary and conditional)
    find(mutants, "replace_with_operand", "x + 1", "x")
    find(mutants, "replace_with_operand", "x + 1", "1")
    find(mutants, "replace_with_operand", "f(x, y) if s else [x, y]", "f(x, y)")
    find(mutants, "replace_with_operand", "f(x, y) if s else [x, y]", "[x, y]")
    # replace_with_sibling: call arguments and list displays
    siblings = [(m.before, m.after, m.apply(FAMILIES).splitlines()[-1]) for m in mutants
                if m.operator == "replace_with_sibling"]
    assert siblings == [("x", "y", "    return f(y, y) if s else [x, y]"),
                        ("y", "x", "    return f(x, x) if s else [x, y]"),
                        ("x", "y", "    return f(x, y) if s else [y, y]"),
                        ("y", "x", "    return f(x, y) if s else [x, x]")]
    # replace_with_constant: loads only, never constants
    assert [m.after for m in mutants if m.operator == "replace_with_constant" and m.before == "f(x, y)"] == \
        ["True", "False"]
    assert not [m for m in mutants if m.operator == "replace_with_constant" and m.before in ("1", "True", "'ab'")]
    # negate_condition: if, elif, while, conditional expression
    negations = [(m.line, m.after) for m in mutants if m.operator == "negate_condition"]
    assert negations == [(4, "not (x < y and s)"), (6, "not (not s)"), (8, "not (x != 0)"), (11, "(not (s))")]
    assert "    elif not (not s):\n" in mutants[[m.after for m in mutants].index("not (not s)")].apply(FAMILIES)
    # delete_statement: every simple statement
    deleted = [m.before for m in mutants if m.operator == "delete_statement"]
    assert deleted == ["total = x + 1", "total -= y * 2", "return -x", "items[0] = 'ab'", "x = x // 2",
                       "flag = True", "return f(x, y) if s else [x, y]"]


def test_mutants_are_in_source_order_then_operator_order():
    mutants = generate_mutants(FAMILIES)
    keys = [(m.start, -m.end) for m in mutants]
    assert keys == sorted(keys)
    for first, second in zip(mutants, mutants[1:]):
        if (first.start, first.end) == (second.start, second.end):
            assert OPERATORS.index(first.operator) <= OPERATORS.index(second.operator)


@pytest.mark.parametrize("source, before, after, mutated", [
    # the replacement is parenthesized; the spec's own example
    ("r = a ^ (b and c)\n", "b and c", "(b or c)", "r = a ^ ((b or c))\n"),
    # an operand is parenthesized where the new operator would regroup it
    ("r = a | b ^ c\n", "a | b ^ c", "(a & (b ^ c))", "r = (a & (b ^ c))\n"),
    ("r = a or b or c\n", "a or b or c", "((a or b) and c)", "r = ((a or b) and c)\n"),
    ("r = a ^ b & c\n", "a ^ b & c", "(a | b & c)", "r = (a | b & c)\n"),
    ("r = -x ** 2\n", "-x ** 2", "(x ** 2)", "r = (x ** 2)\n"),
    ("r = a ** b ** c\n", "b ** c", "(b * c)", "r = a ** (b * c)\n"),
])
def test_replacements_keep_precedence(source, before, after, mutated):
    mutants = generate_mutants(source)
    assert_valid(source, mutants)
    matches = [m for m in mutants if (m.before, m.after) == (before, after)]
    assert len(matches) == 1
    assert matches[0].apply(source) == mutated


def test_comparison_chains_swap_each_operator_separately():
    source = "ok = 0 <= i < n is not None\n"
    mutants = generate_mutants(source)
    assert_valid(source, mutants)
    assert [m.after for m in mutants if m.operator == "swap_comparison"] == [
        "(0 < i < n is not None)", "(0 <= i <= n is not None)", "(0 <= i < n is None)"]


def test_constants_of_every_kind():
    source = 'v = (0x10, 2.5, 0.0, b"", "", r"x", None, ..., f"{y}", True)\n'
    mutants = generate_mutants(source)
    assert_valid(source, mutants)
    changed = [(m.before, m.after) for m in mutants if m.operator == "change_constant"]
    assert changed == [("0x10", "17"), ("0x10", "15"), ("2.5", "3.5"), ("0.0", "1.0"), ('b""', 'b"x"'),
                       ('""', '"x"'), ('r"x"', 'r""'), ("True", "False")]
    # None and Ellipsis only change as a display element; the f-string (and the name inside it) never
    assert {m.operator for m in mutants if m.before in ("None", "...")} == {"replace_with_sibling"}
    assert not [m for m in mutants if m.before in ('f"{y}"', "y")]


def test_byte_offsets_count_utf8_bytes():
    source = 's = "é" + tail\n'
    mutants = generate_mutants(source)
    assert_valid(source, mutants)
    tail = find(mutants, "replace_with_constant", "tail", "True")
    assert (tail.start, tail.end, tail.column) == (11, 15, 10)
    assert tail.apply(source) == 's = "é" + True\n'


# --- what is never mutated ------------------------------------------------------------------------

def test_protected_regions_are_never_mutated():
    mutants = generate_mutants(PROTECTED)
    assert_valid(PROTECTED, mutants)
    untouchable = ['"""Module docstring."""', "import os", "from collections import OrderedDict as OD",
                   "@decorate(1, flag=True)", "(Base, metaclass=Meta)", '"""Class docstring."""',
                   "self, a: int = 5, *args: str, k: float = 2.5, **kw", "-> bool", '"""Method docstring."""']
    for text in untouchable:  # no mutant even overlaps these
        first, last = span_of(PROTECTED, text)
        assert not [m for m in mutants if m.start < last and first < m.end], text
    inside_only = [("self.value, other = ", "self.value, other"), ("= compute(", "compute"), ("x: list", "x"),
                   ("x += ", "x"), ("for i, j", "i, j"), ("pairs(x)", "pairs"), ("del other[i]", "other[i]"),
                   ("open(a)", "open"), ("as handle", "handle"), ("handle.read().strip(a)", "read"),
                   ("handle.read().strip(a)", "strip"), ("flag=True", "flag"), ("lam = ", "lam"),
                   ("x: list[int]", "list[int]"), ("lambda p=9", "p=9")]
    for anchor, text in inside_only:  # no mutant within (deleting the whole statement is fine)
        first = PROTECTED.index(anchor) + anchor.index(text)
        last = first + len(text)
        assert not [m for m in mutants if first <= m.start and m.end <= last], (anchor, text)
    # ...while the code around them is mutated
    befores = {m.before for m in mutants}
    assert {"compute(a, k)", "a", "k", "pairs(x)", "open(a)", "handle", "handle.read()", "x"} <= befores
    assert find(mutants, "replace_with_constant", "handle", "True").line == 18
    assert [m.before for m in mutants if m.operator == "delete_statement"] == [
        "self.value, other = compute(a, k)", "x: list[int] = [a]", "x += [k]", "del other[i]",
        "return handle.read().strip(a)", "lam = lambda p=9: p"]


def test_docstring_only_and_definition_only_modules_have_no_mutants():
    assert generate_mutants('"""Only a docstring."""\n') == ()
    assert generate_mutants("import os\n\n\ndef f(a: int = 1) -> int:\n    'Doc.'\n    pass\n") == ()


def test_deletion_that_would_break_a_nonlocal_is_dropped():
    source = "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x += 1\n    return g\n"
    mutants = generate_mutants(source)
    assert_valid(source, mutants)
    assert "x = 1" not in [m.before for m in mutants if m.operator == "delete_statement"]
    assert "x += 1" in [m.before for m in mutants if m.operator == "delete_statement"]


# --- attribution --------------------------------------------------------------------------------

def test_function_and_binding_attribution():
    mutants = generate_mutants(ATTRIBUTION)
    assert_valid(ATTRIBUTION, mutants)
    value = span_of(ATTRIBUTION, "a + 1")
    in_value = [m for m in mutants if value[0] <= m.start and m.end <= value[1]]
    assert [m.before for m in in_value] == ["a + 1"] * 5 + ["a", "a", "1", "1"]
    assert {(m.function, m.binding) for m in in_value} == {("C.m.inner", "y")}
    deletion = find(mutants, "delete_statement", "y = a + 1", "pass")
    assert (deletion.function, deletion.binding) == ("C.m.inner", "y")
    assert {(m.function, m.binding) for m in mutants if m.line == 7} == {("C.m.inner", None)}
    assert {(m.function, m.binding) for m in mutants if m.line == 8} == {("C.m", None)}
    assert {(m.function, m.binding) for m in mutants if m.line == 2} == {(None, "limit")}
    by_line = {line: {(m.function, m.binding) for m in mutants if m.line == line} for line in range(11, 17)}
    assert by_line == {11: {(None, "z")}, 12: {(None, None)}, 13: {(None, None)}, 14: {(None, "w")},
                       15: {(None, "self_v")}, 16: {(None, "w")}}
    assert [m.after for m in mutants if m.line == 15] == ["pass"]  # None is never changed
    assert [m.after for m in mutants if m.line == 16] == ["pass", "-=", "9", "7"]


# --- validity -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ARTIFACTS, ids=lambda p: "/".join(p.parts[-3:]))
def test_artifact_mutants_are_all_valid_and_distinct(path):
    source = path.read_text(encoding="utf-8")
    mutants = generate_mutants(source)
    assert len(mutants) > 50
    assert_valid(source, mutants)


def test_mux_design_mutants_have_their_functions():
    source = ARTIFACTS[1].read_text(encoding="utf-8")
    mutants = generate_mutants(source)
    assert [m.function for m in mutants if m.operator == "negate_condition"] == ["select"]
    assert {m.function for m in mutants} == {"select", "mux_of_2", "mux_of_4", "mux_11"}
    assert {m.binding for m in mutants} == {None, "lower", "upper"}


_LEAVES = st.sampled_from(["a", "b", "c", "True"])


def _infix(parts: tuple[str, str, str, bool]) -> str:
    """``left op right``, parenthesized when the flag says so (sources that do not compile are skipped)."""
    left, operator, right, parenthesized = parts
    return f"({left} {operator} {right})" if parenthesized else f"{left} {operator} {right}"


def _boolean(children):
    return st.one_of(
        st.tuples(st.sampled_from(["not ", "not (", "(not "]), children).map(
            lambda t: f"{t[0]}{t[1]}" + (")" if "(" in t[0] else "")),
        st.tuples(children, st.sampled_from(["and", "or", "^"]), children, st.booleans()).map(_infix),
    )


def _arithmetic(children):
    return st.one_of(
        st.tuples(st.sampled_from(["-", "~", "+", "not "]), children).map(lambda t: t[0] + t[1]),
        st.tuples(children, st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "<<", ">>",
                                             "<", "==", "in", "is not", "and", "or"]),
                  children, st.booleans()).map(_infix),
        st.tuples(children, children, children).map(lambda t: f"{t[0]} if {t[1]} else {t[2]}"),
        st.tuples(children, children).map(lambda t: f"g({t[0]}, {t[1]})"),
    )


def _compiles(source: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            compile(source, "m.py", "exec")
    except SyntaxError:
        return False
    return True


@settings(derandomize=True, max_examples=100, deadline=None)
@given(st.recursive(_LEAVES, _boolean, max_leaves=8))
def test_boolean_expression_mutants_are_valid_and_mean_what_they_say(expression):
    source = f"def f(a, b, c):\n    return {expression}\n"
    assume(_compiles(source))
    mutants = generate_mutants(source)
    assert mutants
    assert_valid(source, mutants)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(st.recursive(st.sampled_from(["x", "y", "1", "2.0", "x.r", "y[0]"]), _arithmetic, max_leaves=8))
def test_arithmetic_expression_mutants_keep_precedence(expression):
    source = f"def f(x, y):\n    z = {expression}\n    return z\n"
    assume(_compiles(source))
    assert_valid(source, generate_mutants(source))


# --- errors and determinism ------------------------------------------------------------------------

@pytest.mark.parametrize("source, message", [
    ("def f(:\n    pass\n", "syntax error at line 1: invalid syntax"),
    ("return 1\n", "syntax error at line 1: 'return' outside function"),
    ("  x = 1\n", "bad indentation at line 1: unexpected indent"),
    ("x = 1\x00\n", "source code string cannot contain null bytes"),
])
def test_invalid_source_raises_input_error_with_one_line(source, message):
    with pytest.raises(InputError) as caught:
        generate_mutants(source)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_deep_nesting_is_an_input_error_not_a_crash():
    with pytest.raises(InputError, match="nested too deeply"):
        generate_mutants("x = " + " + ".join(["a"] * 3000) + "\n")


SCRIPT = ("import sys; from sva.trust.mutants.generation import generate_mutants; "
          "print(repr(generate_mutants(open(sys.argv[1], encoding='utf-8').read())))")


def test_same_mutants_in_fresh_processes_under_different_hash_seeds(tmp_path):
    source = FAMILIES + PROTECTED.split("\n", 1)[1] + ATTRIBUTION
    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    outputs = []
    for seed in ("0", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(path)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].strip() == repr(generate_mutants(source))
    assert outputs[0].count("Mutant(") > 100


def test_pragma_lines_and_module_level_all_are_not_mutated():
    source = ('__all__ = ["f", "g"]\n'
              '__all__ += ["h"]\n'
              'LIMIT = 3  # pragma: no mutate\n'
              'TABLE = [1, 2]\n'
              '\n'
              'def f(a, b):\n'
              '    return (a and  # pragma: no mutate\n'
              '            not b)\n'
              '\n'
              'def g(x):\n'
              '    __all__ = x  # a local of that name is an ordinary binding\n'
              '    return __all__ + 1\n')
    mutants = generate_mutants(source)
    lines = {mutant.line for mutant in mutants}
    # not __all__ (lines 1, 2), not the pragma line (3), not f's return or its expression (they span
    # line 7); the part of it that lies wholly on line 8 is still mutated
    assert lines == {4, 8, 11, 12}
    assert {mutant.before for mutant in mutants if mutant.line == 8} == {"not b", "b"}
    assert {mutant.before for mutant in mutants if mutant.line == 4} >= {"1", "2", "TABLE = [1, 2]"}
    # without the pragma comment the same line is mutated
    assert any(mutant.line == 3 for mutant in generate_mutants(source.replace("  # pragma: no mutate\n", "\n", 1)))
