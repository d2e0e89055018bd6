"""The first screen and the trust comparison: what the run answers, computed from the claims' results.

Nothing here tests or estimates: every figure is one the verdict logic already computed
(:mod:`sva.results.headline` reads them). The first screen (:func:`answer`) holds

- one :class:`~sva.results.headline.Headline` per confirmatory claim, overall: its verdict,
  direction, effect with its 95% interval and the specs it is over;
- the forest plot (:mod:`sva.report.forest`): one panel per confirmatory claim with an effect,
  one row per family and one for every family, each the effect combined over that family's
  specs *after* estimating within each spec (a per-spec difference, or a within-spec rho);
- one paragraph (:func:`scope`) on what the run can and cannot say: the claims true by
  construction, those whose outcome could not vary, the claims without data (and which
  generators they need), and how many per-spec verdicts of the findings were decided.

Worked example of the paragraph, for a run of design and search on 45 specs: "What this run cannot
say: true by construction, not findings: design artifacts are more decomposable, design artifacts'
tests localize faults. No data (they need cells of design-auto): automated design is trusted more
than search. Of the 500 per-spec verdicts of the findings, 20 were decided (supported or
contradicted); 200 were undecided, 60 of them for too few seeds."
"""

from __future__ import annotations

from typing import Any, Sequence

from sva.report.content import Answer, ForestPanel, TrustLine, TrustView
from sva.report.forest import forest_svg
from sva.results.claims import claim
from sva.results.headline import claim_headlines, overall
from sva.report.tables import measure_text
from sva.results.sentences import label
from sva.results.verdicts import ClaimResult, plain

__all__ = ["answer", "forest_caption", "scope", "trust_views"]


def _panel(result: ClaimResult) -> ForestPanel | None:
    rows = tuple(found for found in claim_headlines(result) if found.effect is not None)
    if not rows:
        return None
    entry = claim(result.name)
    head = rows[0]
    if entry.kind == "correlation":
        axis = f"within-spec rho of {label(entry.metrics[0])} with {label(entry.outcomes[0])}"
        claimed, other = "for the claim", "against it"
    else:
        first, second = entry.sides
        axis = f"{head.effect_name.split(' difference ')[0]} difference in {head.measure}, {first} - {second}"
        better = entry.better if entry.kind == "comparison" else first
        claimed, other = f"{better} better", f"{second if better == first else first} better"
    left, right = (claimed, other) if head.claimed < 0 else (other, claimed)
    return ForestPanel(result.name, entry.headline, axis, left, right, rows)


def forest_caption(panels: Sequence[ForestPanel]) -> str:
    """What the forest plot's points and bars are, and which side is better, panel by panel."""
    if not panels:
        return "No confirmatory claim has an effect on this run's data."
    kinds = [f"{panel.title}: {panel.axis}, left of 0 {panel.left}, right of 0 {panel.right}" for panel in panels]
    return ("Each row is one family (top row: every family), the point the effect combined over that family's "
            "specs after estimating it within each spec, the bar its 95% interval from resampling specs; the "
            "dashed line is no effect and the words under each axis say which side is better. "
            + "; ".join(kinds) + ".")


def _counts(results: Sequence[ClaimResult]) -> dict[str, int]:
    counted: dict[str, int] = {}
    for result in results:
        if result.kind != "empirical":
            continue
        for verdict in result.specs:
            if verdict.kind == "empirical" and verdict.verdict != "no data":
                counted[verdict.verdict] = counted.get(verdict.verdict, 0) + 1
                few = any(found.get("too_few_seeds") for found in plain(verdict.numbers).get("metrics", {}).values())
                counted["too few seeds"] = counted.get("too few seeds", 0) + int(few)
    return counted


def _names(results: Sequence[ClaimResult]) -> str:
    return ", ".join(claim(result.name).headline[0].lower() + claim(result.name).headline[1:] for result in results)


def _sides(result: ClaimResult) -> str:
    """The generators a claim compares, e.g. ``design-auto vs search``."""
    entry = claim(result.name)
    return " vs ".join(entry.between or entry.sides)


def _not_findings(results: Sequence[ClaimResult]) -> list[str]:
    """The claims true by construction, those that could not vary and those without data."""
    parts = []
    built = [result for result in results if result.kind == "structural"]
    frozen = [result for result in results if result.kind == "degenerate"]
    missing = [result for result in results if result.verdict == "no data"]
    if built:
        parts.append(f"True by construction, not findings: {_names(built)}.")
    if frozen:
        reasons = "; ".join(dict.fromkeys(result.kind_reason for result in frozen if result.kind_reason))
        parts.append(f"Could not vary here: {_names(frozen)}" + (f" ({reasons})." if reasons else "."))
    for result in results:
        flat = [found.family for found in claim_headlines(result)[1:] if found.verdict == "degenerate"]
        if flat and claim(result.name).confirmatory and result.kind == "empirical":
            parts.append(f"On {', '.join(flat)}, {_names([result])} could not vary (untested there).")
    if missing:
        parts.append("No data, since no spec has both sides of the comparison: " + "; ".join(
            f"{_names([result])} ({_sides(result)})" for result in missing) + ".")
    return parts


def _decided(results: Sequence[ClaimResult]) -> list[str]:
    """How many per-spec verdicts of the findings were decided, and how many were not findings."""
    parts = []
    counted = _counts(results)
    total = sum(value for key, value in counted.items() if key != "too few seeds")
    if total:
        parts.append(f"Of the {total} per-spec verdicts of the findings, "
                     f"{counted.get('supported', 0) + counted.get('contradicted', 0)} were decided ("
                     f"{counted.get('supported', 0)} supported, {counted.get('contradicted', 0)} contradicted); "
                     f"{counted.get('undecided', 0)} were undecided, {counted.get('too few seeds', 0)} of them for "
                     "too few seeds.")
    fixed = {kind: sum(verdict.kind == kind for result in results for verdict in result.specs)
             for kind in ("structural", "degenerate")}
    if any(fixed.values()):
        parts.append(f"Not findings on single specs: {fixed['structural']} per-spec verdicts hold by construction "
                     f"and on {fixed['degenerate']} the outcome could not vary.")
    return parts


def scope(results: Sequence[ClaimResult]) -> str:
    """What the run can and cannot say (see the module docstring), from the results only."""
    findings = [result for result in results if result.kind == "empirical" and result.verdict != "no data"]
    head = (f"What this run can say: {len(findings)} of {len(results)} claims are findings, tested on data "
            "that could have said otherwise.")
    return " ".join([head, *_not_findings(results), *_decided(results)])


def answer(results: Sequence[ClaimResult]) -> Answer:
    """The first screen from the claims' results."""
    confirmatory = [result for result in results if claim(result.name).confirmatory]
    panels = tuple(panel for panel in (_panel(result) for result in confirmatory) if panel is not None)
    return Answer(claims=tuple(overall(result) for result in confirmatory), panels=panels,
                  forest_svg=forest_svg(panels) if panels else None, caption=forest_caption(panels),
                  scope=scope(results))


def _line(item: Any, second: str) -> TrustLine:
    interval = item.get("interval") or {}
    scope_words = {"": "", "training_fit": f"among {second}'s perfect training fits",
                   "matched_budgets": "at matched budgets"}.get(item.get("scope") or "", item.get("scope") or "")
    return TrustLine(measure_text(item["metric"]), scope_words, item.get("first"), item.get("second"),
                     item.get("mean"), interval.get("low"), interval.get("high"), int(item.get("specs") or 0),
                     item.get("verdict") or "", item.get("direction") or "")


def trust_views(results: Sequence[ClaimResult]) -> tuple[TrustView, ...]:
    """Every confirmatory two-sided trust claim with data (design against search; design-auto
    against search when the run has it): each outcome over every spec, then among search's
    perfect training fits."""
    views = []
    for result in results:
        entry = claim(result.name)
        if entry.kind != "trust" or not entry.confirmatory or result.verdict == "no data":
            continue
        numbers = plain(result.numbers)
        items = [*numbers.get("differences", []), *numbers.get("conditional_on_training_fit", []),
                 *numbers.get("matched_budgets", [])]
        lines = tuple(_line(item, entry.sides[1]) for item in items if item.get("specs"))
        views.append(TrustView(result.name, entry.headline, entry.sides, result.verdict, lines,
                               tuple(numbers.get("by_construction") or ())))
    return tuple(views)
