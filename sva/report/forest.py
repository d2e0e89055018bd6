"""The forest plot of the first screen: each confirmatory claim's effect per family, with its interval.

One panel per claim (:class:`~sva.report.content.ForestPanel`), side by side, each on its own
axis (the claims' effects are in different units: a pass-rate difference, tokens, a rank
correlation). In a panel, one row per family and a first, bold row for every family: a point at
the effect and a bar across its 95% interval; a dashed line at 0 (no effect); under the axis, which
side is better. Rows without an interval show the point alone.

Drawn with matplotlib into SVG through :func:`sva.report.plots.render_svg` (byte-identical for
the same panels); every text is 11 points at 72 dpi, i.e. 11 px when the SVG is shown at its own
size (at most 1116 px wide: the page never scales it down). Worked example: three panels of five
rows each are (1.0 + 3 x 3.9) x (1.7 + 0.3 x 5) inches = 914 x 230 px.
"""

from __future__ import annotations

import textwrap
from typing import Sequence

from sva.report.content import ForestPanel
from sva.report.plots import render_svg

__all__ = ["FONT", "PANEL", "forest_svg", "WIDTH"]

#: Text size in points (px at the figure's 72 dpi).
FONT = 11
#: The figure's width in inches (72 px each) per panel, and at most (the page's width).
PANEL = 3.9
WIDTH = 15.5
_ROW = 0.3
_EXTRA = 1.7
#: Characters per line of a panel's title and axis words (a panel is at least 250 px wide).
_CHARS = 40


def _label(found_family: str) -> str:
    return found_family or "all families"


def forest_svg(panels: Sequence[ForestPanel]) -> str:
    """SVG of ``panels`` side by side (see the module docstring)."""
    from matplotlib.figure import Figure

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
        ax.set_title(textwrap.fill(panel.title, _CHARS), fontsize=FONT, loc="left")
        ax.set_xlabel(textwrap.fill(panel.axis, _CHARS) + f"\n< {panel.left}    {panel.right} >", fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        ax.set_yticks(list(positions.values()), labels=[_label(family) for family in positions])
        ax.set_ylim(-0.6, len(families) - 0.4)
        ax.grid(axis="x", color="#eeeeee")
        ax.set_axisbelow(True)
    return render_svg(figure)
