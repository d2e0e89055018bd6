"""What the unit graph reads off libcst nodes directly: stories, import names, decorators.

* **Story.** A unit's docstring is the first statement of a ``def`` or ``class`` body (or of the
  module) when it is a plain string: a string literal, or an implicit concatenation of them, not
  bytes and not an f-string. Its story tokens are its whitespace-separated words. Example: the
  body ``"Add" " two."`` followed by ``return 1`` has the story ``"Add two."`` (2 story tokens).
  :func:`body_statements` also returns the docstring statement, which the walk skips (docstrings
  count nothing) and ``sva explain`` elides.
* **Imports** bind the names they introduce: ``import a.b`` binds ``a``, ``import a.b as c`` and
  ``from a import b as c`` bind ``c``, ``from a import *`` binds nothing known.
* A method's first parameter is its ``self`` unless the method is decorated ``@staticmethod``.
"""

from __future__ import annotations

import libcst as cst

__all__ = ["string_value", "body_statements", "is_staticmethod", "import_names"]


def string_value(expr: cst.BaseExpression) -> str | None:
    """The value of a plain (non-bytes, non-f) string literal, else None."""
    if type(expr) is cst.SimpleString:
        if "b" in expr.prefix.lower():
            return None
        value = expr.evaluated_value
        return value if isinstance(value, str) else None
    if type(expr) is cst.ConcatenatedString:
        left = string_value(expr.left)
        right = string_value(expr.right)
        return None if left is None or right is None else left + right
    return None


def body_statements(body: cst.Module | cst.BaseSuite) -> tuple[list[cst.CSTNode], str | None, cst.CSTNode | None]:
    """Statements of a block in order, the docstring, and the docstring statement (skipped)."""
    stmts: list[cst.CSTNode] = list(body.body)
    if not stmts:
        return stmts, None, None
    first = stmts[0]
    if isinstance(first, cst.SimpleStatementLine):
        small = first.body
        if small and type(small[0]) is cst.Expr:
            doc = string_value(small[0].value)
            if doc is not None:
                return list(small[1:]) + stmts[1:], doc, small[0]
    elif type(first) is cst.Expr:  # SimpleStatementSuite: a list of small statements
        doc = string_value(first.value)
        if doc is not None:
            return stmts[1:], doc, first
    return stmts, None, None


def is_staticmethod(node: cst.FunctionDef) -> bool:
    for decorator in node.decorators:
        d = decorator.decorator
        if type(d) is cst.Name and d.value == "staticmethod":
            return True
    return False


def import_names(node: cst.Import | cst.ImportFrom) -> list[str]:
    names = node.names
    if isinstance(names, cst.ImportStar):
        return []
    out = []
    for alias in names:
        if alias.asname is not None and type(alias.asname.name) is cst.Name:
            out.append(alias.asname.name.value)
        else:
            n: cst.BaseExpression = alias.name
            while type(n) is cst.Attribute:
                n = n.value
            if type(n) is cst.Name:
                out.append(n.value)
    return out

