"""Figures the report shows: legible at the width the page gives them, and the same SVG bytes every time.

**Legible.** A matplotlib figure drawn at ``dpi = 72`` and saved as SVG is ``72 w`` points wide
for a width of ``w`` inches; its ``viewBox`` is in those points and every font size is in them too.
A browser shows one point as 96/72 = 4/3 CSS px, and the report's page scales an SVG down to its
content column (``max-width: 100%``; the column is at most :data:`COLUMN_PX` wide). So a font of
``f`` points in a figure ``w`` inches wide is shown at

    shown_px(f, w) = f * min(96 w, COLUMN_PX) / (72 w)

CSS px, and the smallest font that is still :data:`MIN_TEXT_PX` when shown is

    min_text_pt(w) = MIN_TEXT_PX * 72 w / min(96 w, COLUMN_PX).

Worked example: a 3-panel row 9.9 inches wide is 950 px, narrower than the 1136 px column, so it is
shown at 4/3 px per point and needs fonts of 11 * 3/4 = 8.25 pt; its old 7 pt tick labels were
9.33 px. A figure 15 inches wide (1440 px) is scaled to 1136 px, 1.05 px per point, and needs
11 / 1.05 = 10.46 pt: wider figures need larger fonts, so fewer panels per row is the cheaper fix.

:func:`render_svg` enforces the rule on any figure it writes: every text below
:func:`min_text_pt` of the figure's width (titles, axis labels, tick labels, legends, notes) is
raised to it before saving, and a log axis's labels are written as plain text (``1e-06``: mathtext
draws the exponent at 70% of the size), so no caller can draw an illegible figure through it.
:func:`text_px` reads the rule back from an SVG document (the shown size of each text), for the
tests and for measuring a report.

**Reproducible.** No pyplot state is touched: each figure is a bare
:class:`matplotlib.figure.Figure` on the SVG canvas (:func:`new_figure`), saved with a fixed
``svg.hashsalt`` (so generated ids do not change between runs), text kept as text
(``svg.fonttype = 'none'``: small, searchable, drawn in the viewer's sans-serif) and no date in
the metadata.
"""

from __future__ import annotations

import io
import re
from typing import Any

__all__ = ["COLUMN_PX", "MIN_TEXT_PX", "min_text_pt", "new_figure", "render_svg", "shown_scale", "text_px"]

#: The widest the report's page shows a figure: its 1200 px column less 2 x 32 px of padding.
COLUMN_PX = 1136.0
#: The smallest text a figure may show at 100% zoom, in CSS px.
MIN_TEXT_PX = 11.0
#: CSS px per point (96 px and 72 pt to the inch).
_PX_PER_PT = 96.0 / 72.0
_SALT = "sva-report"


def shown_scale(width_in: float, column_px: float = COLUMN_PX) -> float:
    """CSS px per point of a figure ``width_in`` inches wide shown in a column ``column_px`` wide."""
    natural = 96.0 * width_in
    return _PX_PER_PT * min(natural, column_px) / natural


def min_text_pt(width_in: float, column_px: float = COLUMN_PX) -> float:
    """The smallest font size (points) shown at :data:`MIN_TEXT_PX` or more; rounded up to 0.05 pt."""
    points = MIN_TEXT_PX / shown_scale(width_in, column_px)
    return round(-(-round(points * 1e6) // 50_000) * 0.05, 2)


def new_figure(width_in: float, height_in: float) -> Any:
    """A bare figure ``width_in`` x ``height_in`` inches at 72 dpi with constrained layout."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width_in, height_in), dpi=72, layout="constrained")


def _plain_log_labels(axis: Any) -> None:
    """Log-axis labels as plain text (``1e-06``), not mathtext (``10`` and a superscript drawn at
    70% of the size, which no floor on the base size can keep legible)."""
    from matplotlib.ticker import LogFormatter, LogFormatterMathtext

    for formatter, setter in ((axis.get_major_formatter(), axis.set_major_formatter),
                              (axis.get_minor_formatter(), axis.set_minor_formatter)):
        if isinstance(formatter, LogFormatterMathtext):
            setter(LogFormatter(getattr(formatter, "_base", 10.0), labelOnlyBase=formatter.labelOnlyBase,
                                minor_thresholds=formatter.minor_thresholds))


def _raise_small_text(figure: Any, floor: float) -> None:
    from matplotlib.text import Text

    for axes in figure.axes:
        for name, axis in (("x", axes.xaxis), ("y", axes.yaxis)):
            _plain_log_labels(axis)
            for which, ticks in (("major", axis.get_major_ticks()), ("minor", axis.get_minor_ticks())):
                if ticks and ticks[0].label1.get_fontsize() < floor:
                    axes.tick_params(axis=name, which=which, labelsize=floor)
    for text in figure.findobj(Text):
        if text.get_fontsize() < floor:
            text.set_fontsize(floor)


def render_svg(figure: Any) -> str:
    """``figure`` as an SVG document (text), reproducible byte for byte, every text at least
    :func:`min_text_pt` of the figure's width."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    FigureCanvasSVG(figure)
    _raise_small_text(figure, min_text_pt(figure.get_figwidth()))
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": _SALT, "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


_ROOT = re.compile(r"<svg\b[^>]*>")
_WIDTH = re.compile(r'\bwidth="([\d.]+)(pt|px)?"')
_VIEWBOX = re.compile(r'\bviewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"')
_FONT = re.compile(r"font-size:\s*([\d.]+)px|font-size=\"([\d.]+)(?:px)?\"")


def text_px(document: str, column_px: float = COLUMN_PX) -> list[float]:
    """The shown size (CSS px) of every font size the SVG ``document`` sets, when the page shows
    it at its own width capped at ``column_px``: ``size * shown width / viewBox width``."""
    root = _ROOT.search(document)
    if root is None:
        raise ValueError("not an SVG document: no <svg element")
    width, view = _WIDTH.search(root.group(0)), _VIEWBOX.search(root.group(0))
    if width is None or view is None:
        raise ValueError("the SVG root has no width or viewBox")
    natural = float(width.group(1)) * (_PX_PER_PT if width.group(2) == "pt" else 1.0)
    scale = min(natural, column_px) / float(view.group(1))
    return [float(a or b) * scale for a, b in _FONT.findall(document[root.end():])]
