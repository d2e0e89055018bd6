"""The Boolean family (Koza): parity, multiplexers, majority, an adder and a comparator.

Everything that is this family's lives in this folder: its specs (:mod:`.specs`), how its
primitives are written (:mod:`.primitives`), its search (GP trees with bit-parallel fitness,
:mod:`.search` and :mod:`.bitparallel`), its design templates (:mod:`.design`) and its automated
design from the training table alone (``design-auto``, :mod:`.auto`). It adds no
result fields: a Boolean artifact is judged on its whole truth table by the core's checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from sva.core.family import ConstructionFact, FitnessCurve, Family
from sva.core.program import Program
from sva.core.spec import Spec

if TYPE_CHECKING:  # the emitter (libcst) is imported only when something is emitted
    from sva.core.emitter import Primitive

__all__ = ["FAMILY", "BooleanFamily"]


class BooleanFamily(Family):
    name = "boolean"
    fitness_curve = FitnessCurve("wrong training rows",
                                 "0: right on every training row, which stops the run")
    construction = (ConstructionFact("design", ("held_out_pass_rate", "shift_pass_rate", "verified", "trusted"),
                                      "the design templates write down the known circuit, verified on the whole truth table"),)
    description = "Koza's Boolean problems: bits in, a bit or a tuple of bits out"

    generator_modules = {"search": "sva.families.boolean.search",
                         "search-parsimony": "sva.families.boolean.parsimony",
                         "search-modular": "sva.families.boolean.modular",
                         "design-auto": "sva.families.boolean.auto"}
    factorize_module = "sva.families.boolean.factorize"

    def specs(self) -> tuple[Spec, ...]:
        from sva.families.boolean.specs import boolean_specs

        return boolean_specs()

    @property
    def primitives(self) -> Mapping[str, "Primitive"]:
        from sva.families.boolean.primitives import PRIMITIVES

        return PRIMITIVES

    @property
    def templates(self) -> Mapping[str, tuple[str, Callable[[Spec], Program]]]:
        from sva.families.boolean.design import BOOLEAN_TEMPLATES

        return BOOLEAN_TEMPLATES

    def contract_strategy(self, spec: Spec) -> str:
        return "st.booleans()"

    def fitness_samples(self, spec: Spec, seed: int, count: int) -> Sequence[tuple[Any, Any]]:
        """Random GP trees' wrong training rows, bit-parallel against DEAP's row-by-row count."""
        from deap import gp

        from sva.core.rng import seeded
        from sva.families.boolean.bitparallel import count_errors, pack_spec, primitive_set, reference_errors

        pset = primitive_set(spec.primitives, spec.params)
        table = pack_spec(spec)
        pairs = []
        with seeded(seed):
            trees = [gp.PrimitiveTree(gp.genHalfAndHalf(pset, 1, 6)) for _ in range(count)]
        for tree in trees:
            for output in range(len(spec.outputs)):
                expected = [spec.expected(case) if len(spec.outputs) == 1 else spec.expected(case)[output]
                            for case in spec.training]
                pairs.append((count_errors(tree, table, output),
                              reference_errors(tree, pset, spec.training, expected)))
        return pairs


FAMILY = BooleanFamily()
