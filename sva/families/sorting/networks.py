"""Pure functions on comparator networks: layering, depth, the 0-1 check, the record.

A network is a sequence of comparators ``(i, j)``; after comparator ``(i, j)`` wire ``i`` holds
the smaller of the two values and wire ``j`` the larger (with ``i < j`` the network sorts
ascending). One home for these functions: search's fitness, the trust evaluator's
verification and the report all use them.

**Parallel depth** (:func:`layers`): greedy layering where a comparator goes into the layer
after the last layer that touched either of its wires. For the optimal 4-input network
``(0,1) (2,3) (0,2) (1,3) (1,2)`` the layers are ``[(0,1),(2,3)] [(0,2),(1,3)] [(1,2)]``, depth 3.
(DEAP's sorting-network example draws ``(0,2)`` and ``(1,3)`` in separate layers because their
wire intervals overlap, and reports 4.)

**Bit-sliced 0-1 check** (:func:`wire_masks`): by the 0-1 principle a network sorts every input
iff it sorts all ``2^n`` binary vectors. Input ``r`` (``0 <= r < 2^n``) puts bit ``k`` of ``r`` on
wire ``k``. Wire ``k`` is then a Python int whose bit ``r`` is wire ``k``'s value on input ``r``;
comparator ``(i, j)`` is ``w_i, w_j = w_i & w_j, w_i | w_j`` (min is AND, max is OR). Input ``r``
is left unsorted iff some wire ``k`` holds 1 while wire ``k + 1`` holds 0, so
``unsorted = popcount(OR_k (w_k & ~w_{k+1}))``. Worked example, n = 2, no comparators: inputs
r = 0..3 are (w0, w1) = (0,0), (1,0), (0,1), (1,1); w0 = 0b1010, w1 = 0b1100;
w0 & ~w1 = 0b0010: one unsorted input (r = 1, i.e. [1, 0]). After comparator (0, 1):
w0 = 0b1000, w1 = 0b1110, w0 & ~w1 = 0: sorted.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Sequence

from sva.errors import InputError, UsageError

#: ``(i, j)``: after it, wire ``i`` holds the smaller value and wire ``j`` the larger.
Comparator = tuple[int, int]

__all__ = [
    "Comparator", "apply_network", "best_known", "depth", "initial_masks", "layers", "record",
    "sorts_all_binary", "unsorted_count", "unsorted_mask", "wire_masks",
]


def _pair(comparator: Any) -> Comparator:
    try:
        i, j = comparator
        i, j = int(i), int(j)
    except (TypeError, ValueError):
        raise UsageError(f"expected a comparator (i, j) of two wire indices, got {comparator!r}") from None
    if i == j or i < 0 or j < 0:
        raise UsageError(f"a comparator needs two distinct non-negative wires, got {comparator!r}")
    return i, j


def layers(pairs: Iterable[Comparator]) -> list[list[Comparator]]:
    """Greedy parallel layering: each comparator goes into the layer after the last one that
    touched either of its wires; comparators keep their order inside a layer."""
    result: list[list[Comparator]] = []
    last: dict[int, int] = {}  # wire -> index of the last layer that touched it
    for comparator in pairs:
        i, j = _pair(comparator)
        layer = max(last.get(i, -1), last.get(j, -1)) + 1
        if layer == len(result):
            result.append([])
        result[layer].append((i, j))
        last[i] = last[j] = layer
    return result


def depth(pairs: Iterable[Comparator], wires: int | None = None) -> int:
    """Parallel depth: the number of greedy layers, ``len(layers(pairs))``.

    Computed without building the layers: each wire remembers the layer that last touched it.
    ``wires`` is for callers that guarantee every comparator is a pair of distinct ints in
    ``0..wires-1`` (search's fitness, which calls this on every individual): it skips validation.
    """
    if wires is None:
        pairs = [_pair(comparator) for comparator in pairs]
        wires = 1 + max((max(pair) for pair in pairs), default=-1)
    level = [0] * wires
    for i, j in pairs:
        a, b = level[i], level[j]
        if a < b:
            a = b
        level[i] = level[j] = a + 1
    return max(level, default=0)


@lru_cache(maxsize=32)
def initial_masks(n: int) -> tuple[int, ...]:
    """Wire ``k``'s bitmask over the ``2^n`` binary inputs before any comparator: bit ``r`` is
    bit ``k`` of ``r`` (blocks of ``2^k`` zeros then ``2^k`` ones, repeated)."""
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise UsageError(f"expected a non-negative number of wires, got n={n!r}")
    full = (1 << (1 << n)) - 1
    masks = []
    for k in range(n):
        half = 1 << k
        block = ((1 << half) - 1) << half            # one period: 2^k zeros, then 2^k ones
        repeat = full // ((1 << (2 * half)) - 1)      # a 1 at the start of every period
        masks.append(block * repeat)
    return tuple(masks)


def wire_masks(pairs: Iterable[Comparator], n: int) -> list[int]:
    """Bit-sliced run of the network over all ``2^n`` binary inputs: wire ``k``'s final mask."""
    wires = list(initial_masks(n))
    for comparator in pairs:
        i, j = _pair(comparator)
        if i >= n or j >= n:
            raise UsageError(f"comparator {comparator!r} names a wire outside 0..{n - 1}")
        wi, wj = wires[i], wires[j]
        wires[i], wires[j] = wi & wj, wi | wj
    return wires


def unsorted_mask(masks: Sequence[int]) -> int:
    """Bit ``r`` set iff input ``r`` is left unsorted: ``OR_k (w_k & ~w_{k+1})``."""
    bad = 0
    for low, high in zip(masks, masks[1:]):
        bad |= low & ~high
    return bad


def first_unsorted_input(mask: int, n: int) -> list[int] | None:
    """The lowest-numbered binary input set in ``mask`` (an :func:`unsorted_mask`) as a list
    (input ``r`` puts bit ``k`` of ``r`` on wire ``k``); None when the mask is empty."""
    if not mask:
        return None
    r = (mask & -mask).bit_length() - 1
    return [(r >> k) & 1 for k in range(n)]


def unsorted_count(pairs: Iterable[Comparator], n: int) -> int:
    """How many of the ``2^n`` binary inputs the network leaves unsorted (bit-sliced)."""
    return unsorted_mask(wire_masks(pairs, n)).bit_count()


def sorts_all_binary(pairs: Iterable[Comparator], n: int) -> bool:
    """True iff the network sorts every binary input, hence (0-1 principle) every input."""
    return unsorted_count(pairs, n) == 0


def apply_network(pairs: Iterable[Comparator], values: Sequence[Any]) -> list[Any]:
    """Per-vector reference: run the network on one list (elements are swapped, never copied)."""
    wires = list(values)
    for comparator in pairs:
        i, j = _pair(comparator)
        if wires[j] < wires[i]:
            wires[i], wires[j] = wires[j], wires[i]
    return wires


@lru_cache(maxsize=1)
def _record_data() -> dict[str, Any]:
    try:
        text = resources.files("sva.families.sorting").joinpath("data/sorting_record.json").read_text("utf-8")
        return json.loads(text)
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read the sorting-network record sva/families/sorting/data/sorting_record.json: "
                         f"{error}; reinstall the package") from None


def record() -> list[dict]:
    """The record table (n = 1..16): ``n``, ``size``, ``size_status``, ``depth``, ``note``, and
    ``sources`` (the citations for the whole table) on every row, for the report."""
    data = _record_data()
    return [dict(row, sources=list(data["sources"])) for row in data["rows"]]


def best_known(n: int) -> tuple[int, int]:
    """``(size, depth)`` of the best known sorting network on ``n`` wires (n = 1..16)."""
    for row in _record_data()["rows"]:
        if row["n"] == n:
            return int(row["size"]), int(row["depth"])
    raise UsageError(f"the sorting-network record covers n = 1..16, got n={n!r}")
