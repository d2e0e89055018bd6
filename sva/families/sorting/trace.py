"""Comparator networks measured by tracing: size, depth, and verification by the 0-1 principle.

Any artifact of a network spec (design, search, or a user's) is measured the same way, so a
recursive design and a flat search output are counted alike: the family's probe, run in the
sandbox, calls the entry once on ``n`` *tracer* objects already in ascending
order. Each comparison between two tracers records the pair of their original wire indices
and answers truthfully, so a standard compare-exchange (``if wires[j] < wires[i]: swap``) never
exchanges and every tracer stays on its wire: the recorded pairs, in execution order, are the
network. From it: ``comparators`` = its length, ``depth`` = greedy parallel layering
(:func:`sva.families.sorting.networks.depth`, the same function search's fitness uses).

Worked example: the optimal 4-input network written as five compare-exchanges traces to
``[(0,1), (2,3), (0,2), (1,3), (1,2)]``: 5 comparators, depth 3.

**Is it a network at all?** One trace on sorted input cannot tell a comparator network from
code whose comparisons depend on the data (``sorted(values)`` compares neighbours once on sorted
input, which looks like a 3-comparator network on 4 wires). So the job then *replays*: on the
descending input and a few seeded random permutations it records which input values each
comparison touches and checks that they are exactly the ones the traced network would compare,
in the same order, and that the output is the one the network gives. Any difference, a
comparison with something that is not an input value (``wires[0] < 5``), using a value as a
truth value, or arithmetic on values, ends the trace with a reason instead of a number.

**Verified** (for a network spec, whose domain is infinite; decided by :func:`assess` for the
trust evaluator): the traced network sorts all ``2^n`` binary inputs, checked bit-sliced in the
parent on the recorded pairs alone (pure data, no execution:
:func:`sva.families.sorting.networks.sorts_all_binary`), so by the 0-1 principle it sorts every input;
*and* the artifact agrees with the traced network on the spec's held-out inputs and the sample
of its shifted domain (same objects in the same order: it behaves as that network there too).
The trust worker runs the same trace (:func:`probe`) at the end of its baseline run, after
coverage stops, on the shifted sample its spec checks drew. A failing 0-1 check gives the first
unsorted binary input as the counterexample, with the artifact's own output on it.

Known limits: an artifact that compares each pair twice per exchange (``min``/``max`` style) is
counted twice; a comparator that puts the larger value on the lower wire is not standard and
is reported as "not a network" (the replay catches the exchange it makes on sorted input).
"""

from __future__ import annotations

import operator
import random
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from sva.families.sorting.networks import Comparator, apply_network, best_known, depth, first_unsorted_input, \
    unsorted_mask, wire_masks

__all__ = ["NetworkCheck", "assess", "network_fields", "probe"]

#: Random permutations replayed after the sorted trace (plus the descending input).
REPLAYS = 8


# --------------------------------------------------------------------------------------------
# The sandboxed side (the family's probe, run by the trust worker or the probe job)


class _NotANetwork(Exception):
    """The artifact did something a comparator network does not do."""


class _Log:
    """The comparisons of one call, and the first misuse of a value (kept even if the artifact
    catches the exception it raised)."""

    def __init__(self) -> None:
        self.pairs: list[tuple[int, int]] = []
        self.misuse: str | None = None

    def fail(self, message: str) -> None:
        if self.misuse is None:
            self.misuse = message
        raise _NotANetwork(message)


class _Tracer:
    """An input value on wire ``index``: comparisons are recorded and answered by ``value``."""

    __slots__ = ("index", "value", "log")

    def __init__(self, index: int, value: int, log: _Log) -> None:
        self.index, self.value, self.log = index, value, log

    def _compare(self, other: Any, test: Callable[[int, int], bool]) -> bool:
        if not isinstance(other, _Tracer) or other.log is not self.log:
            self.log.fail(f"compares an input value with {type(other).__name__} {other!r:.40}, "
                          f"not with another input value")
        self.log.pairs.append((self.index, other.index))
        return test(self.value, other.value)

    def __lt__(self, other: Any) -> bool:
        return self._compare(other, operator.lt)

    def __le__(self, other: Any) -> bool:
        return self._compare(other, operator.le)

    def __gt__(self, other: Any) -> bool:
        return self._compare(other, operator.gt)

    def __ge__(self, other: Any) -> bool:
        return self._compare(other, operator.ge)

    def __bool__(self) -> bool:
        self.log.fail("uses an input value as a truth value")
        return False  # pragma: no cover - fail raises

    def __repr__(self) -> str:
        return f"<input value from wire {self.index}>"


def _call(entry: Callable[..., Any], values: list[int]) -> tuple[list[int], list[tuple[int, int]]]:
    """Call the entry on tracers carrying ``values``; return the wire indices of the tracers it
    returned, in order, and the compared pairs (wire indices, as compared)."""
    log = _Log()
    tracers = [_Tracer(index, value, log) for index, value in enumerate(values)]
    try:
        output = entry(tracers)
    except _NotANetwork:
        raise
    except Exception as error:  # the artifact's failure on tracers: a reason, not a crash
        if log.misuse is not None:
            raise _NotANetwork(log.misuse) from None
        raise _NotANetwork(f"raises {type(error).__name__}: {str(error)[:120]} when run on input values "
                           f"that only support comparison") from None
    if log.misuse is not None:
        raise _NotANetwork(log.misuse)
    if not isinstance(output, (list, tuple)) or len(output) != len(values):
        raise _NotANetwork(f"returns {type(output).__name__} {output!r:.60}, not a list of its {len(values)} "
                           f"input values")
    if not all(isinstance(item, _Tracer) and item.log is log for item in output):
        raise _NotANetwork("returns values that are not its input values (a network only moves them)")
    return [item.index for item in output], log.pairs


def _trace(entry: Callable[..., Any], n: int, replays: int, seed: int = 0) -> list[Comparator]:
    """The network the entry performs on sorted input, checked by replay on other inputs."""
    order, compared = _call(entry, list(range(n)))
    if order != list(range(n)):
        raise _NotANetwork(f"moves values that are already in order (it returns wires {order} for sorted "
                           f"input), so it is not a standard network: every comparator must put the smaller "
                           f"value on the lower wire")
    pairs: list[Comparator] = []
    for a, b in compared:
        if a == b:
            raise _NotANetwork(f"compares the value on wire {a} with itself")
        pairs.append((min(a, b), max(a, b)))
    rng = random.Random(seed)
    inputs = [list(range(n - 1, -1, -1))]
    for _ in range(replays):
        permutation = list(range(n))
        rng.shuffle(permutation)
        inputs.append(permutation)
    for values in inputs:
        order, compared = _call(entry, values)
        wires, expected = list(range(n)), []
        for i, j in pairs:  # the traced network, run on which input position sits on which wire
            expected.append(tuple(sorted((wires[i], wires[j]))))
            if values[wires[j]] < values[wires[i]]:
                wires[i], wires[j] = wires[j], wires[i]
        actual = [tuple(sorted(pair)) for pair in compared]
        if actual != expected:
            step = next((k for k, (x, y) in enumerate(zip(actual, expected)) if x != y), min(len(actual), len(expected)))
            did = f"is between input positions {actual[step]}" if step < len(actual) else "never comes"
            should = f"compares {expected[step]}" if step < len(expected) else "has finished"
            raise _NotANetwork(f"makes comparisons that depend on the input: on input {values} its comparison "
                               f"{step + 1} {did}, where the network it performs on sorted input {should}")
        if order != wires:
            raise _NotANetwork(f"on input {values} it returns input positions {order}, but the comparisons it "
                               f"made put them in the order {wires}: it moves values other than by exchanges")
    return pairs


def _same(got: Any, want: Any) -> bool:
    """The same objects in the same order (equal values of one type count as the same)."""
    if not isinstance(got, (list, tuple)) or len(got) != len(want):
        return False
    return all(x is y or (type(x) is type(y) and x == y) for x, y in zip(got, want))


def _agreement(entry: Callable[..., Any], pairs: list[Comparator], cases: list[tuple]) -> dict[str, Any]:
    """How often the artifact's output is the traced network's output on ``cases``."""
    from sva.core.values import encode

    agreed, first = 0, None
    for case in cases:
        values = list(case[0])
        want = apply_network(pairs, list(values))
        try:
            got: Any = entry(list(values))
        except Exception as error:  # the artifact's failure is a disagreement
            got = f"raised {type(error).__name__}: {str(error)[:120]}"
        if _same(got, want):
            agreed += 1
        elif first is None:
            first = {"args": {"values": encode(values)}, "property": "behaves as the traced network",
                     "expected": encode(want), "got": encode(got)}
    return {"cases": len(cases), "agreed": agreed, "first_disagreement": first}


def _binary_counterexample(entry: Callable[..., Any], pairs: list[Comparator], n: int) -> dict[str, Any] | None:
    """The first binary input (in order r = 0, 1, ...) the traced network leaves unsorted, with
    the artifact's own output on it; None when it sorts them all."""
    from sva.core.values import encode

    vector = first_unsorted_input(unsorted_mask(wire_masks(pairs, n)), n)
    if vector is None:
        return None
    try:
        got: Any = encode(entry(list(vector)))
    except Exception as error:
        got = f"raised {type(error).__name__}: {str(error)[:120]}"
    return {"args": {"values": vector}, "property": "sorted", "expected": sorted(vector), "got": got}


def probe(entry: Callable[..., Any], n: int, cases: list[tuple] | None = None,
          replays: int = REPLAYS) -> dict[str, Any]:
    """Trace the entry as a network on ``n`` wires; with ``cases`` (held-out and shifted inputs)
    also check that it behaves as that network there, and find the first binary input the
    network leaves unsorted. ``{"network": [[i, j], ...], "agreement", "binary_counterexample"}``
    or ``{"reason": ...}`` when it is not a comparator network."""
    try:
        pairs = _trace(entry, n, replays)
    except _NotANetwork as error:
        return {"reason": f"not a comparator network (so it has no size or depth as one): the artifact {error}"}
    result: dict[str, Any] = {"network": [list(pair) for pair in pairs], "agreement": None,
                              "binary_counterexample": None}
    if cases is not None:
        result["agreement"] = _agreement(entry, pairs, cases)
        result["binary_counterexample"] = _binary_counterexample(entry, pairs, n)
    return result


# --------------------------------------------------------------------------------------------
# The caller's side


def network_fields(pairs: list[Comparator], n: int) -> dict[str, Any]:
    size, best_depth = best_known(n)
    return {"comparators": len(pairs), "depth": depth(pairs), "best_known_comparators": size,
            "best_known_depth": best_depth, "network": [list(pair) for pair in pairs]}


@dataclass(frozen=True)
class NetworkCheck:
    """What the trust evaluator learns about a network artifact.

    ``fields`` are :func:`network_fields`'s plus ``binary_inputs``, ``unsorted_binary_inputs``,
    ``checked_cases`` and ``agreeing_cases``; None (with ``reason``) when it is not a network.
    """

    fields: dict[str, Any] | None
    verified: bool | None
    counterexample: dict[str, Any] | None
    reason: str | None
    note: str | None


def assess(value: Mapping[str, Any] | None, spec: Any) -> NetworkCheck:
    """Judge a :func:`probe` result (from the trust worker's baseline run): the 0-1 principle is
    checked here on the traced pairs (bit-sliced, pure data), agreement is read from the probe."""
    if value is None:
        return NetworkCheck(None, None, None, "no network probe", None)
    if value.get("reason"):
        reason = value["reason"]
        return NetworkCheck(None, None, None, reason,
                            f"not verified: {reason} (the 0-1 principle holds for comparator networks only)")
    n = spec.size
    pairs = [(int(i), int(j)) for i, j in value["network"]]
    unsorted = unsorted_mask(wire_masks(pairs, n)).bit_count()
    sorts = unsorted == 0
    agreement = value.get("agreement") or {"cases": 0, "agreed": 0, "first_disagreement": None}
    agrees = agreement["agreed"] == agreement["cases"]
    fields = {**network_fields(pairs, n), "binary_inputs": 1 << n, "unsorted_binary_inputs": unsorted,
              "checked_cases": agreement["cases"], "agreeing_cases": agreement["agreed"]}
    counterexample = None
    if not sorts:
        counterexample = value.get("binary_counterexample")
        note = (f"not verified: the traced network ({len(pairs)} comparators) leaves {unsorted} of the "
                f"{1 << n} binary inputs unsorted")
    elif not agrees:
        counterexample = agreement["first_disagreement"]
        note = (f"not verified: the traced network sorts every 0-1 input, but the artifact differs from it on "
                f"{agreement['cases'] - agreement['agreed']} of {agreement['cases']} held-out and shifted inputs")
    else:
        note = (f"verified by the 0-1 principle: the traced network ({len(pairs)} comparators, depth "
                f"{fields['depth']}) sorts all {1 << n} binary inputs, and the artifact behaves as that "
                f"network on {agreement['cases']} held-out and shifted inputs")
    return NetworkCheck(fields, sorts and agrees, counterexample, None, note)
