"""The symbolic-solution check (SRBench's), in the caller, on the probe's expression tree.

A found formula is a **symbolic solution** when, after its numbers are rounded to three
decimals (and read as exact rationals), ``sympy.simplify(true - found)`` is a constant or
``sympy.simplify(found / true)`` is a non-zero constant (La Cava et al. 2021, SRBench). The
artifact's text is never given to sympy: the probe read the formula into a JSON tree in the sandbox
(:mod:`sva.families.feynman.expression`) and :func:`to_sympy` builds the sympy expression
node by node from a whitelist of node kinds; the true formula is the equation's own function
applied to sympy symbols. Variables are positive reals (every range is).

:func:`is_equal` is the stricter check behind the family's ``verified``: the formula, numbers
exact, simplifies to the true one (a difference of zero, not a constant).

Simplifying a large wrong formula can take long, so the probe's numeric screen goes first: when
neither ``got - want`` nor ``got / want`` is constant on the held-out points to within
:data:`SCREEN` (relative), the answer is False without sympy; a tree of more than
:data:`MAX_SYMBOLIC_NODES` nodes is not simplified (the answer is unknown, ``None``).
"""

from __future__ import annotations

import operator
from typing import Any

from sva.families.feynman.equations import Equation
from sva.families.feynman.expression import size

__all__ = ["MAX_SYMBOLIC_NODES", "SCREEN", "is_equal", "is_symbolic_solution", "to_sympy"]

SCREEN = 1e-2
MAX_SYMBOLIC_NODES = 150
_UNARY = ("neg", "sqrt", "exp", "sin", "cos", "log", "abs", "tanh", "asin", "acos")
_BINARY = ("add", "sub", "mul", "div", "pow")


def to_sympy(tree: Any, symbols: dict[str, Any], digits: int | None = 3) -> Any:
    """The sympy expression of a tree (numbers rounded to ``digits`` decimals); ValueError for a
    node outside the whitelist."""
    if not isinstance(tree, list) or not tree or not isinstance(tree[0], str):
        raise ValueError(f"not an expression tree: {tree!r:.60}")
    kind = tree[0]
    leaf = _sympy_leaf(tree, symbols, digits)
    if leaf is not None:
        return leaf
    if (kind in _UNARY and len(tree) == 2) or (kind in _BINARY and len(tree) == 3):
        return _sympy_operation(kind, [to_sympy(operand, symbols, digits) for operand in tree[1:]])
    raise ValueError(f"not a node the reader knows: {kind!r}")


def _sympy_leaf(tree: list[Any], symbols: dict[str, Any], digits: int | None) -> Any:
    """The sympy expression of a variable, a number or pi; None for any other node."""
    import sympy

    kind = tree[0]
    if kind == "var" and len(tree) == 2 and tree[1] in symbols:
        return symbols[tree[1]]
    if kind == "const" and len(tree) == 2 and isinstance(tree[1], (int, float)) and not isinstance(tree[1], bool):
        value = float(tree[1])
        # rounded, then exact: 1.0 is the integer 1, 0.318 is 159/500, so simplify can cancel
        return sympy.Rational(repr(round(value, digits) if digits is not None else value))
    if kind == "pi" and len(tree) == 1:
        return sympy.pi
    return None


def _sympy_operation(kind: str, operands: list[Any]) -> Any:
    """Operation ``kind`` (one of :data:`_UNARY` or :data:`_BINARY`) on sympy ``operands``."""
    import sympy

    functions = {"neg": operator.neg, "sqrt": sympy.sqrt, "exp": sympy.exp, "sin": sympy.sin, "cos": sympy.cos,
                 "log": sympy.log, "abs": sympy.Abs, "tanh": sympy.tanh, "asin": sympy.asin, "acos": sympy.acos,
                 "add": operator.add, "sub": operator.sub,
                 "mul": operator.mul, "div": operator.truediv, "pow": operator.pow}
    return functions[kind](*operands)


def _constant(expression: Any) -> bool:
    return not expression.free_symbols and expression.is_finite is not False


def is_symbolic_solution(equation: Equation, tree: Any, difference_spread: float | None,
                         ratio_spread: float | None) -> bool | None:
    """True, False, or None (unknown: no tree, or too large to simplify)."""
    screened = [spread for spread in (difference_spread, ratio_spread) if spread is not None]
    if not screened or min(screened) > SCREEN:
        return False
    if tree is None or size(tree) > MAX_SYMBOLIC_NODES:
        return None
    import sympy

    symbols = {name: sympy.Symbol(name, positive=True) for name in equation.params}
    try:
        found = to_sympy(tree, symbols)
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    truth = equation.formula(sympy, *(symbols[name] for name in equation.params))
    if _constant(sympy.simplify(truth - found)):
        return True
    ratio = sympy.simplify(found / truth)
    return bool(_constant(ratio) and ratio != 0)


def is_equal(equation: Equation, tree: Any, difference_spread: float | None) -> bool | None:
    """True when the formula *is* the true one: ``simplify(true - found) == 0`` with its numbers
    exact (not rounded). This is the family's ``verified``: a proof over the whole domain. None
    when unknown (no tree, too large); False without sympy when the held-out differences vary."""
    if difference_spread is None or difference_spread > 1e-9:
        return False
    if tree is None or size(tree) > MAX_SYMBOLIC_NODES:
        return None
    import sympy

    symbols = {name: sympy.Symbol(name, positive=True) for name in equation.params}
    try:
        found = to_sympy(tree, symbols, digits=None)
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    truth = equation.formula(sympy, *(symbols[name] for name in equation.params))
    return bool(sympy.simplify(truth - found) == 0)
