"""The report's figures, drawn with matplotlib into SVG text that is the same bytes every time.

No pyplot state is touched: each figure is a bare :class:`matplotlib.figure.Figure` on the SVG
canvas, saved with a fixed ``svg.hashsalt`` (so generated ids do not change between runs), text
kept as text (``svg.fonttype = 'none'``: small, searchable, drawn in the viewer's sans-serif) and
no date in the metadata. :func:`inline_svg` strips the XML prologue and prefixes every ``id`` so
several SVGs can sit in one HTML page without their ids colliding.

- :func:`scatter_grid`: each comprehensibility metric (rows) against each trust outcome
  (columns), design and search in different markers, the panel title giving Spearman's rho with
  its interval (from :func:`sva.results.samples.correlate`). ``verified`` is 0 or 1; its
  points are spread by a small seeded jitter (``numpy.random.default_rng(0)``) so they do not
  hide one another.
- :func:`convergence_grid`: one panel per spec, one line per search run (every output of every
  seed), best training fitness (lower is better, 0 = perfect) against generation.
"""

from __future__ import annotations

import io
import math
import re
from typing import Any, Iterable, Mapping, Sequence

__all__ = ["render_svg", "inline_svg", "scatter_grid", "convergence_grid", "SCATTER_METRICS",
           "SCATTER_OUTCOMES"]

#: Rows and columns of the scatter grid.
SCATTER_METRICS: tuple[str, ...] = ("decomposability", "explanation_length")
SCATTER_OUTCOMES: tuple[str, ...] = ("held_out_pass_rate", "shift_pass_rate", "verified")

_SALT = "sva-report"
_MARKERS = {"design": ("s", "#1f77b4"), "search": ("o", "#d62728")}
_OTHER_MARKER = ("^", "#2ca02c")


def render_svg(figure: Any) -> str:
    """``figure`` as an SVG document (text), reproducible byte for byte."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    FigureCanvasSVG(figure)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": _SALT, "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


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


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=72, layout="constrained")


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
        return f"no rho: {correlation.note}" if correlation.note else f"rho not defined, n = {correlation.n}"
    interval = getattr(correlation, "interval", None)
    low, high = getattr(interval, "low", None), getattr(interval, "high", None)
    span = f" [{low:.2f}, {high:.2f}]" if low is not None and high is not None else ""
    return f"rho = {correlation.rho:.2f}{span}, n = {correlation.n}"


def scatter_grid(rows: Sequence[Mapping[str, Any]], correlations: Iterable[Any],
                 metrics: Sequence[str] = SCATTER_METRICS,
                 outcomes: Sequence[str] = SCATTER_OUTCOMES) -> str:
    """SVG: each of ``metrics`` against each of ``outcomes`` over the done rows."""
    import numpy as np

    from sva.report.tables import label

    by_pair = {(c.metric, c.outcome): c for c in correlations}
    figure = _figure(3.3 * len(outcomes), 2.9 * len(metrics))
    axes = figure.subplots(len(metrics), len(outcomes), squeeze=False)
    rng = np.random.default_rng(0)
    generators = sorted({row["generator"] for row in rows}, key=lambda g: ({"design": 0, "search": 1}.get(g, 2), g))
    for i, metric in enumerate(metrics):
        for j, outcome in enumerate(outcomes):
            ax = axes[i][j]
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
            ax.set_title(_correlation_title(by_pair.get((metric, outcome))), fontsize=9)
            ax.set_xlabel(label(metric), fontsize=8)
            ax.set_ylabel(label(outcome), fontsize=8)
            ax.tick_params(labelsize=7)
            if outcome == "verified":
                ax.set_yticks([0, 1], labels=["no", "yes"])
                ax.set_ylim(-0.2, 1.2)
            if plotted == 0:
                ax.text(0.5, 0.5, "no cell measured both", transform=ax.transAxes, ha="center",
                        va="center", fontsize=8, color="#666666")
            elif i == 0 and j == 0:
                ax.legend(fontsize=7, loc="best")
    return render_svg(figure)


def _curves(row: Mapping[str, Any]) -> list[list[float]]:
    curves = row.get("best_fitness_per_generation") or []
    if curves and not isinstance(curves[0], (list, tuple)):  # one run stored flat
        curves = [curves]
    return [[float(v) for v in curve] for curve in curves if curve]


def convergence_grid(rows: Sequence[Mapping[str, Any]], specs: Sequence[str], columns: int = 3) -> str | None:
    """SVG: for each spec with search curves, every seed's best fitness per generation (one line
    per run; a multi-output spec has one run per output). ``None`` when no row has a curve."""
    from matplotlib import colormaps
    from matplotlib.ticker import MaxNLocator

    panels = [(spec, [row for row in rows if row["spec"] == spec and _curves(row)]) for spec in specs]
    panels = [(spec, group) for spec, group in panels if group]
    if not panels:
        return None
    columns = min(columns, len(panels))
    lines = math.ceil(len(panels) / columns)
    figure = _figure(3.4 * columns, 2.5 * lines)
    axes = figure.subplots(lines, columns, squeeze=False)
    palette = colormaps["viridis"]
    for k, (spec, group) in enumerate(panels):
        ax = axes[k // columns][k % columns]
        seeds = sorted({int(row["seed"]) for row in group})
        for row in sorted(group, key=lambda r: int(r["seed"])):
            colour = palette(seeds.index(int(row["seed"])) / max(1, len(seeds) - 1) * 0.9)
            for curve in _curves(row):
                ax.plot(range(len(curve)), curve, color=colour, linewidth=1.0, alpha=0.8,
                        marker="o" if len(curve) == 1 else None, markersize=3)
        ax.set_title(f"{spec} ({len(seeds)} seeds, colour = seed)", fontsize=9)
        ax.set_xlabel("generation", fontsize=8)
        ax.set_ylabel("best fitness (0 = perfect)", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    for k in range(len(panels), lines * columns):
        axes[k // columns][k % columns].set_visible(False)
    return render_svg(figure)
