"""A formula string of the AI Feynman database read into an expression tree, and evaluated.

The database writes each formula as Python-like text (``exp(-theta**2/2)/sqrt(2*pi)``,
``arcsin(n*sin(theta2))``). :func:`parse` reads it with :mod:`ast` through a whitelist and never
runs it: ``+ - * / **``, unary minus and plus, numbers, the formula's variables, ``pi`` and the
one-argument functions of :data:`FUNCTIONS`. Anything else (an attribute, a subscript, a name
that is not a variable) is refused with a :class:`FormulaError` naming it. The tree is the JSON
form :mod:`sva.families.feynman.expression` reads an artifact into: ``["add", a, b]``,
``["var", "x"]``, ``["const", 2]``, ``["pi"]``; the database's ``ln``, ``arcsin``, ``arccos`` are
``log``, ``asin``, ``acos`` there.

:func:`evaluate` computes a tree in a *namespace*: :mod:`math` for the oracle, sympy for the
symbolic check (the same text gives both). Whole numbers stay exact where the namespace has
exact integers (``sympy.Integer``), so ``d**(3/2)`` is ``d**Rational(3, 2)`` under sympy and
``d**1.5`` under math. Worked example::

    >>> tree = parse("m_0/sqrt(1-v**2/c**2)", ("m_0", "v", "c"))
    >>> tree[0], tree[2][0]
    ('div', 'sqrt')
    >>> import math; evaluate(tree, math, {"m_0": 1.0, "v": 3.0, "c": 5.0})
    1.25
"""

from __future__ import annotations

import ast
from typing import Any, Mapping, Sequence

__all__ = ["FUNCTIONS", "FormulaError", "evaluate", "names_in", "parse"]

#: The database's function names -> the tree's node kind (also the math/sympy attribute, but asin/acos).
FUNCTIONS: dict[str, str] = {"sqrt": "sqrt", "exp": "exp", "sin": "sin", "cos": "cos", "tanh": "tanh",
                             "ln": "log", "log": "log", "arcsin": "asin", "arccos": "acos"}
_BINARY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow"}
_UNARY_KINDS = frozenset(FUNCTIONS.values()) | {"neg"}


class FormulaError(ValueError):
    """The text is not a formula the whitelist reads."""


def parse(text: str, variables: Sequence[str]) -> list[Any]:
    """The tree of ``text`` over ``variables``; :class:`FormulaError` for anything else."""
    try:
        node = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as error:
        raise FormulaError(f"{text!r} does not parse: {error.msg}") from None
    return _read(node, frozenset(variables), text)


def _read(node: ast.AST, variables: frozenset[str], text: str) -> list[Any]:
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return [_BINARY[type(node.op)], _read(node.left, variables, text), _read(node.right, variables, text)]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _read(node.operand, variables, text)
        return ["neg", inner] if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return ["const", node.value]
    if isinstance(node, ast.Name) and node.id in variables:
        return ["var", node.id]
    if isinstance(node, ast.Name) and node.id == "pi":
        return ["pi"]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS \
            and len(node.args) == 1 and not node.keywords:
        return [FUNCTIONS[node.func.id], _read(node.args[0], variables, text)]
    what = node.id if isinstance(node, ast.Name) else type(node).__name__
    raise FormulaError(f"{text!r}: {what!r} is not a variable, a number, pi or one of {', '.join(FUNCTIONS)}")


def names_in(tree: list[Any]) -> set[str]:
    """The variables a tree uses."""
    if tree[0] == "var":
        return {tree[1]}
    if tree[0] == "const":
        return set()
    return set().union(*(names_in(child) for child in tree[1:]))


def evaluate(tree: list[Any], ns: Any, values: Mapping[str, Any]) -> Any:
    """The tree's value in namespace ``ns`` (:mod:`math` or sympy) with the variables' ``values``."""
    kind = tree[0]
    if kind == "var":
        return values[tree[1]]
    if kind == "const":
        value = tree[1]
        return ns.Integer(value) if isinstance(value, int) and hasattr(ns, "Integer") else value
    if kind == "pi":
        return ns.pi
    operands = [evaluate(child, ns, values) for child in tree[1:]]
    if kind in _UNARY_KINDS:
        return -operands[0] if kind == "neg" else getattr(ns, kind)(operands[0])
    left, right = operands
    if kind == "add":
        return left + right
    if kind == "sub":
        return left - right
    if kind == "mul":
        return left * right
    if kind == "div":
        return left / right
    return left ** right
