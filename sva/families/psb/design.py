"""Design templates for the PSB problems: the idiomatic solution over the spec's vocabulary.

Each template writes what a person would: name the element test or transformation as a helper
(``is_odd``, ``zero_if_negative``, ``square``), then apply it with the higher-order form the
statement asks for (count-if, map, indices-where), binding the intermediate results by name.
Every helper has a story (its docstring) and a contract (:class:`TypedContract`: a property
test that draws each parameter from its own strategy and calls the helper alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sva.core.program import Apply, Bind, Call, Constant, Expr, Function, Name, Program, Return
from sva.core.spec import Spec
from sva.families.psb.vocabulary import X

INTS = "st.integers(-10 ** 6, 10 ** 6)"
INT_LISTS = "st.lists(st.integers(-1000, 1000), max_size=50)"

_TEST = '''

@settings(max_examples={examples}, derandomize=True, database=None, deadline=None)
@given({strategies})
def test_{name}({params}):
    """Contract of {name}: {description}"""
    {check}
'''


@dataclass(frozen=True)
class TypedContract:
    """A function's promise over parameters of different types: ``expected`` is a Python
    expression over the parameters (the full language: it states intent, it is not part of the
    artifact), ``strategies`` the Hypothesis strategy of each parameter, in order; with
    ``tolerance`` the result need only be within it (vector-average's four decimals)."""

    expected: str
    description: str
    strategies: tuple[str, ...]
    tolerance: float | None = None

    def preamble(self) -> str:
        return ""

    def test_source(self, function: Function, max_examples: int) -> str:
        if len(self.strategies) != len(function.params):
            raise ValueError(f"{function.name}: {len(self.strategies)} strategies for {len(function.params)} parameters")
        params = ", ".join(function.params)
        got = f"artifact.{function.name}({params})"
        check = (f"assert {got} == ({self.expected})" if self.tolerance is None
                 else f"assert abs({got} - ({self.expected})) <= {self.tolerance!r}")
        return _TEST.format(examples=max_examples, name=function.name, params=params, description=self.description,
                            strategies=", ".join(f"{p}={s}" for p, s in zip(function.params, self.strategies)),
                            check=check)


def A(primitive: str, *args: Expr) -> Expr:
    return Apply(primitive, args)


def _helper(name: str, params: tuple[str, ...], body: tuple, story: str, expected: str,
            strategies: tuple[str, ...], tolerance: float | None = None) -> Function:
    return Function(name, params, body, story, TypedContract(expected, story, strategies, tolerance))


def _entry(spec: Spec, body: tuple, expected: str, strategies: tuple[str, ...], tolerance: float | None = None) -> Function:
    return _helper(spec.entry, spec.params, body, spec.description, expected, strategies, tolerance)


def _program(spec: Spec, summary: str, *functions: Function) -> Program:
    return Program(f"{spec.name} solved by design: {summary}", functions, spec.entry)


def count_odds(spec: Spec) -> Program:
    is_odd = _helper("is_odd", ("x",), (Return(A("ODD", Name("x"))),),
                     "True when x is odd (x % 2 is 1 for negative odd numbers too).", "x % 2 != 0", (INTS,))
    entry = _entry(spec, (Return(A("COUNT_IF", Call("is_odd", (X,)), Name("values"))),),
                   "sum(1 for v in values if v % 2)", (INT_LISTS,))
    return _program(spec, "count the values for which is_odd holds.", is_odd, entry)


def negative_to_zero(spec: Spec) -> Program:
    clamp = _helper("zero_if_negative", ("x",), (Return(A("MAX", Name("x"), Constant(0))),),
                    "x itself when it is not negative, else 0.", "0 if x < 0 else x", (INTS,))
    entry = _entry(spec, (Return(A("MAP", Call("zero_if_negative", (X,)), Name("values"))),),
                   "[0 if v < 0 else v for v in values]", (INT_LISTS,))
    return _program(spec, "apply zero_if_negative to every value, keeping the order.", clamp, entry)


def smallest(spec: Spec) -> Program:
    a, b, c, d = (Name(p) for p in spec.params)
    entry = _entry(spec, (Bind("smaller_of_first_two", A("MIN", a, b)), Bind("smaller_of_last_two", A("MIN", c, d)),
                          Return(A("MIN", Name("smaller_of_first_two"), Name("smaller_of_last_two")))),
                   "sorted([a, b, c, d])[0]", (INTS,) * 4)
    return _program(spec, "the smaller of the two pairs' smaller values.", entry)


def median(spec: Spec) -> Program:
    a, b, c = (Name(p) for p in spec.params)
    clamp = _helper("clamp", ("value", "low", "high"),
                    (Return(A("MAX", Name("low"), A("MIN", Name("value"), Name("high")))),),
                    "value moved into the range from low to high (low if it is below, high if above); "
                    "needs low <= high, and gives low otherwise.",
                    "sorted([low, value, high])[1] if low <= high else low", (INTS,) * 3)
    entry = _entry(spec, (Bind("low", A("MIN", a, b)), Bind("high", A("MAX", a, b)),
                          Return(Call("clamp", (c, Name("low"), Name("high"))))),
                   "sorted([a, b, c])[1]", (INTS,) * 3)
    return _program(spec, "the median is the third value clamped between the smaller and the larger of "
                          "the other two.", clamp, entry)


ZERO_LISTS = ("st.lists(st.integers(-50, 50), max_size=49).flatmap(lambda v: st.integers(0, len(v)).map("
              "lambda i: v[:i] + [0] + v[i:]))")


def last_index_of_zero(spec: Spec) -> Program:
    is_zero = _helper("is_zero", ("x",), (Return(A("EQ", Name("x"), Constant(0))),), "True when x is 0.",
                      "x == 0", (INTS,))
    positions = _helper("zero_positions", ("values",),
                        (Return(A("INDICES_WHERE", Call("is_zero", (X,)), Name("values"))),),
                        "The indices of the list's zeros, in increasing order.",
                        "[i for i in range(len(values)) if values[i] == 0]", ("st.lists(st.integers(-3, 3), max_size=20)",))
    entry = _entry(spec, (Bind("positions", Call("zero_positions", (Name("values"),))),
                          Return(A("LAST", Name("positions")))),
                   "max(i for i, v in enumerate(values) if v == 0)", (ZERO_LISTS,))
    return _program(spec, "the last of the positions of the zeros.", is_zero, positions, entry)


def vector_average(spec: Spec) -> Program:
    entry = _entry(spec, (Bind("total", A("SUM", Name("values"))), Bind("count", A("LEN", Name("values"))),
                          Return(A("DIV", Name("total"), Name("count")))),
                   "sum(values) / len(values)",
                   ("st.lists(st.floats(-1000, 1000), min_size=1, max_size=50)",), tolerance=1e-4)
    return _program(spec, "the total of the values divided by how many there are.", entry)


def small_or_large(spec: Spec) -> Program:
    n = Name("n")
    small = _helper("is_small", ("n",), (Return(A("LT", n, Constant(1000))),), "True when n is below 1000.",
                    "n < 1000", (INTS,))
    large = _helper("is_large", ("n",), (Return(A("LE", Constant(2000), n)),), "True when n is 2000 or more.",
                    "n >= 2000", (INTS,))
    entry = _entry(spec, (Return(A("IF", Call("is_small", (n,)), Constant("small"),
                                   A("IF", Call("is_large", (n,)), Constant("large"), Constant("")))),),
                   "'small' if n < 1000 else 'large' if n >= 2000 else ''", (INTS,))
    return _program(spec, "'small' below the first threshold, 'large' from the second, nothing between.",
                    small, large, entry)


def sum_of_squares(spec: Spec) -> Program:
    square = _helper("square", ("x",), (Return(A("MUL", Name("x"), Name("x"))),), "x times itself.", "x ** 2", (INTS,))
    entry = _entry(spec, (Bind("squares", A("MAP", Call("square", (X,)), A("RANGE", Name("n")))),
                          Return(A("SUM", Name("squares")))),
                   "sum(i * i for i in range(1, n + 1))", ("st.integers(1, 100)",))
    return _program(spec, "square each of 1..n and add the squares up.", square, entry)


def compare_string_lengths(spec: Spec) -> Program:
    s, t = Name("s"), Name("t")
    shorter = _helper("shorter", ("s", "t"), (Return(A("LT", A("LEN", s), A("LEN", t))),),
                      "True when s has fewer characters than t.", "len(s) < len(t)", ("st.text(max_size=20)",) * 2)
    s1, s2, s3 = (Name(p) for p in spec.params)
    entry = _entry(spec, (Return(A("AND", Call("shorter", (s1, s2)), Call("shorter", (s2, s3)))),),
                   "len(s1) < len(s2) < len(s3)", ("st.text(max_size=20)",) * 3)
    return _program(spec, "each string is shorter than the next.", shorter, entry)


#: kind -> (template name recorded in the manifest, template).
PSB_TEMPLATES: dict[str, tuple[str, Callable[[Spec], Program]]] = {
    "count-odds": ("count-odds/count-if-is-odd", count_odds),
    "smallest": ("smallest/pairwise-min", smallest),
    "median": ("median/clamp-third", median),
    "last-index-of-zero": ("last-index-of-zero/last-zero-position", last_index_of_zero),
    "vector-average": ("vector-average/total-over-count", vector_average),
    "negative-to-zero": ("negative-to-zero/map-zero-if-negative", negative_to_zero),
    "small-or-large": ("small-or-large/two-thresholds", small_or_large),
    "sum-of-squares": ("sum-of-squares/sum-of-mapped-squares", sum_of_squares),
    "compare-string-lengths": ("compare-string-lengths/pairwise-shorter", compare_string_lengths),
}
