"""The Feynman family: physics formulas from the AI Feynman database, with units (symbolic regression).

The 120 equations of the AI Feynman database (Udrescu and Tegmark 2020: 100 and 20 bonus), each a spec ``feynman-<id>`` whose entry takes the
variables and returns the output. Everything that is this family's lives in this folder: the
equations with units and ranges (:mod:`.equations`, :mod:`.units`), the specs with their
training, held-out and shifted points and tolerance (:mod:`.specs`), how the primitives are
written and evaluated (:mod:`.primitives`), the search (DEAP GP, numpy fitness, linear scaling:
:mod:`.search`), the design templates with named sub-quantities and their contracts
(:mod:`.design`), the automated designer that reads only the spec's brief, ``design-auto``
(:mod:`.auto`: dimensional analysis, structure tests, a small fit), the probe in the sandbox (:mod:`.probe`, :mod:`.expression`) and the caller's
verdict (:mod:`.judge`, :mod:`.symbolic`: R^2, SRBench's symbolic solution, dimensional
homogeneity), the report's table and the per-spec extrapolation plot (:mod:`.report`), the
rates beside SRBench's published ones and gplearn's (:mod:`.peers`), and a formula given as
text read into the family's program (:mod:`.formula_text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from sva.core.family import ConstructionFact, FitnessCurve, Family, FamilyField, Judgement, Section
from sva.core.program import Program
from sva.core.spec import Case, Spec

if TYPE_CHECKING:  # the emitter (libcst) is imported only when something is emitted
    from sva.core.emitter import Primitive

__all__ = ["FAMILY", "FeynmanFamily"]


class FeynmanFamily(Family):
    name = "feynman"
    fitness_curve = FitnessCurve("training error 1 - R\u00b2",
                                 "below 1e-12: a perfect fit, which stops the run (drawn at 1e-12)",
                                 log=True, floor=1e-12)
    construction = (ConstructionFact("design", ("held_out_pass_rate", "shift_pass_rate", "verified", "trusted"),
                                      "the design templates write down the known formula"),)
    description = "symbolic regression: physics formulas of the AI Feynman database, with units"
    fields = (
        FamilyField("r2_held_out", "R^2 on the held-out points"),
        FamilyField("r2_shift", "R^2 on the shifted points"),
        FamilyField("symbolic_solution", "symbolic solution (SRBench)"),
        FamilyField("accuracy_solution", "accuracy solution (SRBench: held-out R^2 > 0.999)"),
        FamilyField("units_kept", "dimensional homogeneity kept"),
        FamilyField("nonfinite_outputs", "held-out and shifted points with a non-finite output"),
        FamilyField("curve", "the extrapolation curve along the plot variable", json=True),
        FamilyField("expression", "the formula as read from the artifact", json=True),
    )
    manifest_key = "formula"

    generator_modules = {"search": "sva.families.feynman.search",
                         "search-parsimony": "sva.families.feynman.parsimony",
                         "search-modular": "sva.families.feynman.modular",
                         "design-auto": "sva.families.feynman.auto"}
    factorize_module = "sva.families.feynman.factorize"

    def specs(self) -> tuple[Spec, ...]:
        from sva.families.feynman.specs import feynman_specs

        return feynman_specs()

    def spec_names(self) -> tuple[str, ...]:
        from sva.families.feynman.specs import feynman_spec_names

        return feynman_spec_names()

    def spec(self, name: str) -> Spec:
        from sva.families.feynman.specs import feynman_spec

        return feynman_spec(name)

    @property
    def primitives(self) -> Mapping[str, "Primitive"]:
        from sva.families.feynman.primitives import PRIMITIVES

        return PRIMITIVES

    @property
    def templates(self) -> Mapping[str, tuple[str, Callable[[Spec], Program]]]:
        from sva.families.feynman.design import FEYNMAN_TEMPLATES

        return FEYNMAN_TEMPLATES

    def contract_strategy(self, spec: Spec) -> str:
        return "st.floats(1.0, 5.0)"

    def formula_program(self, spec: Spec, text: str) -> Program:
        """The formula read through the whitelist of :mod:`sva.families.feynman.formula_text`."""
        from sva.families.feynman.formula_text import formula_program
        from sva.families.feynman.primitives import PRIMITIVES

        return formula_program(spec, text, PRIMITIVES)

    def fitness_samples(self, spec: Spec, seed: int, count: int) -> Sequence[tuple[Any, Any]]:
        """Random trees' scaled training error, numpy-vectorized against ``gp.compile`` and a
        call per point with :mod:`math` (to nine significant digits: numpy's and libm's
        transcendental functions may differ in the last bit)."""
        from deap import gp

        from sva.core.rng import seeded
        from sva.families.feynman.search import fitness, primitive_set, reference_fitness, training_data

        pset, data = primitive_set(spec), training_data(spec)
        with seeded(seed):
            trees = [gp.PrimitiveTree(gp.genHalfAndHalf(pset, 1, 5)) for _ in range(count)]
        return [(float(f"{fitness(tree, data)[0]:.9g}"), float(f"{reference_fitness(tree, pset, spec, data):.9g}"))
                for tree in trees]

    def probe(self, spec: Spec, entry: Callable[..., Any], cases: Sequence[Case] | None) -> Any:
        """R^2, non-finite outputs, dimensional homogeneity, the curve and the formula's tree:
        :func:`sva.families.feynman.probe.probe`."""
        from sva.families.feynman.probe import probe

        return probe(spec, entry, cases)

    def judge(self, spec: Spec, probe: Any) -> Judgement | None:
        from sva.families.feynman.judge import judge
        from sva.families.feynman.specs import equation_of

        return judge(spec, equation_of(spec), probe)

    def summary(self, fields: Mapping[str, Any]) -> str | None:
        def r2(value: Any) -> str:
            return "undefined" if value is None else f"{value:.6f}"

        symbolic = fields.get("symbolic_solution")
        return (f"R^2 held out {r2(fields.get('r2_held_out'))}, shifted {r2(fields.get('r2_shift'))}; symbolic "
                f"solution {'unknown' if symbolic is None else 'yes' if symbolic else 'no'}; units "
                f"{'kept' if fields.get('units_kept') else 'broken'}; formula {fields.get('expression')}")

    def report_section(self, rows: Sequence[Mapping[str, Any]]) -> Section | None:
        from sva.families.feynman.report import section

        return section(self.specs(), rows)

    def report_sections(self, rows: Sequence[Mapping[str, Any]]) -> tuple[Section, ...]:
        """The per-spec table (:mod:`.report`), then the rates beside SRBench's (:mod:`.peers`)."""
        from sva.families.feynman.peers import comparison_section

        # every done cell counts in the rates: one the judge could not read solves nothing
        found = (self.report_section(rows), comparison_section(rows))
        return tuple(section for section in found if section is not None)


FAMILY = FeynmanFamily()
