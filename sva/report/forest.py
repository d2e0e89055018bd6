"""The forest plot of the first screen: each confirmatory claim's effect per family, with its interval.

One panel per claim (:class:`~sva.report.content.ForestPanel`), side by side, each on its own
axis (the claims' effects are in different units: a pass-rate difference, tokens, a rank
correlation). In a panel, one row per family and a first, bold row for every family: a point at
the effect and a bar across its 95% interval; a dashed line at 0 (no effect); under the axis, which
side is better. Rows without an interval show the point alone.

A panel whose widest bound is more than :data:`SPREAD` times its typical effect (the median
absolute effect of its rows) would squeeze every other row onto the dashed line; it is drawn on a
symmetric-log axis, linear within one power of ten around the typical effect, and its axis words
say so. Worked example: explanation length with effects +5, +2, -388 [-1070, -160], +5, 0 tokens:
typical 5, widest 1070 > 25 x 5, so the axis is linear within +-1 and logarithmic beyond.

Drawn with matplotlib into SVG through :func:`sva.report.plots.render_svg` (byte-identical for
the same panels); every text is 11 points at 72 dpi, i.e. 11 px when the SVG is shown at its own
size (at most 1116 px wide: the page never scales it down). Worked example: three panels of five
rows each are (1.0 + 3 x 3.9) x (1.7 + 0.3 x 5) inches = 914 x 230 px.
"""

from __future__ import annotations

import math
import textwrap
from statistics import median
from typing import Sequence

from sva.report.content import ForestPanel
from sva.report.plots import render_svg

__all__ = ["FONT", "PANEL", "SPREAD", "forest_svg", "linear_within", "WIDTH"]

#: Text size in points (px at the figure's 72 dpi).
FONT = 11
#: The figure's width in inches (72 px each) per panel, and at most (the page's width).
PANEL = 3.9
WIDTH = 15.5
_ROW = 0.3
_EXTRA = 1.7
#: Characters per line of a panel's title and axis words (a panel is at least 250 px wide).
_CHARS = 40
#: How many typical effects the widest bound may reach before the axis turns symmetric-log.
SPREAD = 25


def linear_within(panel: ForestPanel) -> float | None:
    """The symmetric-log axis's linear half-width for ``panel``, or None for a linear axis (see
    the module docstring): the power of ten at or below the median absolute effect."""
    effects = [abs(row.effect) for row in panel.rows if row.effect is not None]
    bounds = [abs(v) for row in panel.rows for v in (row.effect, row.low, row.high) if v is not None]
    typical = median(effects) if effects else 0.0
    if not bounds or typical <= 0 or max(bounds) <= SPREAD * typical:
        return None
    return float(10 ** math.floor(math.log10(typical)))


def _label(found_family: str) -> str:
    return found_family or "all families"


def forest_svg(panels: Sequence[ForestPanel]) -> str:
    """SVG of ``panels`` side by side (see the module docstring)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    families = list(dict.fromkeys(row.family for panel in panels for row in panel.rows))
    width = min(WIDTH, 1.0 + PANEL * len(panels))
    figure = Figure(figsize=(width, _EXTRA + _ROW * len(families)), dpi=72, layout="constrained")
    axes = figure.subplots(1, len(panels), squeeze=False, sharey=True)[0]
    positions = {family: len(families) - 1 - index for index, family in enumerate(families)}
    for ax, panel in zip(axes, panels):
        for row in panel.rows:
            y = positions[row.family]
            colour = "#111111" if not row.family else "#1f5fa8"
            if row.low is not None and row.high is not None:
                ax.plot([row.low, row.high], [y, y], color=colour, linewidth=2.2 if not row.family else 1.6)
            ax.plot([row.effect], [y], marker="D" if not row.family else "o", color=colour,
                    markersize=7 if not row.family else 5.5)
        ax.axvline(0, color="#888888", linestyle="--", linewidth=1)
        linear = linear_within(panel)
        scale = ""
        if linear is not None:
            ax.set_xscale("symlog", linthresh=linear)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))  # signed, plain digits
            scale = f" (log scale beyond {linear:g})"
        ax.set_title(textwrap.fill(panel.title, _CHARS), fontsize=FONT, loc="left")
        ax.set_xlabel(textwrap.fill(panel.axis + scale, _CHARS) + f"\n< {panel.left}    {panel.right} >",
                      fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        ax.set_yticks(list(positions.values()), labels=[_label(family) for family in positions])
        ax.set_ylim(-0.6, len(families) - 0.4)
        ax.grid(axis="x", color="#eeeeee")
        ax.set_axisbelow(True)
    return render_svg(figure)
