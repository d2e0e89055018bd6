"""One walk of the ``ast`` tree for two readers: libcst's nesting depth and the normalization.

:func:`scan` visits every node of a module's tree once, in pre-order (a node, then its
children in field order), with an explicit stack (never Python recursion), and returns a
:class:`Scan`:

* ``depth``: how deep libcst will nest the tree. ``ast`` keeps ``a and b and c`` as one
  ``BoolOp`` with three values; libcst nests it as two, so a ``BoolOp`` of n values counts
  n - 1 levels. Example: ``x = a and b and c`` is 6 (Module > Assign > BoolOp, counted as 2
  levels > Name > its Load context). :func:`sva.measure.analysis.parse_facts` refuses a tree
  deeper than its limit before libcst's native parser sees it.
* ``renaming``: the edits that turn the tree into its normalized form
  (:func:`sva.measure.description.normalize`): each docstring dropped (the first statement of a
  module, ``def`` or ``class`` body when it is a string constant) and each identifier renamed
  ``n0, n1, ...`` by first appearance in this walk; a dotted name (``import a.b``) part by part.
  Example: ``def add(a, b): return a + b`` renames ``add`` -> ``n0``, ``a`` -> ``n1``,
  ``b`` -> ``n2``, then the two loads reuse ``n1`` and ``n2``.

The walk only reads the tree; :class:`Renaming` applies its edits and undoes them. One walk
instead of two (the depth check and the renaming each walked the whole tree) saves about a
tenth of the analysis's CPU time outside libcst's parse.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

__all__ = ["Renaming", "Scan", "scan"]

#: The nodes whose body may open with a docstring.
_DOC_OWNERS = frozenset((ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))

#: Node type -> its fields that hold identifiers (a name, a dotted name or a list of names);
#: ``ast.Name`` has a fast path of its own in :func:`scan`.
_RENAMES: dict[type, tuple[str, ...]] = {
    ast.arg: ("arg",), ast.FunctionDef: ("name",),
    ast.AsyncFunctionDef: ("name",), ast.ClassDef: ("name",), ast.keyword: ("arg",),
    ast.Attribute: ("attr",), ast.alias: ("name", "asname"), ast.Global: ("names",),
    ast.Nonlocal: ("names",), ast.ExceptHandler: ("name",), ast.ImportFrom: ("module",),
    ast.MatchAs: ("name",), ast.MatchStar: ("name",), ast.MatchMapping: ("rest",),
    ast.MatchClass: ("kwd_attrs",),
}


@dataclass(frozen=True)
class Renaming:
    """The normalization's edits of one tree: ``(node, field, old value, new value)`` each."""

    edits: tuple[tuple[Any, str, Any, Any], ...]

    def apply(self) -> None:
        """Set every edited field to its new value (the tree becomes its normalized form)."""
        for node, name, _, new in self.edits:
            setattr(node, name, new)

    def undo(self) -> None:
        """Put every edited field back, the last edit first."""
        for node, name, old, _ in reversed(self.edits):
            setattr(node, name, old)


@dataclass(frozen=True)
class Scan:
    """What :func:`scan` read off a tree: libcst's nesting depth and the normalization's edits."""

    depth: int
    renaming: Renaming


def scan(tree: ast.AST) -> Scan:
    """Walk ``tree`` once (pre-order, iterative): its libcst depth and its renaming edits."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(tree, 1)]
    pop, push = stack.pop, stack.append
    edits: list[tuple[Any, str, Any, Any]] = []
    record = edits.append
    mapping: dict[str, str] = {}
    renames, owners, AST, BoolOp, Name = _RENAMES, _DOC_OWNERS, ast.AST, ast.BoolOp, ast.Name
    walked = _WALKED
    while stack:
        node, depth = pop()
        if depth > deepest:
            deepest = depth
        t = type(node)
        if t is Name:  # the common case, inlined: an identifier never holds a dot
            old = node.id
            new = mapping.get(old)
            if new is None:
                new = mapping[old] = f"n{len(mapping)}"
            record((node, "id", old, new))
        elif t in renames:
            _rename(node, renames[t], mapping, record)
        if t in owners:
            _drop_docstring(node, record)
        below = depth + (len(node.values) - 1 if t is BoolOp else 1)
        fields = walked.get(t)
        if fields is None:
            fields = walked[t] = _walked_fields(t)
        if fields[0] and below > deepest and getattr(node, "ctx", None) is not None:
            deepest = below  # its context (Load, Store, Del), one level down
        for name in fields[1]:  # last field first: children come off the stack in field order
            value = getattr(node, name, None)
            if isinstance(value, AST):
                push((value, below))
            elif isinstance(value, list):
                for j in range(len(value) - 1, -1, -1):
                    item = value[j]
                    if isinstance(item, AST):
                        push((item, below))
    return Scan(deepest, Renaming(tuple(edits)))


#: Node type -> (whether it has a ``ctx`` field, its other fields last first): a ``Load``,
#: ``Store`` or ``Del`` context has no children and nothing to rename, so it only counts for
#: the depth and is never pushed (a fifth of the nodes of a typical module).
_WALKED: dict[type, tuple[bool, tuple[str, ...]]] = {}


def _walked_fields(t: type) -> tuple[bool, tuple[str, ...]]:
    """``t``'s entry in the walk's table: whether it has a ``ctx``, its other fields reversed."""
    fields: tuple[str, ...] = getattr(t, "_fields", ())
    return "ctx" in fields, tuple(reversed([f for f in fields if f != "ctx"]))


def _canon(name: str, mapping: dict[str, str]) -> str:
    new = mapping.get(name)
    if new is None:
        new = mapping[name] = f"n{len(mapping)}"
    return new


def _rename(node: Any, fields: tuple[str, ...], mapping: dict[str, str], record: Any) -> None:
    """Record the renaming of ``node``'s identifier ``fields``, in order (``None`` left alone)."""
    for name in fields:
        value = getattr(node, name)
        if value is None:
            continue
        if isinstance(value, list):
            new: Any = [_canon(v, mapping) for v in value]
        else:
            new = ".".join(_canon(part, mapping) for part in value.split("."))
        record((node, name, value, new))


def _drop_docstring(node: Any, record: Any) -> None:
    """Record the dropping of ``node``'s docstring, if its body opens with one."""
    body = node.body
    if (body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant
            and isinstance(body[0].value.value, str)):
        record((node, "body", body, body[1:]))
