"""The classic picture of a comparator network, as a standalone SVG document (pure Python).

Wires are horizontal lines, wire 0 at the top, labelled on the left; a comparator (i, j) is a
vertical segment from wire i to wire j with a dot at each end (after it, the upper wire i holds
the smaller value). Comparators are grouped by parallel layer (:func:`sva.families.sorting.networks.layers`:
a comparator goes in the layer after the last one that touched either of its wires); inside a
layer, comparators whose vertical spans would overlap on the drawing are set side by side in
sub-columns (first column where the span is free, in network order), and a light dashed line
separates consecutive layers. A caption gives the size and depth.

Worked example: the optimal 4-input network (0,1) (2,3) (0,2) (1,3) (1,2) has layers
[(0,1), (2,3)], [(0,2), (1,3)], [(1,2)]; the first layer fits one column (spans 0-1 and 2-3 are
disjoint), the second needs two (spans 0-2 and 1-3 overlap), the third one: four columns of
comparators in three layers, two separators, caption "5 comparators, depth 3".

The bytes depend only on the arguments: integer coordinates, a fixed element order.
"""

from __future__ import annotations

from typing import Iterable, Sequence
from xml.sax.saxutils import escape

from sva.errors import InputError
from sva.families.sorting.networks import layers

__all__ = ["network_svg", "layer_columns"]

_WIRE_GAP = 24  #: vertical distance between wires
_COLUMN_GAP = 16  #: horizontal distance between comparator columns inside a layer
_LAYER_PAD = 10  #: extra space on each side of a layer separator
_LEFT = 34  #: room for the wire labels
_TOP = 18
_DOT = 3


def _checked(pairs: Iterable[Sequence[int]], wires: int) -> list[tuple[int, int]]:
    if isinstance(wires, bool) or not isinstance(wires, int) or wires < 1:
        raise InputError(f"expected a positive int number of wires, got wires={wires!r}")
    checked = []
    for pair in pairs:
        try:
            i, j = (int(v) for v in pair)
        except (TypeError, ValueError):
            raise InputError(f"expected a comparator (i, j) of two ints, got {pair!r}") from None
        if not 0 <= i < j < wires:
            raise InputError(f"comparator {(i, j)!r} must have 0 <= i < j < {wires}; "
                             f"write a comparator with its smaller wire first")
        checked.append((i, j))
    return checked


def layer_columns(layer: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Split one parallel layer into drawing columns whose vertical spans do not overlap:
    each comparator goes in the first column where no comparator's span [i, j] meets its own."""
    columns: list[list[tuple[int, int]]] = []
    for i, j in layer:
        for column in columns:
            if all(j < a or b < i for a, b in column):
                column.append((i, j))
                break
        else:
            columns.append([(i, j)])
    return columns


def network_svg(pairs: Iterable[Sequence[int]], wires: int) -> str:
    """The network ``pairs`` on ``wires`` wires as an SVG document (see the module docstring)."""
    network = _checked(pairs, wires)
    grouped = [layer_columns(layer) for layer in layers(network)]
    x = _LEFT + _LAYER_PAD
    placed: list[tuple[int, int, int]] = []  # (x, i, j)
    separators: list[int] = []
    for number, columns in enumerate(grouped):
        if number:
            separators.append(x - _COLUMN_GAP // 2 + _LAYER_PAD // 2)
            x += _LAYER_PAD
        for column in columns:
            placed.extend((x, i, j) for i, j in column)
            x += _COLUMN_GAP
    right = x + _LAYER_PAD
    width = right + 12
    bottom = _TOP + (wires - 1) * _WIRE_GAP
    height = bottom + 40

    def y(wire: int) -> int:
        return _TOP + wire * _WIRE_GAP

    caption = f"{len(network)} comparator{'s' if len(network) != 1 else ''}, depth {len(grouped)}"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="11">',
        f"<title>{escape(f'sorting network on {wires} wires: {caption}')}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        '<g stroke="#d0d0d0" stroke-width="1" stroke-dasharray="3,3">',
    ]
    out += [f'<line x1="{sx}" y1="{_TOP - 10}" x2="{sx}" y2="{bottom + 10}"/>' for sx in separators]
    out.append("</g>")
    out.append('<g stroke="#555555" stroke-width="1">')
    out += [f'<line x1="{_LEFT}" y1="{y(k)}" x2="{right}" y2="{y(k)}"/>' for k in range(wires)]
    out.append("</g>")
    out.append('<g fill="#333333" text-anchor="end">')
    out += [f'<text x="{_LEFT - 8}" y="{y(k) + 4}">{k}</text>' for k in range(wires)]
    out.append("</g>")
    out.append('<g stroke="#1f4e8c" stroke-width="2" fill="#1f4e8c">')
    for cx, i, j in placed:
        out.append(f'<line x1="{cx}" y1="{y(i)}" x2="{cx}" y2="{y(j)}"/>')
        out.append(f'<circle cx="{cx}" cy="{y(i)}" r="{_DOT}"/>')
        out.append(f'<circle cx="{cx}" cy="{y(j)}" r="{_DOT}"/>')
    out.append("</g>")
    out.append(f'<text x="{_LEFT}" y="{bottom + 30}" fill="#333333">{escape(caption)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
