"""The program-synthesis family: nine problems of PSB1 (Helmuth and Spector 2015).

Everything that is this family's lives in this folder: its specs and their data
(:mod:`.specs`, :mod:`.data`), its vocabulary and how each primitive means and is written
(:mod:`.vocabulary`, :mod:`.primitives`), its search (strongly typed GP with lexicase selection:
:mod:`.grammar`, :mod:`.compiled`, :mod:`.lexicase`, :mod:`.search`), its design templates
(:mod:`.design`) and its probe, the edge cases checked on their own (:mod:`.edge`), which adds
the result field ``edge_case_pass_rate``, and its report section (:mod:`.report`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from sva.core.family import ConstructionFact, FitnessCurve, Family, FamilyField, Judgement, Section
from sva.core.program import Program
from sva.core.spec import Case, Spec

if TYPE_CHECKING:  # the emitter (libcst) is imported only when something is emitted
    from sva.core.emitter import Primitive

__all__ = ["FAMILY", "PsbFamily"]


@lru_cache(maxsize=1)
def _specs() -> tuple[Spec, ...]:
    from sva.families.psb.specs import psb_specs

    return psb_specs()


class PsbFamily(Family):
    name = "psb"
    fitness_curve = FitnessCurve("wrong training cases",
                                 "0: right on every training case, which stops the run")
    construction = (ConstructionFact("design", ("held_out_pass_rate", "shift_pass_rate", "verified", "trusted"),
                                      "the design templates write down a known solution of each problem"),)
    description = "program synthesis (PSB1): small typed programs over ints, lists and strings"
    fields = (
        FamilyField("edge_case_pass_rate", "edge-case pass rate (PSB)", "higher"),
        FamilyField("edge_cases", "edge cases (PSB)"),
    )
    manifest_key = "edge_cases"

    generator_modules = {"search": "sva.families.psb.search",
                         "search-parsimony": "sva.families.psb.parsimony",
                         "search-modular": "sva.families.psb.modular"}
    factorize_module = "sva.families.psb.factorize"

    def specs(self) -> tuple[Spec, ...]:
        return _specs()

    def spec_names(self) -> tuple[str, ...]:
        from sva.families.psb.specs import psb_spec_names

        return psb_spec_names()

    def spec(self, name: str) -> Spec:
        from sva.families.psb.specs import psb_spec

        return psb_spec(name)

    @property
    def primitives(self) -> Mapping[str, "Primitive"]:
        from sva.families.psb.primitives import PRIMITIVES

        return PRIMITIVES

    @property
    def templates(self) -> Mapping[str, tuple[str, Callable[[Spec], Program]]]:
        from sva.families.psb.design import PSB_TEMPLATES

        return PSB_TEMPLATES

    def contract_strategy(self, spec: Spec) -> str:
        """Unused by the family's own contracts (each names its parameters' strategies)."""
        return "st.integers(-1000, 1000)"

    def fitness_samples(self, spec: Spec, seed: int, count: int) -> Sequence[tuple[Any, Any]]:
        """Random typed trees' per-case training errors: compiled and memoized (search's fast
        fitness) against the reference interpreter walking the tree's IR case by case."""
        from deap import gp

        from sva.core.rng import seeded
        from sva.families.psb.compiled import Evaluator, reference_errors
        from sva.families.psb.grammar import grammar, half_and_half, tree_to_expression

        spec_grammar = grammar(spec)
        evaluator = Evaluator(spec, spec_grammar)
        with seeded(seed):
            trees = [gp.PrimitiveTree(half_and_half(spec_grammar.pset, 1, 4)) for _ in range(count)]
        return [(evaluator.errors(tree), reference_errors(tree_to_expression(tree, spec_grammar), spec,
                                                          evaluator.cases, evaluator.expected))
                for tree in trees]

    def probe(self, spec: Spec, entry: Callable[..., Any], cases: Sequence[Case] | None) -> Any:
        """The entry's outputs on the spec's edge cases (:func:`sva.families.psb.edge.probe`)."""
        from sva.families.psb.edge import probe

        return probe(spec, entry)

    def judge(self, spec: Spec, probe: Any) -> Judgement:
        from sva.families.psb.edge import judge

        return judge(spec, probe)

    def summary(self, fields: Mapping[str, Any]) -> str | None:
        rate = fields.get("edge_case_pass_rate")
        return "no edge cases" if rate is None else f"edge-case pass rate {rate:.3f} of {fields['edge_cases']}"

    def report_section(self, rows: Sequence[Mapping[str, Any]]) -> Section | None:
        """Per spec and generator: search's training success, held-out, shift and edge-case pass
        rates (means and worst over seeds): :func:`sva.families.psb.report.section`."""
        from sva.families.psb.report import section

        return section(self.specs(), rows)


FAMILY = PsbFamily()
