"""Comprehensibility against trust within specs: one set of programs for the plot, its text and its n.

The confirmatory correlation claim (``explanation_tracks_trust``: within search, explanation
length E against the held-out pass rate) is estimated within each spec over its **distinct
programs** (:func:`sva.results.within.strata_of`), on the specs where both vary (a stratum with a
defined rho, :func:`sva.results.strata.stratified_rho`), and combined. The main page plots exactly
those programs: each point is one program, at its ranks within its spec (0 the lowest value of the
spec, 1 the highest; ties share their mean rank), which is what each spec's Spearman rho
correlates. The sentence under the plot gives n (programs plotted) and the specs, and the rho
beside it is the claim's own figure (:class:`~sva.results.within.Relation`), whose ``n`` the
points must equal.

Worked example: a spec with three search programs, E = 40, 50, 60 and held-out 0.9, 0.8, 0.8,
gives points (0, 1), (0.5, 0.25), (1, 0.25): average ranks 3, 1.5, 1.5 scaled by (rank - 1) / (n - 1).
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np
from scipy.stats import rankdata

from sva.report.content import WithinPoint, WithinView
from sva.report.forest import FONT
from sva.report.plots import render_svg
from sva.results.claims import claims
from sva.results.samples import done_rows
from sva.results.sentences import label
from sva.results.strata import stratified_rho
from sva.results.verdicts import ClaimResult, plain
from sva.results.within import strata_of

__all__ = ["within_points", "within_svg", "within_view"]

_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22")


def _scaled(values: Sequence[float]) -> list[float]:
    ranks = rankdata(values)
    return [float((rank - 1) / (len(values) - 1)) for rank in ranks]


def within_points(rows: Sequence[Mapping[str, Any]], metric: str, outcome: str) -> tuple[WithinPoint, ...]:
    """The distinct programs of the specs where ``metric`` and ``outcome`` both vary, at their
    within-spec ranks (the set the within-spec rho is computed over)."""
    points = []
    for spec in dict.fromkeys(str(row["spec"]) for row in rows):
        mine = [row for row in rows if str(row["spec"]) == spec]
        strata = strata_of(mine, (metric, outcome))
        if not strata or stratified_rho(strata).rho is None:
            continue
        xs, ys = strata[0]
        family = str(mine[0].get("family") or "")
        points += [WithinPoint(spec, family, x, y) for x, y in zip(_scaled(xs), _scaled(ys))]
    return tuple(points)


def within_svg(view: WithinView) -> str:
    """The points, coloured by family, on the unit square of within-spec ranks."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.4, 4.0), dpi=72, layout="constrained")
    ax = figure.subplots()
    rng = np.random.default_rng(0)
    families = list(dict.fromkeys(point.family for point in view.points))
    for index, family in enumerate(families):
        mine = [point for point in view.points if point.family == family]
        jitter = rng.uniform(-0.015, 0.015, size=(2, len(mine)))
        ax.scatter([p.x for p in mine] + jitter[0], [p.y for p in mine] + jitter[1], s=22, alpha=0.7,
                   color=_COLOURS[index % len(_COLOURS)], label=f"{family or 'no family'} ({len(mine)})")
    ax.set_xlabel(f"{label(view.metric)}: rank within its spec (0 lowest)", fontsize=FONT)
    ax.set_ylabel(f"{label(view.outcome)}: rank within spec", fontsize=FONT)
    ax.tick_params(labelsize=FONT)
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    if families:
        ax.legend(fontsize=FONT, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return render_svg(figure)


def _sentence(view_points: Sequence[WithinPoint], metric: str, outcome: str, generators: Sequence[str]) -> str:
    specs = len(dict.fromkeys(point.spec for point in view_points))
    who = " and ".join(generators) if generators else "every generator's"
    return (f"n = {len(view_points)} distinct {who} programs (copies of one program counted once) on the {specs} "
            f"specs where both {label(metric)} and {label(outcome)} vary: the same set the rho above is computed "
            "over. Each point is one program at its ranks within its spec (0 lowest, 1 highest; lower "
            f"{label(metric)} is better, higher {label(outcome)} is better), spread a little so ties show.")


def within_view(results: Sequence[ClaimResult], rows: Sequence[Mapping[str, Any]]) -> WithinView | None:
    """The plot, its rho and its sentence for the first confirmatory correlation claim."""
    entry = next((found for found in claims() if found.kind == "correlation" and found.confirmatory), None)
    result = next((found for found in results if entry is not None and found.name == entry.name), None)
    if entry is None or result is None:
        return None
    metric, outcome = entry.metrics[0], entry.outcomes[0]
    done = [row for row in done_rows(rows) if not entry.generators or row.get("generator") in entry.generators]
    points = within_points(done, metric, outcome)
    relations = plain(result.numbers).get("correlations") or [{}]
    within = relations[0].get("within") or {}
    interval = within.get("interval") or {}
    view = WithinView(result.name, entry.headline, metric, outcome, points, int(within.get("strata") or 0),
                      within.get("rho"), interval.get("low"), interval.get("high"), result.sentence,
                      _sentence(points, metric, outcome, entry.generators), None)
    return WithinView(**{**view.__dict__, "svg": within_svg(view) if points else None})
