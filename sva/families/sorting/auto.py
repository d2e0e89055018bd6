"""The sorting family's ``design-auto``: a comparator network found from the 0-1 training rows alone.

The generator reads only the spec's brief (:func:`sva.core.brief.brief_of`): the entry's one
parameter, the primitives (``COPY``, ``COMPARE_EXCHANGE``) and the labelled training rows, here
lists of 0s and 1s with their outputs. Three steps, each recorded as a decision:

1. **What the function is.** Every training output is checked to be its input's values in
   non-decreasing order; one that is not refuses the spec in one line (this designer builds
   sorting networks only).
2. **Why 0-1 rows suffice.** Every one of the ``2^n`` 0-1 lists of length ``n`` is checked to be
   among the training rows; then, by the 0-1 principle, a comparator network that sorts them
   sorts every list, so nothing is left to fill: the function is pinned down by the rows.
3. **The network.** ``sort(m)`` sorts the first ``ceil(m/2)`` wires and the rest on their own and
   merges the two runs; a merge of runs of ``p`` and ``q`` wires is *searched*, greedily, on the
   ``(p+1)(q+1)`` 0-1 lists that are two sorted runs: each step adds the compare-exchange (over
   every pair of the ``p+q`` wires) that removes the most inversions left among those lists
   (ties: the shortest span, then the lowest wire), until all are sorted. A compare-exchange that
   removes an inversion never adds one on a 0-1 list, so the search always ends.

Each helper (``sort_<m>_wires``, ``merge_<p>_<q>``) gets the story of the step that made it,
quoting its evidence, and the family's in-place contract
(:class:`~sva.families.sorting.primitives.WiresContract`). The manifest's ``search`` block
records the candidates tried (``evaluations``: compare-exchanges scored), the 0-1 lists read
(``rows_examined``), the comparators of the network and every decision. Worked example, ``n = 4``:
``merge_2_2`` is searched on the 9 two-run lists; ``(1, 2)`` removes the most inversions (4),
then ``(0, 3)`` (3), ``(0, 1)`` and ``(2, 3)`` (1 each): four comparators where Batcher's merge
has three, so the network has 6 against Batcher's 5.
"""

from __future__ import annotations

from itertools import combinations, product
from typing import Any, Mapping

from sva.core.artifact import Artifact, SearchRecord
from sva.core.brief import Brief, brief_of
from sva.core.emitter import emit_program, emit_tests
from sva.core.program import Apply, Bind, Call, Constant, Contract, Expr, Function, Name, Perform, Program, Return
from sva.core.rng import check_seed
from sva.core.settings import integer, merge_config
from sva.core.spec import Spec
from sva.errors import UsageError
from sva.families.sorting.design import program_network
from sva.families.sorting.primitives import PRIMITIVES, WIRES, WiresContract, compare_exchange

GENERATOR = "design-auto"


def default_config(spec: Spec) -> dict[str, Any]:
    """How many examples each contract test draws."""
    return {"contract_examples": 64}


def _listing(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{names[0]}..{names[-1]}"


def _inversions(values: tuple[int, ...]) -> int:
    return sum(1 for i, j in combinations(range(len(values)), 2) if values[i] > values[j])


def _apply(values: tuple[int, ...], low: int, high: int) -> tuple[int, ...]:
    if values[high] >= values[low]:
        return values
    swapped = list(values)
    swapped[low], swapped[high] = values[high], values[low]
    return tuple(swapped)


class NetworkDesigner:
    """Finds merges on two-run 0-1 lists and writes the helpers; counts what it read and tried."""

    def __init__(self) -> None:
        self.functions: dict[str, Function] = {}
        self.rows_examined = 0
        self.candidates_tried = 0
        self.decisions: list[dict[str, Any]] = []

    def greedy_merge(self, p: int, q: int) -> tuple[list[tuple[int, int]], list[int], int]:
        """The comparators merging runs of p and q wires, the inversions each removed, the lists."""
        lists = [(0,) * (p - i) + (1,) * i + (0,) * (q - j) + (1,) * j for i in range(p + 1) for j in range(q + 1)]
        network: list[tuple[int, int]] = []
        removed: list[int] = []
        while any(_inversions(values) for values in lists):
            scored = []
            for low, high in combinations(range(p + q), 2):
                self.candidates_tried += 1
                self.rows_examined += len(lists)
                left = sum(_inversions(_apply(values, low, high)) for values in lists)
                scored.append((left, high - low, low, high))
            left, _, low, high = min(scored)
            removed.append(sum(_inversions(values) for values in lists) - left)
            network.append((low, high))
            lists = [_apply(values, low, high) for values in lists]
        return network, removed, (p + 1) * (q + 1)

    def merge(self, p: int, q: int, low: tuple[Expr, ...], high: tuple[Expr, ...]) -> tuple:
        if p == 0 or q == 0:
            return ()
        name = f"merge_{p}_{q}"
        if name not in self.functions:
            a, b = tuple(f"a{i}" for i in range(p)), tuple(f"b{i}" for i in range(q))
            wires = a + b
            network, removed, lists = self.greedy_merge(p, q)
            promise = (f"Given wires {_listing(a)} sorted and wires {_listing(b)} sorted, leaves all {p + q} "
                       f"values sorted in the order {_listing(a)}, {_listing(b)}.")
            story = (f"{promise} Found on the {lists} 0-1 lists that are two sorted runs: each of its "
                     f"{len(network)} compare-exchanges is the one that removed the most inversions left "
                     f"({', '.join(map(str, removed))}).")
            body = tuple(compare_exchange(WIRES, Name(wires[i]), Name(wires[j])) for i, j in network)
            self.functions[name] = Function(name, (WIRES,) + wires, body, story, WiresContract((p, q), promise))
            self.decisions.append({"step": "merge", "part": name, "comparators": [list(pair) for pair in network],
                                   "evidence": story})
        return (Perform(Call(name, (Name(WIRES),) + low + high)),)

    def sort(self, m: int, positions: tuple[Expr, ...]) -> tuple:
        if m <= 1:
            return ()
        if m == 2:
            return (compare_exchange(WIRES, positions[0], positions[1]),)
        name = f"sort_{m}_wires"
        if name not in self.functions:
            w = tuple(f"w{i}" for i in range(m))
            names, half = tuple(map(Name, w)), (m + 1) // 2
            body = (self.sort(half, names[:half]) + self.sort(m - half, names[half:])
                    + self.merge(half, m - half, names[:half], names[half:]))
            promise = f"Sorts the {m} values on wires {_listing(w)} in place, smallest on {w[0]}."
            story = (f"{promise} It sorts the first {half} and the last {m - half} on their own, then merges "
                     f"the two sorted runs with merge_{half}_{m - half}.")
            self.functions[name] = Function(name, (WIRES,) + w, body, story, WiresContract((1,) * m, promise))
            self.decisions.append({"step": "sort", "part": name, "evidence": story})
        return (Perform(Call(name, (Name(WIRES),) + positions)),)


def check_sorting(brief: Brief) -> int:
    """The number of wires, once every training output is its input sorted and every 0-1 list
    is among the training rows; a one-line refusal otherwise."""
    if len(brief.params) != 1:
        raise UsageError(f"spec {brief.name}: design-auto for sorting needs one list parameter")
    lists = [tuple(case[0]) for case, _ in brief.training]
    width = len(lists[0]) if lists else 0
    for values, (_, target) in zip(lists, brief.training):
        if list(target) != sorted(values):
            raise UsageError(f"spec {brief.name}: a training output is not its input sorted "
                             f"({list(values)} -> {list(target)}); design-auto builds sorting networks only")
    if set(lists) != set(product((0, 1), repeat=width)):
        raise UsageError(f"spec {brief.name}: the training rows are not every 0-1 list of length {width}, "
                         f"so the 0-1 principle does not apply")
    return width


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The design-auto network for ``spec``: module, contract tests and the record of its making."""
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    brief = brief_of(spec)
    n = check_sorting(brief)
    designer = NetworkDesigner()
    designer.decisions.append({"step": "function", "part": brief.entry, "evidence": (
        f"all {len(brief.training)} training outputs are their inputs sorted, and they are every 0-1 list "
        f"of length {n}: by the 0-1 principle a network sorting them sorts every list")})
    (values,) = brief.params
    body = ((Bind(WIRES, Apply("COPY", (Name(values),))),) + designer.sort(n, tuple(Constant(i) for i in range(n)))
            + (Return(Name(WIRES)),))
    story = (f"Returns the {n} values sorted: copies them onto {n} wires and sorts them with sort_{n}_wires. "
             f"Every one of the {len(brief.training)} training rows, all the 0-1 lists of length {n}, maps "
             f"its input to the input sorted.")
    entry = Function(brief.entry, brief.params, body, story, Contract(f"sorted({values})", "the values, sorted"))
    program = Program(f"{brief.name} designed automatically from its training rows alone: a comparator network "
                      f"whose merges were searched on two-run 0-1 lists.",
                      tuple(designer.functions.values()) + (entry,), brief.entry)
    network = program_network(program)
    wrong = sum(1 for case, target in brief.training if list(_run(network, tuple(case[0]))) != list(target))
    from sva.families.sorting import FAMILY

    tests = emit_tests(program, f"seed-{seed}.py", {values: FAMILY.contract_strategy(spec)},
                       max_examples=integer(resolved, "contract_examples", 1))
    details = {"training_cases": len(brief.training), "rows_examined": designer.rows_examined,
               "candidates_tried": designer.candidates_tried, "training_errors": wrong,
               "comparators": len(network), "network": [list(pair) for pair in network],
               "decisions": designer.decisions}
    record = SearchRecord(success=wrong == 0, evaluations=designer.candidates_tried, details=details)
    return Artifact(spec=brief.name, generator=GENERATOR, seed=seed, entry=brief.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record, tests_source=tests)


def _run(network: list[tuple[int, int]], values: tuple[int, ...]) -> tuple[int, ...]:
    for low, high in network:
        values = _apply(values, low, high)
    return values
