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
    AST = ast.AST
    mapping: dict[str, str] = {}
    undo: list[tuple[Any, str, Any]] = []

    def canon(name: str) -> str:
        new = mapping.get(name)
        if new is None:
            new = mapping[name] = f"n{len(mapping)}"
        return new

    def rename(node: Any, attr: str) -> None:
        value = getattr(node, attr)
        if value is None:
            return
        undo.append((node, attr, value))
        if isinstance(value, list):
            setattr(node, attr, [canon(v) for v in value])
        else:
            setattr(node, attr, ".".join(canon(part) for part in value.split(".")))

    doc_owners = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    renames: dict[type, tuple[str, ...]] = {
        ast.Name: ("id",), ast.arg: ("arg",), ast.FunctionDef: ("name",),
        ast.AsyncFunctionDef: ("name",), ast.ClassDef: ("name",), ast.keyword: ("arg",),
        ast.Attribute: ("attr",), ast.alias: ("name", "asname"), ast.Global: ("names",),
        ast.Nonlocal: ("names",), ast.ExceptHandler: ("name",), ast.ImportFrom: ("module",),
        ast.MatchAs: ("name",), ast.MatchStar: ("name",), ast.MatchMapping: ("rest",),
        ast.MatchClass: ("kwd_attrs",),
    }
    try:
        stack: list[Any] = [tree]
        while stack:
            node = stack.pop()
            t = type(node)
            if t in doc_owners:
                body = node.body
                if (body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant
                        and isinstance(body[0].value.value, str)):
                    undo.append((node, "body", body))
                    node.body = body[1:]
            for attr in renames.get(t, ()):
                rename(node, attr)
            children = []  # ast.iter_child_nodes(node), inlined: a third of the walk's time
            for name in node._fields:
                value = getattr(node, name, None)
                if isinstance(value, AST):
                    children.append(value)
                elif isinstance(value, list):
                    children.extend([item for item in value if isinstance(item, AST)])
            children.reverse()
            stack.extend(children)
        return ast.unparse(tree)
    finally:
        for node, attr, value in reversed(undo):
            setattr(node, attr, value)


def description_bits(text: str) -> int:
    """Bits of ``text`` (UTF-8) compressed by raw LZMA2, preset 9, 1 MiB window (no container)."""
    data = text.encode("utf-8")
    filters = [{"id": lzma.FILTER_LZMA2, "preset": 9, "dict_size": 1 << 20}]
    return 8 * len(lzma.compress(data, format=lzma.FORMAT_RAW, filters=filters))
