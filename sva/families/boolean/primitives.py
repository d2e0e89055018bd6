"""How the Boolean family's primitives are written: one rendering each, for both generators.

``AND`` is ``a and b``, ``OR`` is ``a or b``, ``NOT`` is ``not a``, ``XOR`` is ``a ^ b`` and
``IF(c, t, e)`` is ``t if c else e``. A chain of one connective keeps its left operand bare
(``a and b and c``); any other compound operand is parenthesized (the emitter's one rule).
"""

from __future__ import annotations

from typing import Callable

import libcst as cst

from sva.core.emitter import AND, CONDITIONAL, NOT, OR, XOR, Primitive, Renderer
from sva.core.program import Expr


def _connective(operator: Callable[[], cst.BaseBooleanOp], level: int):
    def render(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
        left, right = args
        return cst.BooleanOperation(renderer.operand(left, level), operator(), renderer.operand(right)), level

    return render


def _not(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    (operand,) = args
    return cst.UnaryOperation(cst.Not(), renderer.operand(operand, NOT)), NOT


def _xor(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    left, right = args
    return cst.BinaryOperation(renderer.operand(left, XOR), cst.BitXor(), renderer.operand(right)), XOR


def _if(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    condition, then, otherwise = args
    return cst.IfExp(test=renderer.operand(condition), body=renderer.operand(then),
                     orelse=renderer.operand(otherwise)), CONDITIONAL


#: The Boolean primitives, by name.
PRIMITIVES: dict[str, Primitive] = {
    "AND": Primitive("AND", 2, _connective(cst.And, AND)),
    "OR": Primitive("OR", 2, _connective(cst.Or, OR)),
    "NOT": Primitive("NOT", 1, _not),
    "XOR": Primitive("XOR", 2, _xor),
    "IF": Primitive("IF", 3, _if),
}
