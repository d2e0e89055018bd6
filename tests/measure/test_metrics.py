"""Hand-computed values of every new metric, the explanation tree, the registry."""

from __future__ import annotations

import math
import textwrap

import pytest

from sva.measure.analysis import analyze_source
from sva.measure.explain import explain, render_explanation
from sva.measure.metrics.decomposability import abstraction_depth, propagation_cost
from sva.measure.registry import metric_fields

MONOLITH = "def f(x):\n    return x * x + 1\n"

THREE_HELPERS = textwrap.dedent('''
    def double(x):
        """Twice x."""
        return x * 2


    def square(x):
        """The square of x."""
        return x * x


    def shift(x, k):
        """Add k to x."""
        return x + k


    def entry(a):
        return shift(square(double(a)), 1)
''')

FIELDS = ("units", "effective_parts", "decomposability", "largest_chunk", "largest_chunk_share",
          "abstraction_depth", "propagation_cost", "max_nesting", "audit_length", "inline_length",
          "explanation_length", "description_bits", "cyclomatic_complexity", "halstead_volume",
          "maintainability_index", "sloc", "interpretability_phi")


def test_registry_lists_the_metric_field_names_in_order():
    assert metric_fields() == FIELDS


def test_one_expression_monolith():
    m = analyze_source(MONOLITH).metrics
    # size: def, x, return, (+), (*), x, x, 1 = 8
    assert m["units"] == 1 and m["audit_length"] == 8
    assert m["decomposability"] == 0.0 and m["effective_parts"] == 1.0
    assert m["explanation_length"] == m["audit_length"] == m["inline_length"] == 8
    assert m["abstraction_depth"] == 0 and m["propagation_cost"] == 1.0
    assert m["largest_chunk"] == 8 and m["largest_chunk_share"] == 1.0


def test_three_helper_design_by_hand():
    # Sizes (one token per expression node, one per statement, docstrings excluded):
    #   double: def, x, return, (*), x, 2            = 6   story "Twice x."          = 2 words
    #   square: def, x, return, (*), x, x            = 6   story "The square of x."  = 4 words
    #   shift:  def, x, k, return, (+), x, k         = 7   story "Add k to x."       = 4 words
    #   entry:  def, a, return, Call, shift, Call, square, Call, double, a, 1 = 11
    # S = A = 30; sum s^2 = 36 + 36 + 49 + 121 = 242; N_eff = 900/242; D = 1 - 242/900.
    # largest 11, share 11/30. depth 1 (entry -> helpers). Visibility: entry sees 4, each helper
    # itself: 7 ones out of 16 -> 0.4375. Nesting: Call(shift) > Call(square) > Call(double) > a = 4.
    # E = 11 + 2 + 4 + 4 = 21 (every helper read by its story). I = 11 + 6 + 6 + 7 = 30.
    m = analyze_source(THREE_HELPERS).metrics
    assert m["units"] == 4
    assert m["audit_length"] == 30
    assert m["effective_parts"] == pytest.approx(900 / 242)
    assert m["decomposability"] == pytest.approx(1 - 242 / 900)
    assert m["largest_chunk"] == 11 and m["largest_chunk_share"] == pytest.approx(11 / 30)
    assert m["abstraction_depth"] == 1
    assert m["propagation_cost"] == pytest.approx(7 / 16)
    assert m["max_nesting"] == 4
    assert m["explanation_length"] == 21
    assert m["inline_length"] == 30
    # the same design without docstrings: E reads every body, A does not change
    bare = "\n".join(line for line in THREE_HELPERS.splitlines() if '"""' not in line)
    m2 = analyze_source(bare).metrics
    assert m2["audit_length"] == 30 and m2["explanation_length"] == 30


def test_mutual_recursion_back_edges_add_nothing():
    source = textwrap.dedent("""
        def even(n):
            return n == 0 or odd(n - 1)

        def odd(n):
            return n != 0 and even(n - 1)

        def main(n):
            return even(n)
    """)
    # even/odd: def, n, return, BoolOp, Comparison, n, 0, Call, name, BinOp, n, 1 = 12 each;
    # main: def, n, return, Call, even, n = 6. Reading main -> even -> odd -> (even: back edge).
    m = analyze_source(source).metrics
    assert m["audit_length"] == 30
    assert m["explanation_length"] == 6 + 12 + 12
    assert m["inline_length"] == 30
    assert m["abstraction_depth"] == 1  # {even, odd} collapse to one node
    assert m["propagation_cost"] == pytest.approx(7 / 9)


def test_reuse_counts_again_in_explanation_and_inline():
    source = textwrap.dedent("""
        def leaf(v):
            return v + 1

        def mid(v):
            return leaf(v) * leaf(v)

        def top(v):
            return mid(v) - leaf(v)
    """)
    # leaf: def, v, return, (+), v, 1 = 6; mid: def, v, return, (*), 2x(Call, leaf, v) = 10;
    # top: def, v, return, (-), Call, mid, v, Call, leaf, v = 10. A = 26.
    # E(top) = 10 + E(mid) + E(leaf) = 10 + (10 + 6) + 6 = 32 (leaf once per referring unit).
    # I(top) = 10 + I(mid) + I(leaf) = 10 + (10 + 2*6) + 6 = 38 (once per occurrence).
    m = analyze_source(source).metrics
    assert (m["audit_length"], m["explanation_length"], m["inline_length"]) == (26, 32, 38)
    tree = explain(source)
    assert tree.total == 32
    assert [c.kind for c in tree.root.children] == ["body", "again"]


def test_graph_algorithms_on_small_graphs():
    chain = [[1], [2], []]
    assert abstraction_depth(chain) == 2
    assert propagation_cost(chain) == pytest.approx(6 / 9)
    assert abstraction_depth([[0]]) == 0
    assert propagation_cost([[], [], []]) == pytest.approx(3 / 9)
    assert propagation_cost([]) == 0.0


def test_explain_total_equals_explanation_length_and_shows_parts():
    tree = explain(THREE_HELPERS, "three.py")
    assert tree.entry == "entry"
    assert tree.total == analyze_source(THREE_HELPERS).metrics["explanation_length"] == 21
    assert [(c.unit, c.kind, c.tokens) for c in tree.root.children] == [
        ("shift", "story", 4), ("square", "story", 4), ("double", "story", 2)]
    text = render_explanation(tree)
    assert "[body 11 / 21] entry" in text and "Add k to x." in text
    assert text.rstrip().endswith("total: 21 tokens (= explanation_length)")


def test_explain_elides_other_units_code():
    source = "def f(x):\n    y = x + 1\n    return y * 2\n"
    tree = explain(source)
    assert tree.root.text.splitlines() == ["def f(x):", "    ...  # unit f.y", "    return y * 2"]
    assert tree.root.children[0].text == "y = x + 1"
    assert tree.total == 6 + 4


def test_empty_module_has_zero_everything():
    m = analyze_source("").metrics
    assert m["units"] == 0 and m["audit_length"] == m["explanation_length"] == m["inline_length"] == 0
    assert m["decomposability"] == 0.0 and m["propagation_cost"] == 0.0
    assert explain("").root is None


def test_description_bits_ignore_comments_docstrings_and_names():
    a = 'def f(x):\n    """Doc."""\n    # note\n    return x + 1\n'
    b = "def g(value):\n    return value + 1\n"
    c = "def g(value):\n    return value * value + 12345\n"
    bits = [analyze_source(s).metrics["description_bits"] for s in (a, b, c)]
    assert bits[0] == bits[1] < bits[2]
    assert bits[0] % 8 == 0 and bits[0] > 0


def test_classic_metrics_match_radon_functions():
    from radon.metrics import h_visit, mi_visit
    from radon.raw import analyze

    m = analyze_source(THREE_HELPERS).metrics
    assert m["sloc"] == analyze(THREE_HELPERS).sloc
    assert m["halstead_volume"] == h_visit(THREE_HELPERS).total.volume
    assert m["maintainability_index"] == mi_visit(THREE_HELPERS, True)
    assert math.isfinite(m["maintainability_index"])


def test_the_compilers_syntax_warnings_are_not_the_analyzers_output():
    import warnings

    source = 'def f():\n    return "a"("b")\n'  # valid, but the compiler hints at a missing comma
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        metrics = analyze_source(source).metrics
    assert metrics["units"] == 1
    assert [str(w.message) for w in caught] == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # even -W error does not turn the hint into a refusal
        assert analyze_source(source).metrics["units"] == 1
