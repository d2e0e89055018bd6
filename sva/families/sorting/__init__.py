"""The sorting-network family: lists of n values sorted by compare-exchanges (n = 4..16).

Everything that is this family's lives in this folder: its specs and the published record
(:mod:`.specs`, :mod:`.networks`, ``data/sorting_record.json``), how ``COPY`` and
``COMPARE_EXCHANGE`` are written and the in-place wires contract (:mod:`.primitives`), its
search (a GA over comparator lists with bit-sliced fitness, :mod:`.search`), its design
(Batcher's odd-even merge sort, :mod:`.design`), its probe (the artifact traced as a network in
the sandbox and judged by the 0-1 principle, :mod:`.trace`), its result fields (comparators,
depth and the record's), its report section (:mod:`.report`) and its network diagram
(:mod:`.diagram`).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from sva.core.family import ConstructionFact, FitnessCurve, Diagram, Family, FamilyField, Judgement, Section
from sva.core.program import Program
from sva.core.spec import Case, Spec

if TYPE_CHECKING:  # the emitter (libcst) is imported only when something is emitted
    from sva.core.emitter import Primitive

__all__ = ["FAMILY", "SortingFamily"]


class SortingFamily(Family):
    name = "sorting"
    fitness_curve = FitnessCurve("unsorted binary inputs",
                                 "0: sorts every binary input; the run goes on after it, shrinking the network "
                                 "(fewer comparators), until it is as small as the best known or the budget ends")
    construction = (ConstructionFact("design", ("held_out_pass_rate", "shift_pass_rate", "verified", "trusted"),
                                      "design is Batcher's odd-even merge sort, a known sorting network (the 0-1 principle proves it)"),)
    description = "sorting networks: n values in, sorted by compare-exchanges"
    fields = (
        FamilyField("comparators", "comparators (sorting networks)", "lower"),
        FamilyField("depth", "network depth (sorting networks)", "lower"),
        FamilyField("best_known_comparators", "best known comparators"),
        FamilyField("best_known_depth", "best known depth"),
        FamilyField("network", "the traced comparators, in execution order", json=True),
    )
    size_fields = ("comparators",)
    manifest_key = "network"

    generator_modules = {"search": "sva.families.sorting.search",
                         "search-parsimony": "sva.families.sorting.parsimony",
                         "design-auto": "sva.families.sorting.auto"}
    factorize_module = "sva.families.sorting.factorize"

    def specs(self) -> tuple[Spec, ...]:
        from sva.families.sorting.specs import sorting_specs

        return sorting_specs()

    def spec_names(self) -> tuple[str, ...]:
        from sva.families.sorting.specs import sorting_spec_names

        return sorting_spec_names()

    def spec(self, name: str) -> Spec:
        from sva.families.sorting.specs import sorting_spec

        return sorting_spec(name)

    @property
    def primitives(self) -> Mapping[str, "Primitive"]:
        from sva.families.sorting.primitives import PRIMITIVES

        return PRIMITIVES

    @property
    def templates(self) -> Mapping[str, tuple[str, Callable[[Spec], Program]]]:
        from sva.families.sorting.design import SORTING_TEMPLATES

        return SORTING_TEMPLATES

    def training_share(self, spec: Spec) -> float | None:
        """1.0: ``verified`` is the 0-1 check, and training is every 0-1 input."""
        return 1.0

    def contract_strategy(self, spec: Spec) -> str:
        return f"st.lists(st.integers(-1000, 1000), min_size={spec.size}, max_size={spec.size})"

    def fitness_samples(self, spec: Spec, seed: int, count: int) -> Sequence[tuple[Any, Any]]:
        """Random comparator lists' unsorted 0-1 inputs: the GA's bit-sliced fitness against a
        per-vector simulation of every binary input."""
        from sva.families.sorting.search import bitsliced_fitness

        n, rng = spec.size, random.Random(seed)
        fitness = bitsliced_fitness(n)
        pairs = []
        for _ in range(count):
            network: list[tuple[int, int]] = []
            for _ in range(rng.randrange(0, 3 * n)):
                first, second = sorted(rng.sample(range(n), 2))
                network.append((first, second))
            unsorted = 0
            for row in range(1 << n):
                values = [(row >> bit) & 1 for bit in range(n)]
                for i, j in network:
                    if values[j] < values[i]:
                        values[i], values[j] = values[j], values[i]
                unsorted += values != sorted(values)
            pairs.append((fitness(network)[0], unsorted))
        return pairs

    def probe(self, spec: Spec, entry: Callable[..., Any], cases: Sequence[Case] | None) -> Any:
        """The artifact traced as a comparator network (and, with ``cases``, checked against that
        network on them): :func:`sva.families.sorting.trace.probe`."""
        from sva.families.sorting.trace import probe

        return probe(entry, spec.size, None if cases is None else list(cases))

    def judge(self, spec: Spec, probe: Any) -> Judgement:
        """The 0-1 principle on the traced pairs, and (when the probe had cases) agreement with
        the traced network on them: :func:`sva.families.sorting.trace.assess`."""
        from sva.families.sorting.networks import first_unsorted_input, unsorted_mask, wire_masks
        from sva.families.sorting.trace import assess, network_fields

        n = spec.size
        if probe is not None and not probe.get("reason") and probe.get("agreement") is None:
            # traced without cases (sva generate): the 0-1 check alone
            pairs = [(int(i), int(j)) for i, j in probe["network"]]
            bad = unsorted_mask(wire_masks(pairs, n))
            first = first_unsorted_input(bad, n)
            return Judgement(verified=bad == 0, fields=network_fields(pairs, n),
                             counterexample=None if first is None else (first,),
                             checked=((1 << n) - bad.bit_count(), 1 << n))
        check = assess(probe, spec)
        checked = None
        if check.fields is not None:
            checked = (check.fields["binary_inputs"] - check.fields["unsorted_binary_inputs"],
                       check.fields["binary_inputs"])
        return Judgement(verified=check.verified, fields=check.fields, counterexample=check.counterexample,
                         note=check.note, reason=check.reason, checked=checked)

    def summary(self, fields: Mapping[str, Any]) -> str | None:
        return (f"{fields['comparators']} comparators, depth {fields['depth']} (best known "
                f"{fields['best_known_comparators']}, depth {fields['best_known_depth']}); "
                f"{fields['unsorted_binary_inputs']} of {fields['binary_inputs']} 0-1 inputs unsorted")

    def report_section(self, rows: Sequence[Mapping[str, Any]]) -> Section | None:
        """Comparators and depth, median and best over seeds, against the best network known:
        :func:`sva.families.sorting.report.section`."""
        from sva.families.sorting.report import section

        return section(self.specs(), rows)

    def diagrams(self, row: Mapping[str, Any], spec: Spec) -> tuple[Diagram, ...]:
        """The classic network picture of the traced comparators."""
        network = row.get("network")
        if not network:
            return ()
        from sva.families.sorting.diagram import network_svg

        pairs = [(int(i), int(j)) for i, j in network]
        wires = max(spec.size, 1 + max((max(i, j) for i, j in pairs), default=0))
        return (Diagram("network", f"sorting network of {row.get('cell') or spec.name}", network_svg(pairs, wires)),)


FAMILY = SortingFamily()
