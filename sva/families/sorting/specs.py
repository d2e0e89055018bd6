"""The sorting-network family: sort n comparable values with compare-exchanges only.

The entry ``sort_<n>(values)`` takes a list of n values and returns a new list of them in
non-decreasing order. Primitives: ``COPY`` (``wires = list(values)``: the entry works on its own
list) and ``COMPARE_EXCHANGE`` (``if wires[j] < wires[i]: wires[i], wires[j] = wires[j],
wires[i]``: wire i keeps the smaller value). Both generators emit exactly that form, so an
artifact is a comparator network that can be traced and checked bit-sliced
(:mod:`sva.families.sorting.networks`).

* training (what search's fitness sees): the ``2^n`` binary vectors, vector r carrying bit k of
  r at position k. By the 0-1 principle a comparator network sorts every input iff it sorts these.
* held out: 200 distinct integer lists with values in ``0..max(3, n // 2)``, so duplicates are
  common, none of them binary; drawn once with a generator seeded by the spec name (reproducible,
  PYTHONHASHSEED-independent) and stored as cases.
* shifted: lists mixing what training never shows: negative numbers, floats, runs of equal values.
* domain: lists of n integers (infinite; the verification is the 0-1 principle).
"""

from __future__ import annotations

import random
from collections import Counter
from functools import lru_cache
from itertools import product
from typing import Any, Callable

from sva.core.spec import Case, Domain, Property, Spec, oracle_property

FAMILY = "sorting"
KIND = "network"
#: The sizes registered as specs.
SIZES = (4, 5, 6, 7, 8, 10, 12, 16)
HELD_OUT_CASES = 200


def binary_vectors(n: int) -> tuple[Case, ...]:
    """The ``2^n`` binary inputs as cases ``(values,)``; vector r carries bit k of r at position k."""
    # product() varies its last position fastest; reversed, position k carries bit k of r.
    return tuple((bits[::-1],) for bits in product((0, 1), repeat=n))


def held_out_cases(name: str, n: int, count: int = HELD_OUT_CASES) -> tuple[Case, ...]:
    """``count`` distinct non-binary integer lists with duplicates, seeded by the spec name.

    ``random.Random`` seeded with a string hashes it with SHA-512: the same cases in every
    process, whatever PYTHONHASHSEED.
    """
    top = max(3, n // 2)
    if (top + 1) ** n - 2 ** n < count:
        raise ValueError(f"only {(top + 1) ** n - 2 ** n} non-binary lists exist for n={n}, need {count}")
    chooser = random.Random(f"held-out:{name}")
    cases: list[Case] = []
    seen: set[tuple[int, ...]] = set()
    while len(cases) < count:
        values = tuple(chooser.randint(0, top) for _ in range(n))
        if values in seen or max(values) <= 1:
            continue
        seen.add(values)
        cases.append((values,))
    return tuple(cases)


def _domain_strategy(n: int) -> Callable[[], Any]:
    def build() -> Any:
        from hypothesis import strategies as st

        return st.lists(st.integers(), min_size=n, max_size=n)

    return build


def _shift_strategy(n: int) -> Callable[[], Any]:
    def build() -> Any:
        from hypothesis import strategies as st

        def lists(elements: Any) -> Any:
            return st.lists(elements, min_size=n, max_size=n)

        finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
        return st.one_of(
            lists(st.integers(max_value=-1)),                                   # negative numbers
            lists(finite),                                                      # floats
            lists(st.one_of(st.integers(-5, 5), st.sampled_from([-0.5, 0.0, 0.5, 1.0]))),  # mixed
            st.integers(-3, 3).flatmap(lambda value: lists(                    # many equal values
                st.one_of(st.just(value), st.just(value), st.integers(-3, 3)))),
        )

    return build


def _sorted_output(values: Any) -> list[Any]:
    return sorted(values)


def _is_sorted(entry: Callable[..., Any], case: Case) -> bool:
    output = entry(*case)
    return all(not (later < earlier) for earlier, later in zip(output, output[1:]))


def _is_permutation(entry: Callable[..., Any], case: Case) -> bool:
    (values,) = case
    output = entry(*case)
    return len(output) == len(values) and Counter(output) == Counter(values)


def sorting(n: int) -> Spec:
    """Sort n values with a comparator network."""
    name = f"sort-{n}"
    training = binary_vectors(n)
    return Spec(
        name=name,
        family=FAMILY,
        kind=KIND,
        entry=f"sort_{n}",
        params=("values",),
        outputs=("sorted",),
        primitives=("COPY", "COMPARE_EXCHANGE"),
        oracle=_sorted_output,
        properties=(
            oracle_property(_sorted_output),
            Property("sorted", "the output is in non-decreasing order", _is_sorted),
            Property("permutation", "the output is a rearrangement of the input (same length, same "
                                    "values with the same multiplicities)", _is_permutation),
        ),
        domain=Domain(f"lists of {n} integers", _domain_strategy(n)),
        training=training,
        held_out=held_out_cases(name, n),
        shifted=Domain(f"lists of {n} negative numbers, floats, or many equal values",
                       _shift_strategy(n)),
        size=n,
        description=f"Return the {n} values sorted in non-decreasing order, using compare-exchanges only.",
        notes=f"A comparator network on {n} wires. Training: all {len(training)} binary vectors "
              f"(0-1 principle); held out: {HELD_OUT_CASES} integer lists with duplicates; shift: "
              f"negative numbers, floats, many equal values.",
    )


def sorting_specs() -> tuple[Spec, ...]:
    """The eight sorting specs, smallest first."""
    return tuple(sorting_spec(name) for name in sorting_spec_names())


def sorting_spec_names() -> tuple[str, ...]:
    """The specs' names, in :func:`sorting_specs`' order, building none."""
    return tuple(f"sort-{n}" for n in SIZES)


@lru_cache(maxsize=None)
def sorting_spec(name: str) -> Spec:
    """The spec called ``name`` (``KeyError`` for another), built on first use (sort-16's
    training set is all 65,536 binary vectors): the same object :func:`sorting_specs` lists."""
    sizes = {f"sort-{n}": n for n in SIZES}
    return sorting(sizes[name])
