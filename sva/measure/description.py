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

__all__ = ["normalize", "description_bits"]


def normalize(tree: ast.Module) -> str:
    """Canonical text of ``tree``: docstrings dropped, identifiers renamed ``n0, n1, ...``.

    Identifiers are numbered by first appearance in a fixed pre-order walk, so any consistent
    renaming of the input gives the same text; ``ast.unparse`` fixes layout and drops comments.
    The tree is modified in place and restored before returning.
    """
    renamer = _Renamer()
    try:
        stack: list[Any] = [tree]
        while stack:
            node = stack.pop()
            renamer.visit(node)  # before its children are read: a dropped docstring is not walked
            stack.extend(_children_reversed(node))
        return ast.unparse(tree)
    finally:
        renamer.restore()


#: The nodes whose body may open with a docstring.
_DOC_OWNERS = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)

#: Node type -> its fields that hold identifiers (a name, a dotted name or a list of names).
_RENAMES: dict[type, tuple[str, ...]] = {
    ast.Name: ("id",), ast.arg: ("arg",), ast.FunctionDef: ("name",),
    ast.AsyncFunctionDef: ("name",), ast.ClassDef: ("name",), ast.keyword: ("arg",),
    ast.Attribute: ("attr",), ast.alias: ("name", "asname"), ast.Global: ("names",),
    ast.Nonlocal: ("names",), ast.ExceptHandler: ("name",), ast.ImportFrom: ("module",),
    ast.MatchAs: ("name",), ast.MatchStar: ("name",), ast.MatchMapping: ("rest",),
    ast.MatchClass: ("kwd_attrs",),
}


class _Renamer:
    """The in-place edits of :func:`normalize`, node by node, and the record that undoes them."""

    def __init__(self) -> None:
        self.mapping: dict[str, str] = {}
        self.undo: list[tuple[Any, str, Any]] = []

    def visit(self, node: Any) -> None:
        """Drop ``node``'s docstring and rename its identifiers."""
        t = type(node)
        if t in _DOC_OWNERS:
            body = node.body
            if (body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant
                    and isinstance(body[0].value.value, str)):
                self.undo.append((node, "body", body))
                node.body = body[1:]
        for attr in _RENAMES.get(t, ()):
            self.rename(node, attr)

    def canon(self, name: str) -> str:
        new = self.mapping.get(name)
        if new is None:
            new = self.mapping[name] = f"n{len(self.mapping)}"
        return new

    def rename(self, node: Any, attr: str) -> None:
        value = getattr(node, attr)
        if value is None:
            return
        self.undo.append((node, attr, value))
        if isinstance(value, list):
            setattr(node, attr, [self.canon(v) for v in value])
        else:
            setattr(node, attr, ".".join(self.canon(part) for part in value.split(".")))

    def restore(self) -> None:
        """Put back every field this renamer changed, the last change first."""
        for node, attr, value in reversed(self.undo):
            setattr(node, attr, value)


def _children_reversed(node: Any) -> list[Any]:
    """``ast.iter_child_nodes(node)``, reversed, inlined: a third of the walk's time."""
    children = []
    for name in node._fields:
        value = getattr(node, name, None)
        if isinstance(value, ast.AST):
            children.append(value)
        elif isinstance(value, list):
            children.extend([item for item in value if isinstance(item, ast.AST)])
    children.reverse()
    return children


def description_bits(text: str) -> int:
    """Bits of ``text`` (UTF-8) compressed by raw LZMA2, preset 9, 1 MiB window (no container)."""
    data = text.encode("utf-8")
    filters = [{"id": lzma.FILTER_LZMA2, "preset": 9, "dict_size": 1 << 20}]
    return 8 * len(lzma.compress(data, format=lzma.FORMAT_RAW, filters=filters))
