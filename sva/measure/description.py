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
from typing import Any

from sva.measure.astscan import Renaming, scan

__all__ = ["normalize", "description_bits", "unparse"]


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
        return unparse(tree)
    finally:
        renaming.undo()


def unparse(tree: ast.AST) -> str:
    """``ast.unparse(tree)``, the same text, with each node's method found once per node type.

    ``ast.unparse`` runs the standard library's ``ast._Unparser``, which finds the method for
    each node through ``NodeVisitor.visit`` (``getattr(self, "visit_" + class name)``, a string
    built per node): a quarter of its time. The subclass :func:`_fast_unparser` builds looks it
    up in a dictionary by node type instead and leaves every method as it is. Where the standard
    library has no such class (another Python), ``ast.unparse`` itself runs.
    """
    if _FAST_UNPARSER is None:
        return ast.unparse(tree)
    return _FAST_UNPARSER().visit(tree)


def _fast_unparser() -> Any:
    """``ast._Unparser`` with a per-type method table in ``traverse`` (None where it is missing)."""
    base = getattr(ast, "_Unparser", None)
    if base is None or not hasattr(base, "traverse"):
        return None
    methods: dict[type, Any] = {}

    class Unparser(base):  # type: ignore[misc, valid-type]
        def traverse(self, node: Any) -> None:
            if isinstance(node, list):
                for item in node:
                    self.traverse(item)
                return
            method = methods.get(type(node))
            if method is None:
                method = methods[type(node)] = getattr(type(self), "visit_" + type(node).__name__,
                                                       type(self).generic_visit)
            method(self, node)

    return Unparser


_FAST_UNPARSER = _fast_unparser()


def description_bits(text: str) -> int:
    """Bits of ``text`` (UTF-8) compressed by raw LZMA2, preset 9, 1 MiB window (no container)."""
    data = text.encode("utf-8")
    filters = [{"id": lzma.FILTER_LZMA2, "preset": 9, "dict_size": 1 << 20}]
    return 8 * len(lzma.compress(data, format=lzma.FORMAT_RAW, filters=filters))
