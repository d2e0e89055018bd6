"""The report's figures, drawn with matplotlib into SVG text that is the same bytes every time.

Each figure is a bare :class:`matplotlib.figure.Figure` from :func:`sva.core.figures.new_figure`,
written by :func:`render_svg` (:mod:`sva.core.figures`: fixed hash salt, text as text, no date,
and every text at least 11 px at the width the page shows it: the formula and a worked example
are there). :func:`inline_svg` strips the XML prologue and prefixes every ``id`` so several SVGs
can sit in one HTML page without their ids colliding. Every axis that shows a measure says which
way is better (:func:`axis_label`: "explanation length E (lower is better)").

- :func:`scatter_grid`: each comprehensibility metric (rows) against each trust outcome
  (columns), design and search in different markers, the panel title giving Spearman's rho with
  its interval and n (from :func:`sva.results.samples.correlate`), the heading the set they were
  computed on (the points drawn: ``population``). ``verified`` is 0 or 1; its points are spread by a small seeded
  jitter (``numpy.random.default_rng(0)``) so they do not hide one another.
- :func:`convergence_grid`: one panel per spec, one line per search run (every output of every
  seed), the best training fitness of each generation in the spec family's own measure
  (:class:`sva.core.family.FitnessCurve`: wrong training rows, unsorted binary inputs, 1 - R^2 on
  a log axis, ...); lower is better. A panel whose every run sits at 0 from its first
  generation says so in the panel (its line lies on the axis) and the axis starts below 0 so the
  line shows. :func:`convergence_caption` writes the caption from the families and the curves,
  so it is true for each family shown (worked example: a sorting spec's run goes on after 0,
  shrinking the network; a Feynman curve is an error that stops below 1e-12).
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterable, Mapping, Sequence

from sva.core.family import FitnessCurve
from sva.core.figures import new_figure, render_svg

__all__ = ["render_svg", "inline_svg", "scatter_grid", "convergence_grid", "convergence_caption", "axis_label",
           "fitness_curve", "scatter_heading", "SCATTER_METRICS", "SCATTER_OUTCOMES", "SCATTER_POPULATION"]

#: Rows and columns of the scatter grid.
SCATTER_METRICS: tuple[str, ...] = ("decomposability", "explanation_length")
SCATTER_OUTCOMES: tuple[str, ...] = ("held_out_pass_rate", "shift_pass_rate", "verified")
#: The set the scatter grid's points and rho are computed on, as the report builds it.
SCATTER_POPULATION = "the distinct artifacts (copies counted once) of every spec, pooled"

_MARKERS = {"design": ("s", "#1f77b4"), "search": ("o", "#d62728")}
_OTHER_MARKER = ("^", "#2ca02c")


_ID = re.compile(r'\bid="([^"]+)"')


def inline_svg(document: str, prefix: str) -> str:
    """The ``<svg ...>`` element of ``document`` (prologue, doctype and leading comments dropped),
    with every ``id`` and every reference to it (``url(#id)``, ``href="#id"``) prefixed by
    ``prefix`` so it cannot collide with another inline SVG in the same page."""
    start = document.find("<svg")
    if start < 0:
        raise ValueError("not an SVG document: no <svg element")
    body = document[start:].strip()
    ids = set(_ID.findall(body))
    if not ids:
        return body

    def rename(match: re.Match) -> str:
        name = match.group(2)
        return f"{match.group(1)}{prefix}-{name}" if name in ids else match.group(0)

    body = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = re.sub(r'(url\(#)([^)\s]+)(?=\))', rename, body)
    body = re.sub(r'((?:xlink:)?href="#)([^"]+)(?=")', rename, body)
    return body


def axis_label(name: str, sep: str = " ") -> str:
    """The words for a measure on an axis, with which way is better: ``"explanation length E
    (lower is better)"``, ``"interpretability phi (lower = more interpretable)"``; a field with no
    direction keeps its label alone. ``sep`` goes between the two (``"\\n"``: on two lines)."""
    from sva.report.tables import label
    from sva.results.fields import field_info

    try:
        direction = field_info(name).direction
    except KeyError:
        direction = ""
    return f"{label(name)}{sep}({direction})" if direction else label(name)


def _value(row: Mapping[str, Any], name: str) -> float | None:
    value = row.get(name)
    if value is None or isinstance(value, (dict, list, str)):
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _style(generator: str) -> tuple[str, str]:
    return _MARKERS.get(generator, _OTHER_MARKER)


def _correlation_title(correlation: Any) -> str:
    if correlation is None:
        return "rho not computed"
    if correlation.rho is None or math.isnan(correlation.rho):
        return f"no rho ({correlation.note or 'not defined'}), n = {correlation.n}"
    interval = getattr(correlation, "interval", None)
    low, high = getattr(interval, "low", None), getattr(interval, "high", None)
    span = f" [{low:.2f}, {high:.2f}]" if low is not None and high is not None else ""
    return f"rho = {correlation.rho:.2f}{span}, n = {correlation.n}"


def scatter_heading(population: str = SCATTER_POPULATION) -> str:
    """The scatter grid's heading: the set every panel's points, rho and n are computed on."""
    return f"Spearman's rho [95% interval] and n of each panel: over the points drawn, {population}"


def _scatter_panel(ax: Any, rows: Sequence[Mapping[str, Any]], metric: str, outcome: str,
                   generators: Sequence[str], rng: Any) -> int:
    """Draw one panel's points; return how many."""
    import numpy as np

    plotted = 0
    for generator in generators:
        points = [(x, y) for row in rows if row["generator"] == generator
                  for x, y in [(_value(row, metric), _value(row, outcome))] if x is not None and y is not None]
        if not points:
            continue
        xs = np.array([p[0] for p in points])
        ys = np.array([p[1] for p in points])
        if outcome == "verified":
            ys = ys + rng.uniform(-0.04, 0.04, size=len(ys))
        marker, colour = _style(generator)
        ax.scatter(xs, ys, marker=marker, s=22, facecolors="none" if generator == "search" else colour,
                   edgecolors=colour, linewidths=1.0, alpha=0.85, label=generator)
        plotted += len(points)
    return plotted


def scatter_grid(rows: Sequence[Mapping[str, Any]], correlations: Iterable[Any],
                 metrics: Sequence[str] = SCATTER_METRICS,
                 outcomes: Sequence[str] = SCATTER_OUTCOMES, population: str = SCATTER_POPULATION) -> str:
    """SVG: each of ``metrics`` against each of ``outcomes`` over ``rows``: the points drawn and
    the set ``correlations`` were computed on, named by ``population`` in the heading
    (:func:`scatter_heading`); each panel's title gives its rho and n."""
    import numpy as np

    by_pair = {(c.metric, c.outcome): c for c in correlations}
    figure = new_figure(3.7 * len(outcomes), 3.3 * len(metrics) + 0.4)
    figure.suptitle(scatter_heading(population), fontsize="medium")
    axes = figure.subplots(len(metrics), len(outcomes), squeeze=False)
    rng = np.random.default_rng(0)
    generators = sorted({row["generator"] for row in rows}, key=lambda g: ({"design": 0, "search": 1}.get(g, 2), g))
    for i, metric in enumerate(metrics):
        for j, outcome in enumerate(outcomes):
            ax = axes[i][j]
            plotted = _scatter_panel(ax, rows, metric, outcome, generators, rng)
            ax.set_title(_correlation_title(by_pair.get((metric, outcome))), fontsize="medium")
            ax.set_xlabel(axis_label(metric, "\n"))
            ax.set_ylabel(axis_label(outcome, "\n"))
            if outcome == "verified":
                ax.set_yticks([0, 1], labels=["no", "yes"])
                ax.set_ylim(-0.2, 1.2)
            if plotted == 0:
                ax.text(0.5, 0.5, "no cell measured both", transform=ax.transAxes, ha="center",
                        va="center", color="#666666")
            elif i == 0 and j == 0:
                ax.legend(loc="best")
    return render_svg(figure)


def _curves(row: Mapping[str, Any]) -> list[list[float]]:
    curves = row.get("best_fitness_per_generation") or []
    if curves and not isinstance(curves[0], (list, tuple)):  # one run stored flat
        curves = [curves]
    return [[float(v) for v in curve] for curve in curves if curve]


def fitness_curve(family: str | None) -> FitnessCurve:
    """What the curves of ``family``'s search measure (the default words for an unknown family)."""
    from sva.errors import UsageError
    from sva.families import get_family

    try:
        return get_family(str(family)).fitness_curve
    except UsageError:
        return FitnessCurve()


def _bottom(curve: FitnessCurve) -> str:
    """The perfect value in words: ``"0"``, or ``"1e-12 or below"`` on a log axis."""
    return f"{curve.floor:g} or below" if curve.log else "0"


def _zero_from_start(group: Sequence[Mapping[str, Any]], curve: FitnessCurve) -> bool:
    """Every run of the panel is at 0 (at or below the floor) from its first generation."""
    return all(value <= curve.floor for row in group for run in _curves(row) for value in run)


def _convergence_panel(ax: Any, spec: str, group: Sequence[Mapping[str, Any]], curve: FitnessCurve) -> None:
    from matplotlib import colormaps
    from matplotlib.ticker import MaxNLocator

    palette = colormaps["viridis"]
    seeds = sorted({int(row["seed"]) for row in group})
    flat = _zero_from_start(group, curve)
    for row in sorted(group, key=lambda r: int(r["seed"])):
        colour = palette(seeds.index(int(row["seed"])) / max(1, len(seeds) - 1) * 0.9)
        for run in _curves(row):
            values = [max(value, curve.floor) for value in run] if curve.log else run
            ax.plot(range(len(values)), values, color=colour, linewidth=1.4 if flat else 1.0, alpha=0.8,
                    marker="o" if len(values) == 1 or flat else None, markersize=3)
    ax.set_title(f"{spec} ({len(seeds)} seeds)")
    ax.set_xlabel("generation")
    ax.set_ylabel(f"{curve.measure}\n(lower is better{', log scale' if curve.log else ''})")
    longest = max(len(run) for row in group for run in _curves(row))
    ax.set_xlim(-0.3, max(1, longest - 1) + 0.3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if curve.log:  # labelled in plain text by render_svg
        ax.set_yscale("log")
    else:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=-0.05 * max(1.0, ax.get_ylim()[1]), top=max(1.0, ax.get_ylim()[1]))
    if flat:
        ax.text(0.5, 0.55, f"every run at {_bottom(curve)}\nfrom generation 0", transform=ax.transAxes, ha="center",
                va="center", color="#444444")


def convergence_grid(rows: Sequence[Mapping[str, Any]], specs: Sequence[str], columns: int = 3) -> str | None:
    """SVG: for each spec with search curves, every seed's best fitness per generation (one line
    per run; a multi-output spec has one run per output), in its family's measure (colour = seed).
    ``None`` when no row has a curve."""
    panels = [(spec, [row for row in rows if row["spec"] == spec and _curves(row)]) for spec in specs]
    panels = [(spec, group) for spec, group in panels if group]
    if not panels:
        return None
    columns = min(columns, len(panels))
    lines = math.ceil(len(panels) / columns)
    figure = new_figure(3.6 * columns, 2.9 * lines)
    axes = figure.subplots(lines, columns, squeeze=False)
    for k, (spec, group) in enumerate(panels):
        _convergence_panel(axes[k // columns][k % columns], spec, group, fitness_curve(group[0].get("family")))
    for k in range(len(panels), lines * columns):
        axes[k // columns][k % columns].set_visible(False)
    return render_svg(figure)


def convergence_caption(rows: Sequence[Mapping[str, Any]], specs: Sequence[str]) -> str:
    """The convergence figure's caption, from the families and curves of ``rows``: what each
    family's curve measures and what its 0 means, and which specs' runs were all at 0 from the
    first generation. ``""`` when no row has a curve (the figure is not drawn)."""
    drawn = [(spec, [row for row in rows if row["spec"] == spec and _curves(row)]) for spec in specs]
    drawn = [(spec, group) for spec, group in drawn if group]
    if not drawn:
        return ""
    families: dict[str, list[str]] = {}
    flat: dict[str, list[str]] = {}
    for spec, group in drawn:
        family = str(group[0].get("family"))
        families.setdefault(family, []).append(spec)
        if _zero_from_start(group, fitness_curve(family)):
            flat.setdefault(_bottom(fitness_curve(family)), []).append(spec)
    sentences = ["For each spec, the best training fitness of each generation, one line per search run "
                 "(colour = seed; a spec with several outputs evolves one tree per output, so one line per "
                 "output); lower is better, in the measure of the spec's family:"]
    for family, names in families.items():
        curve = fitness_curve(family)
        sentences.append(f"{family} ({len(names)} spec{'s' if len(names) != 1 else ''}): {curve.measure}; "
                         f"{curve.zero}.")
    for bottom, names in flat.items():
        sentences.append(f"On {', '.join(names)} every run was already at {bottom} in its first generation, so "
                         "the line lies flat at the bottom of the panel (drawn with dots).")
    return " ".join(sentences)
