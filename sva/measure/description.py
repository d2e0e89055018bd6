"""Description length: the normalized source of a module and its compressed size in bits.

:func:`normalize` gives the canonical text of a module: docstrings dropped, every identifier
renamed ``n0, n1, ...`` by first appearance, comments and layout fixed by ``ast.unparse``, so
any consistent renaming or reformatting of the input gives the same text. Example::

    def add(a, b):
        '''Add.'''
        return a + b   # sum

normalizes to ``def n0(n1, n2):\\n    return n1 + n2``. :func:`description_bits` is 8 x the size
of that text compressed by raw LZMA2 (preset 9, 1 MiB window, no container): the
``description_bits`` metric (:mod:`sva.measure.metrics.explanation`).
"""

from __future__ import annotations

import ast
import lzma

from sva.measure.astscan import Renaming, scan

__all__ = ["normalize", "description_bits"]


def normalize(tree: ast.Module, renaming: Renaming | None = None) -> str:
    """Canonical text of ``tree``: docstrings dropped, identifiers renamed ``n0, n1, ...``.

    Identifiers are numbered by first appearance in a fixed pre-order walk
    (:func:`sva.measure.astscan.scan`), so any consistent renaming of the input gives the same
    text; ``ast.unparse`` fixes layout and drops comments. ``renaming``: the scan's edits of
    this very tree, if already known (:func:`sva.measure.analysis.parse_facts` has them); else
    the tree is scanned here. The tree is modified in place and restored before returning.
    """
    if renaming is None:
        renaming = scan(tree).renaming
    try:
        renaming.apply()
        return ast.unparse(tree)
    finally:
        renaming.undo()


def description_bits(text: str) -> int:
    """Bits of ``text`` (UTF-8) compressed by raw LZMA2, preset 9, 1 MiB window (no container)."""
    data = text.encode("utf-8")
    filters = [{"id": lzma.FILTER_LZMA2, "preset": 9, "dict_size": 1 << 20}]
    return 8 * len(lzma.compress(data, format=lzma.FORMAT_RAW, filters=filters))
