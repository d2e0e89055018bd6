"""``design-auto`` for the Feynman family: automated design from the spec's brief alone.

It reads only :func:`sva.core.brief.brief_of` (the signature, the primitives, the labelled
training points, the units); never the oracle, the formula, the spec's kind or description (the
spec's name names the artifact, nothing more). It is deterministic: every step is a computation
on the brief, so the seed changes nothing (the manifest says so). Three steps, each a recorded
decision and each making parts with stories taken from the decision:

a. **Dimensional analysis** (:mod:`.auto_units`): a scale carrying the output's units and a
   basis of dimensionless groups (Buckingham pi); each a part with a units contract.
b. **Structure tests** (:mod:`.auto_structure`) on ``z = y / scale`` in the groups: which groups
   the law depends on (the others are dropped), whether it is a product or a sum of one-group
   functions; the factors' stories quote the tests' numbers.
c. **A small fit** (:mod:`.auto_fit`) of the law over the forms the primitives can write, with
   exponents on halves and a constant rounded only when the data support it; every candidate's
   evaluation counted. When nothing fits, the best is kept and the story says so: the artifact
   is judged exactly as search's is, and can lose.

The parts and their contracts are :mod:`.auto_parts`'; the program goes through the one
emitter. The manifest's ``search`` block is an :class:`AutoRecord`: the evaluations spent,
every decision in order, the structure tests' numbers, the law, its training error.

Worked example, feynman-I.10.7 (m_0: kg, v, c: m s^-1 -> m: kg): scale ``m_0``, one group
``v_over_c = v / c`` ("v and c are both m s^-1, so v / c is dimensionless"); it depends on the
group; the fit picks ``(1 - v_over_c**2)**-0.5`` with constant 1 (largest relative training
error about 1e-16), and the artifact is ``m_scale(m_0) * v_over_c_factor(v_over_c(v, c))``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from sva.core.artifact import Artifact, SearchRecord
from sva.core.brief import Brief, brief_of
from sva.core.emitter import emit_program, emit_tests
from sva.core.program import Apply, Call, Constant, Expr, Function, Name, Program, Return
from sva.core.settings import Schema, merge_config, whole
from sva.core.spec import Spec
from sva.families.feynman.auto_fit import Fit, constant, constant_text, describe, fit_law
from sva.families.feynman.auto_parts import (UnitsContract, draw, factor_text, form_expr, monomial_expr, part,
                                             power_expr, range_of)
from sva.families.feynman.auto_structure import Finding, dependence, separability
from sva.families.feynman.auto_units import Analysis, Monomial, analyse, story
from sva.families.feynman.contract import FloatContract
from sva.families.feynman.primitives import PRIMITIVES

__all__ = ["AutoRecord", "default_config", "design", "generate"]

GENERATOR = "design-auto"
SCHEMA = Schema((whole("contract_examples", 64, 1),))
DETERMINISTIC = "the seed changes nothing: every step is a computation on the brief"


def default_config(spec: Spec) -> dict[str, Any]:
    """How many examples each contract test draws (nothing else is a setting)."""
    return SCHEMA.defaults()


@dataclass(frozen=True)
class AutoRecord:
    """How the artifact was made, for its manifest: the evaluations spent, the decisions in
    order, the structure tests, the groups kept and dropped, the law and its training error."""

    evaluations: int
    fits: bool
    decisions: tuple[str, ...]
    structure: tuple[Finding, ...]
    groups: tuple[str, ...]
    dropped: tuple[str, ...]
    law: str
    training_error: float
    extra: Mapping[str, Any] = field(default_factory=dict)

    def search_record(self) -> SearchRecord:
        """The manifest's ``search`` block (no times: the block is the same bytes on every run)."""
        return SearchRecord(success=self.fits, evaluations=self.evaluations, details={
            "deterministic": DETERMINISTIC, "decisions": list(self.decisions),
            "structure": [finding.to_json() for finding in self.structure], "groups": list(self.groups),
            "dropped_groups": list(self.dropped), "law": self.law,
            "training_max_relative_error": float(f"{self.training_error:.3g}")})


def _columns(brief: Brief) -> tuple[dict[str, Any], Any]:
    import numpy as np

    cases = np.array([case for case, _ in brief.training], dtype=float).reshape(len(brief.training), brief.arity)
    targets = np.array([target for _, target in brief.training], dtype=float)
    return {name: cases[:, index] for index, name in enumerate(brief.params)}, targets


def _value(monomial: Monomial, columns: Mapping[str, Any]) -> Any:
    import numpy as np

    result = np.ones(len(next(iter(columns.values()))))
    for name, power in monomial.powers:
        result = result * columns[name] ** power
    return result


def _analysis(brief: Brief) -> Analysis:
    if brief.units is None or any(name not in brief.units for name in (*brief.params, brief.outputs[0])):
        return Analysis(None, tuple(Monomial(p, ((p, 1),)) for p in brief.params), 0,
                        ("The brief gives no units: every input is used as it is.",))
    found = analyse(brief.params, brief.outputs[0], brief.units)
    if found.scale is None:
        return Analysis(None, tuple(Monomial(p, ((p, 1),)) for p in brief.params), found.rank, found.decisions)
    return found


def _trivial(group: Monomial) -> bool:
    return len(group.powers) == 1 and group.powers[0][1] == 1 and group.name == group.powers[0][0]


def _units_of(units: Mapping[str, Sequence[int]] | None, names: Sequence[str]) -> dict[str, tuple[int, ...]]:
    return {name: tuple(units[name]) if units else (0, 0, 0, 0, 0) for name in names}


def _monomial_part(monomial: Monomial, result_units: tuple[int, ...], text: str, brief: Brief,
                   ranges: Mapping[str, tuple[float, float]]) -> Function:
    params = monomial.variables
    what = "is invariant: a dimensionless group" if not any(result_units) else "scales as the output's units"
    contract = UnitsContract(_units_of(brief.units, params), result_units,
                             {p: draw(*ranges[p]) for p in params}, f"rescaling the base units, it {what}")
    return part(monomial.name, params, monomial_expr(monomial.powers), text, contract)


def _factor_part(name: str, law_factor: tuple[str | None, float, float], sentence: str,
                 span: tuple[float, float]) -> Function:
    form, p, q = law_factor
    value: Expr | None = power_expr(Name(name), p) if p else None
    if form is not None and q:
        shaped = power_expr(form_expr(form, Name(name)), q)
        value = shaped if value is None else Apply("MUL", (value, shaped))
    closed = factor_text(name, form, p, q)
    contract = FloatContract(f"math.isfinite(result) and math.isclose(result, {closed}, rel_tol=1e-9, abs_tol=1e-12)",
                             f"finite and equal to {closed} on the group's training range", {name: draw(*span)})
    return part(f"{name}_factor", (name,), value if value is not None else Constant(1.0), sentence, contract)


def _product(items: Sequence[Expr]) -> Expr:
    result = items[0]
    for item in items[1:]:
        result = Apply("MUL", (result, item))
    return result


def _constant_expr(value: float) -> Expr:
    """A constant: ``r * sqrt(2)**i * sqrt(pi)**j`` when it was rounded so, else ten digits."""
    rounded = constant(value)
    if rounded is None:
        return Constant(float(f"{value:.10g}"))
    ratio, i, j = rounded
    # a ratio whose float is not exact (1/6) is written as a division, so the formula reads exact
    exact = ratio.denominator & (ratio.denominator - 1) == 0
    written: Expr = Constant(float(ratio)) if exact else \
        Apply("DIV", (Constant(float(ratio.numerator)), Constant(float(ratio.denominator))))
    items: list[Expr] = [written] if ratio != 1 or not (i or j) else []
    if i:
        items.append(power_expr(Constant(2.0), i / 2))
    if j:
        items.append(power_expr(Apply("PI", ()), j / 2))
    return _product(items)


def design(brief: Brief) -> tuple[Program, AutoRecord]:
    """The program and the record of how it was made (see the module docstring)."""
    import numpy as np

    columns, y = _columns(brief)
    analysis = _analysis(brief)
    ranges = {name: range_of(list(values)) for name, values in columns.items()}
    scale = np.ones_like(y) if analysis.scale is None else _value(analysis.scale, columns)
    z = y / scale
    groups = [_value(group, columns) for group in analysis.groups]
    names = [group.name for group in analysis.groups]
    depends = dependence(names, groups, z) if groups else ()
    kept = [index for index, finding in enumerate(depends) if finding.found] if groups else []
    shapes = separability([names[i] for i in kept], [groups[i] for i in kept], z)
    fit = fit_law([names[i] for i in kept], [groups[i] for i in kept], z, brief.primitives)
    program = _program(brief, analysis, kept, groups, fit, (*depends, *shapes))
    decisions = (*analysis.decisions, *(f.sentence for f in (*depends, *shapes)), *fit.decisions)
    record = AutoRecord(fit.evaluations, fit.fits, decisions, (*depends, *shapes),
                        tuple(f"{names[i]} = {analysis.groups[i].text}" for i in kept),
                        tuple(names[i] for i in range(len(names)) if i not in kept),
                        describe([names[i] for i in kept], fit.law), fit.error)
    return program, record


def _factor_parts(analysis: Analysis, kept: Sequence[int], groups: Sequence[Any], fit: Fit,
                  findings: Sequence[Finding], brief: Brief,
                  ranges: Mapping[str, tuple[float, float]]) -> tuple[list[Function], list[Expr]]:
    """Each group the law uses (its part, unless it is an input) and its factor, with the call
    of the factor the entry multiplies."""
    parts: list[Function] = []
    terms: list[Expr] = []
    product = next((f for f in findings if f.test == "product"), None)
    for index, law_factor in zip(kept, fit.law.factors):
        group, span = analysis.groups[index], range_of(list(groups[index]))
        if not (law_factor[1] or law_factor[2]):
            continue
        if not _trivial(group):
            parts.append(_monomial_part(group, (0, 0, 0, 0, 0), f"{story(group, analysis)} Its training values lie "
                                        f"in [{span[0]:g}, {span[1]:g}].", brief, ranges))
        depends = next((f.sentence for f in findings if f.test == f"depends on {group.name}"), "")
        why = " ".join(sentence for sentence in (depends, product.sentence if product else "") if sentence)
        sentence = (f"The law's factor in {group.name}: {factor_text(group.name, *law_factor).replace('math.', '')}, "
                    f"the form and exponents (on halves) that least squares on logs chose. {why}")
        parts.append(_factor_part(group.name, law_factor, sentence, span))
        argument: Expr = Name(group.name) if _trivial(group) else \
            Call(group.name, tuple(Name(v) for v in group.variables))
        terms.append(Call(f"{group.name}_factor", (argument,)))
    return parts, terms


def _constant_part(fit: Fit) -> Function:
    """``law_constant()``: the constant, rounded where the data supported it."""
    rounding = next((d for d in fit.decisions if d.startswith(("The fitted constant", "Rounding the constant",
                                                               "The constant"))), "The law's constant, fitted.")
    rounded = constant(fit.law.scale)
    closed = f"{float(fit.law.scale)!r}" if rounded is None else \
        constant_text(rounded).replace("pi", "math.pi").replace("sqrt(", "math.sqrt(")
    return part("law_constant", (), _constant_expr(fit.law.scale), rounding, FloatContract(
        f"math.isclose(result, {closed}, rel_tol=1e-9)", f"the law's constant {closed}"))


def _program(brief: Brief, analysis: Analysis, kept: Sequence[int], groups: Sequence[Any], fit: Fit,
             findings: Sequence[Finding]) -> Program:
    output = brief.outputs[0]
    out_units = tuple(brief.units[output]) if brief.units else (0, 0, 0, 0, 0)
    ranges = {name: range_of(list(values)) for name, values in _columns(brief)[0].items()}
    parts: list[Function] = []
    if analysis.scale is not None:
        parts.append(_monomial_part(analysis.scale, out_units, story(analysis.scale, analysis), brief, ranges))
    factors, terms = _factor_parts(analysis, kept, groups, fit, findings, brief, ranges)
    parts += factors
    if fit.law.scale != 1.0:
        parts.append(_constant_part(fit))
        terms.insert(0, Call("law_constant", ()))
    law = _product(terms) if terms else Constant(1.0)
    if fit.law.offset:  # y = scale * (a + b * factors): the offset is inside the scale
        law = Apply("ADD", (_constant_expr(fit.law.offset), law))
    value = law if analysis.scale is None else \
        _product([Call(analysis.scale.name, tuple(Name(v) for v in analysis.scale.variables)), law])
    verdict = fit.decisions[1] if len(fit.decisions) > 1 else ""
    entry = Function(brief.entry, brief.params, (Return(value),), story=(
        f"{output} = scale * law(groups), the pi theorem's form. {verdict}"),
        contract=UnitsContract(_units_of(brief.units, brief.params), out_units,
                               {p: draw(*ranges[p]) for p in brief.params},
                               "rescaling the base units rescales the output as its units say"))
    doc = (f"{brief.name} by automated design (design-auto) from the brief alone: dimensional analysis, structure "
           f"tests on the {len(brief.training)} training points, a small fit; "
           f"{'the law fits the training points' if fit.fits else 'no law of the forms tried fits: the best is kept'}.")
    return Program(doc, (*parts, entry), brief.entry)


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The design-auto artifact of ``spec``: built from ``brief_of(spec)`` alone."""
    resolved = merge_config(default_config(spec), config)
    settings = SCHEMA.check(resolved)
    program, record = design(brief_of(spec))
    tests = emit_tests(program, f"seed-{seed}.py", {}, max_examples=int(settings["contract_examples"]))
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record.search_record(),
                    tests_source=tests)
