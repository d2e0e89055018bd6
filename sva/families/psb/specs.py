"""The nine PSB1 problems (Helmuth and Spector 2015) as specs: statements, sizes, edge cases.

Each spec states the suite's input ranges, its training and test sizes and edge cases (always
in training), a reference oracle, named properties beyond the oracle (what correct means in
other words: count-odds adds over concatenation, negative-to-zero keeps the length, ...), and
its primitive set: the names of :mod:`sva.families.psb.vocabulary` both generators may
compose. The cases are drawn by :mod:`sva.families.psb.data`. ``extra`` holds the edge
cases (the family's probe checks them separately) and the types search gives the parameters.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from sva.core.spec import Case, Domain, Property, Spec, exact, oracle_property, within
from sva.families.psb import data

FAMILY = "psb"
#: The primitives the element functions of the higher-order forms are made of.
ELEMENT_PRIMITIVES = ("ODD", "MUL", "NEG", "LT", "EQ", "MAX", "MIN", "ADD")
#: vector-average's tolerance: four decimals, as the suite states.
AVERAGE_TOLERANCE = within(1e-12, 1e-4)


def _strategy(build: Callable[[Any], Any]) -> Callable[[], Any]:
    def factory() -> Any:
        from hypothesis import strategies as st

        return build(st)

    return factory


def _sampled(cases: tuple[Case, ...]) -> Callable[[], Any]:
    return _strategy(lambda st: st.sampled_from(cases))


def _ints(st: Any, low: int = -1000, high: int = 1000, max_size: int = 50, min_size: int = 0) -> Any:
    return st.tuples(st.lists(st.integers(low, high), min_size=min_size, max_size=max_size))


def _holds(check: Callable[..., bool]) -> Callable[[Callable[..., Any], Case], bool]:
    return lambda entry, case: bool(check(entry, *case))


def _prop(name: str, description: str, check: Callable[..., bool]) -> Property:
    return Property(name, description, _holds(check))


# --- oracles ---------------------------------------------------------------------------------

def count_odds(values: list[int]) -> int:
    return sum(1 for value in values if value % 2 != 0)


def negative_to_zero(values: list[int]) -> list[int]:
    return [0 if value < 0 else value for value in values]


def smallest(a: int, b: int, c: int, d: int) -> int:
    return sorted((a, b, c, d))[0]


def median(a: int, b: int, c: int) -> int:
    return sorted((a, b, c))[1]


def last_index_of_zero(values: list[int]) -> int:
    return max(index for index, value in enumerate(values) if value == 0)


def vector_average(values: list[float]) -> float:
    return math.fsum(values) / len(values)


def small_or_large(n: int) -> str:
    return "small" if n < 1000 else "large" if n >= 2000 else ""


def sum_of_squares(n: int) -> int:
    return n * (n + 1) * (2 * n + 1) // 6 if n > 0 else 0


def compare_string_lengths(s1: str, s2: str, s3: str) -> bool:
    return len(s1) < len(s2) < len(s3)


# --- properties ------------------------------------------------------------------------------

def _split(values: list[Any]) -> tuple[list[Any], list[Any]]:
    return values[:len(values) // 2], values[len(values) // 2:]


COUNT_ODDS_PROPERTIES = (
    _prop("invariant_under_permutation", "reversing or sorting the list leaves the count unchanged",
          lambda f, values: f(list(values)) == f(list(reversed(values))) == f(sorted(values))),
    _prop("adds_over_concatenation", "the count of a list is the counts of its two halves added",
          lambda f, values: f(list(values)) == f(_split(values)[0]) + f(_split(values)[1])),
    _prop("at_most_length", "the count is between 0 and the list's length",
          lambda f, values: 0 <= f(list(values)) <= len(values)),
)

NEGATIVE_TO_ZERO_PROPERTIES = (
    _prop("keeps_length", "the output is a list as long as the input",
          lambda f, values: isinstance(out := f(list(values)), list) and len(out) == len(values)),
    _prop("leaves_non_negatives_alone", "every non-negative value stays where it was, unchanged",
          lambda f, values: all(o == v for o, v in zip(f(list(values)), values) if v >= 0)),
    _prop("no_negatives_left", "no value of the output is negative",
          lambda f, values: all(o >= 0 for o in f(list(values)))),
)

SMALLEST_PROPERTIES = (
    _prop("at_most_every_input", "the result is at most every input",
          lambda f, *args: all(f(*args) <= arg for arg in args)),
    _prop("is_an_input", "the result is one of the inputs", lambda f, *args: f(*args) in args),
    _prop("invariant_under_permutation", "reordering the inputs leaves the result unchanged",
          lambda f, a, b, c, d: f(a, b, c, d) == f(d, c, b, a) == f(b, a, d, c)),
)

MEDIAN_PROPERTIES = (
    _prop("between_min_and_max", "the result lies between the smallest and the largest input",
          lambda f, *args: min(args) <= f(*args) <= max(args)),
    _prop("is_an_input", "the result is one of the inputs", lambda f, *args: f(*args) in args),
    _prop("invariant_under_permutation", "reordering the inputs leaves the result unchanged",
          lambda f, a, b, c: f(a, b, c) == f(c, b, a) == f(b, c, a)),
)

LAST_INDEX_PROPERTIES = (
    _prop("points_at_a_zero", "the result is an index of the list holding 0",
          lambda f, values: 0 <= (i := f(list(values))) < len(values) and values[i] == 0),
    _prop("no_zero_after_it", "no 0 comes after the index returned",
          lambda f, values: 0 not in values[f(list(values)) + 1:]),
)


def _average_bounds(f: Callable[..., Any], values: list[float]) -> bool:
    result = f(list(values))
    return min(values) - 1e-4 <= result <= max(values) + 1e-4


VECTOR_AVERAGE_PROPERTIES = (
    _prop("between_min_and_max", "the average lies between the smallest and the largest value",
          _average_bounds),
    _prop("invariant_under_permutation", "reversing the list leaves the average unchanged (4 decimals)",
          lambda f, values: AVERAGE_TOLERANCE(f(list(reversed(values))), f(list(values)))),
)

SMALL_OR_LARGE_PROPERTIES = (
    _prop("one_of_three_words", "the result is 'small', 'large' or the empty string",
          lambda f, n: f(n) in ("small", "large", "")),
    _prop("monotone", "a larger number is never 'smaller' in the order small < '' < large",
          lambda f, n: {"small": 0, "": 1, "large": 2}.get(f(n), -9) <= {"small": 0, "": 1, "large": 2}.get(f(n + 1), -1)),
)

SUM_OF_SQUARES_PROPERTIES = (
    _prop("adds_the_next_square", "the sum up to n is the sum up to n - 1 plus n squared",
          lambda f, n: n < 2 or f(n) == f(n - 1) + n * n),
)

COMPARE_LENGTHS_PROPERTIES = (
    _prop("only_lengths_matter", "replacing each string by one of the same length changes nothing",
          lambda f, s1, s2, s3: f(s1, s2, s3) == f("x" * len(s1), "y" * len(s2), "z" * len(s3))),
    _prop("not_both_orders", "the strings cannot be strictly increasing in length both ways",
          lambda f, s1, s2, s3: not (f(s1, s2, s3) and f(s3, s2, s1))),
)


# --- the specs -------------------------------------------------------------------------------

LIST_PRIMITIVES = ("LEN", "SUM", "MAP", "FILTER", "COUNT_IF")
SHIFT_LISTS = "a seeded sample: the empty list, extremes (+-10^6), and lists of 51 to 1,000 values in [-10^6, 10^6]"
_WIDE = data.WIDE


@dataclass(frozen=True)
class _Draw:
    """How :func:`sva.families.psb.data.build` draws one problem's cases: the edge cases (made
    when drawn), a random training/test case, the sizes, a random shifted case and the shifted
    boundary cases."""

    edges: Callable[[], tuple[Case, ...]]
    draw: Callable[[random.Random], Case]
    train: int
    test: int
    shift_draw: Callable[[random.Random], Case]
    boundary: tuple[Case, ...]

    def __call__(self, name: str) -> data.CaseSets:
        return data.build(name, self.edges(), self.draw, self.train, self.test, self.shift_draw, self.boundary)


@dataclass(frozen=True)
class _Problem:
    """One PSB1 problem as this module states it: what its spec is made of."""

    kind: str
    params: tuple[str, ...]
    types: tuple[str, ...]  #: the type names search gives the parameters
    returns: str
    primitives: tuple[str, ...]
    oracle: Callable[..., Any]
    properties: tuple[Property, ...]
    cases: Callable[[str], data.CaseSets]  #: the case sets, from the spec's name (the seed)
    domain: Domain
    shifted: str  #: the shifted domain's description
    description: str
    notes: str
    equal: Callable[[Any, Any], bool] = exact


_ONE_TO_HUNDRED = tuple((n,) for n in range(1, 101))


def _sum_of_squares_cases(name: str) -> data.CaseSets:
    """Sum of squares: the domain 1..100 is finite, the test set is all of it (as the suite has it)."""
    edge = data.sum_of_squares_edges()
    rng = random.Random(f"psb-train:{name}")
    rest = sorted(rng.sample([n for n in range(1, 101) if (n,) not in edge], 50 - len(edge)))
    shifted_rng = random.Random(f"psb-shift:{name}")
    shifted = ((0,), (101,), (1000,)) + tuple((shifted_rng.randint(101, 1000),) for _ in range(data.SHIFTED_CASES - 3))
    return data.CaseSets(edge, edge + tuple((n,) for n in rest), _ONE_TO_HUNDRED, shifted)

#: The nine PSB1 problems, in the order :func:`psb_specs` gives them.
_PROBLEMS = (
    _Problem(
        "count-odds", ("values",), ("IntList",), "Int", LIST_PRIMITIVES + ("SUB",) + ELEMENT_PRIMITIVES,
        count_odds, COUNT_ODDS_PROPERTIES,
        _Draw(data.count_odds_edges, lambda r: (data.int_list(r, -1000, 1000, 50),), 200, 2000,
              lambda r: (data.shifted_list(r),), (([],), ([_WIDE, -_WIDE, _WIDE - 1, 1 - _WIDE],), ([-1] * 1000,))),
        Domain("lists of at most 50 ints in [-1000, 1000]", _strategy(_ints)),
        SHIFT_LISTS, "Return how many of the values are odd.",
        "PSB1 count-odds: train 200 (the empty list, 25 of length 1, 6 of length 2, then random), test 2000."),
    _Problem(
        "smallest", ("a", "b", "c", "d"), ("Int",) * 4, "Int", ("MIN", "MAX", "LT", "IF", "ADD", "SUB"),
        smallest, SMALLEST_PROPERTIES,
        _Draw(data.smallest_edges, lambda r: tuple(r.randint(-100, 100) for _ in range(4)), 100, 1000,
              lambda r: tuple(r.randint(-_WIDE, _WIDE) for _ in range(4)),
              ((_WIDE,) * 4, (-_WIDE,) * 4, (_WIDE, -_WIDE, _WIDE, -_WIDE), (0, 0, 0, -1))),
        Domain("four ints in [-100, 100]", _strategy(lambda st: st.tuples(*[st.integers(-100, 100)] * 4))),
        "a seeded sample of four ints in [-10^6, 10^6], with their extremes",
        "Return the smallest of the four integers.", "PSB1 smallest: train 100 (5 edge cases), test 1000."),
    _Problem(
        "median", ("a", "b", "c"), ("Int",) * 3, "Int", ("MIN", "MAX", "LT", "IF", "ADD", "SUB"),
        median, MEDIAN_PROPERTIES,
        _Draw(lambda: (), data.median_draw, 100, 1000, lambda r: tuple(v * 10000 for v in data.median_draw(r)),
              ((_WIDE, _WIDE, -_WIDE), (-_WIDE, _WIDE, 0), (_WIDE,) * 3)),
        Domain("three ints in [-100, 100]", _strategy(lambda st: st.tuples(*[st.integers(-100, 100)] * 3))),
        "a seeded sample of three ints in [-10^6, 10^6] (the suite's mix of ties, scaled up)",
        "Return the median of the three integers.",
        "PSB1 median: train 100, test 1000, all random: 60% distinct, 30% two equal, 10% all equal."),
    _Problem(
        "last-index-of-zero", ("values",), ("IntList",), "Int",
        ("INDICES_WHERE", "LAST", "LEN", "SUB", "COUNT_IF", "FILTER") + ELEMENT_PRIMITIVES,
        last_index_of_zero, LAST_INDEX_PROPERTIES,
        _Draw(data.last_index_of_zero_edges, lambda r: (data.last_index_list(r, r.randint(1, 50), -50, 50),), 150, 1000,
              lambda r: (data.last_index_list(r, r.randint(51, data.LONG), -_WIDE, _WIDE),),
              (([0] + [_WIDE] * 999,), ([-_WIDE] * 999 + [0],), ([0] * 1000,))),
        Domain("lists of 1 to 50 ints in [-50, 50] holding at least one 0", _strategy(
            lambda st: st.tuples(st.lists(st.integers(-50, 50), min_size=0, max_size=49).flatmap(
                lambda values: st.integers(0, len(values)).map(lambda at: values[:at] + [0] + values[at:]))))),
        "a seeded sample of lists of 51 to 1,000 values in [-10^6, 10^6] with zeros, and a zero at either end",
        "Return the index of the last 0 in the list.",
        "PSB1 last-index-of-zero: train 150 (length 2, all zeros, permutations of length 4), test 1000."),
    _Problem(
        "vector-average", ("values",), ("FloatList",), "Float", ("SUM", "LEN", "DIV", "ADD", "SUB", "MUL"),
        vector_average, VECTOR_AVERAGE_PROPERTIES,
        _Draw(data.vector_average_edges, lambda r: ([r.uniform(-1000, 1000) for _ in range(r.randint(1, 50))],),
              250, 2550, lambda r: ([r.uniform(-_WIDE, _WIDE) for _ in range(r.randint(51, data.LONG))],),
              (([float(_WIDE)],), ([float(-_WIDE)] * 1000,), ([1e6, -1e6],))),
        Domain("lists of 1 to 50 floats in [-1000, 1000]", _strategy(lambda st: st.tuples(st.lists(
            st.floats(-1000, 1000, allow_nan=False, allow_infinity=False), min_size=1, max_size=50)))),
        "a seeded sample of lists of 51 to 1,000 floats in [-10^6, 10^6], and extremes",
        "Return the mean of the values (to 4 decimal places).",
        "PSB1 vector-average: train 250 (5 of length 1, 5 of length 2), test 2550; outputs agree "
        "within 1e-4.", equal=AVERAGE_TOLERANCE),
    _Problem(
        "negative-to-zero", ("values",), ("IntList",), "IntList", ("MAP", "FILTER") + ELEMENT_PRIMITIVES,
        negative_to_zero, NEGATIVE_TO_ZERO_PROPERTIES,
        _Draw(data.negative_to_zero_edges, lambda r: (data.int_list(r, -1000, 1000, 50),), 200, 2000,
              lambda r: (data.shifted_list(r),), (([],), ([-_WIDE] * 1000,), ([_WIDE, -_WIDE],), ([-1, 0, 1],))),
        Domain("lists of at most 50 ints in [-1000, 1000]", _strategy(_ints)),
        SHIFT_LISTS, "Return the list with every negative value replaced by 0.",
        "PSB1 negative-to-zero: train 200 (the empty list, 10 of length 1, 6 of length 2), test 2000."),
    _Problem(
        "small-or-large", ("n",), ("Int",), "Str", ("IF", "LT", "LE", "AND", "OR", "NOT"),
        small_or_large, SMALL_OR_LARGE_PROPERTIES,
        _Draw(data.small_or_large_edges, lambda r: (r.randint(-10000, 10000),), 100, 1000,
              lambda r: (r.randint(-_WIDE, _WIDE),), ((-_WIDE,), (_WIDE,), (999,), (1000,), (1999,), (2000,))),
        Domain("ints in [-10000, 10000] (the thresholds' neighbours drawn often)", _strategy(
            lambda st: st.tuples(st.one_of(st.sampled_from((999, 1000, 1999, 2000)), st.integers(-10000, 10000))))),
        "a seeded sample of ints in [-10^6, 10^6], with the thresholds and their neighbours",
        "Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise.",
        "PSB1 small-or-large: train 100 (the thresholds' neighbourhoods), test 1000."),
    _Problem(
        "sum-of-squares", ("n",), ("Count",), "Int", ("RANGE", "MAP", "SUM", "LEN", "FILTER") + ELEMENT_PRIMITIVES,
        sum_of_squares, SUM_OF_SQUARES_PROPERTIES, _sum_of_squares_cases,
        Domain("the ints 1 to 100", _strategy(lambda st: st.tuples(st.integers(1, 100))), _ONE_TO_HUNDRED),
        "0 and a seeded sample of ints in [101, 1000]",
        "Return the sum of the squares of 1, 2, ..., n.",
        "PSB1 sum-of-squares: train 50 (n = 1..5 and 100), test all 100 values of n."),
    _Problem(
        "compare-string-lengths", ("s1", "s2", "s3"), ("Str",) * 3, "Bool",
        ("LEN", "LT", "LE", "EQ", "AND", "OR", "NOT", "IF"), compare_string_lengths, COMPARE_LENGTHS_PROPERTIES,
        _Draw(data.compare_string_lengths_edges, lambda r: tuple(data.text(r, 49) for _ in range(3)), 100, 1000,
              lambda r: tuple(data.text(r, 500) for _ in range(3)),
              (("", "a" * 500, "b" * 1000), ("a" * 1000, "", ""), ("a", "a", "a"))),
        Domain("three strings of at most 49 visible characters", _strategy(
            lambda st: st.tuples(*[st.text(alphabet=data.CHARACTERS, max_size=49)] * 3))),
        "a seeded sample of three strings of up to 500 characters, and extremes",
        "Return True when len(s1) < len(s2) < len(s3).",
        "PSB1 compare-string-lengths: train 100 (all empty, permutations, two empty, two equal), test 1000."),
)


def psb_specs() -> tuple[Spec, ...]:
    """The nine PSB1 specs, in the order of :data:`_PROBLEMS`."""
    return tuple(psb_spec(name) for name in psb_spec_names())


def psb_spec_names() -> tuple[str, ...]:
    """The specs' names, in :func:`psb_specs`' order, building none."""
    return tuple(f"psb-{problem.kind}" for problem in _PROBLEMS)


@lru_cache(maxsize=None)
def psb_spec(name: str) -> Spec:
    """The spec called ``name`` (``KeyError`` for another), its cases drawn on first use: the
    same object :func:`psb_specs` lists (each problem's cases are seeded by its name alone)."""
    problems = {f"psb-{problem.kind}": problem for problem in _PROBLEMS}
    return _spec(problems[name])


def _spec(problem: _Problem) -> Spec:
    """The spec of one problem: its cases drawn, the oracle's own property first."""
    name = f"psb-{problem.kind}"
    sets = problem.cases(name)
    return Spec(
        name=name, family=FAMILY, kind=problem.kind, entry=problem.kind.replace("-", "_"), params=problem.params,
        outputs=("result",), primitives=problem.primitives, oracle=problem.oracle,
        properties=(oracle_property(problem.oracle, problem.equal),) + problem.properties,
        domain=problem.domain, training=sets.training, held_out=sets.test,
        shifted=Domain(problem.shifted, _sampled(sets.shifted), sets.shifted), size=len(problem.params),
        description=problem.description, notes=problem.notes,
        extra={"edge_cases": sets.edge, "types": problem.types, "returns": problem.returns}, equal=problem.equal)
