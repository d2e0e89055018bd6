"""How the PSB family's primitives are written: ordinary Python, the same for both generators.

Arithmetic and comparisons are Python's operators (``a + b``, ``a < b``), ``MIN``/``MAX``/
``LEN``/``SUM`` the builtins, ``IF(c, t, e)`` is ``t if c else e``, ``ODD(a)`` is
``a % 2 == 1``, the protected ``DIV(a, b)`` is ``a / b if b != 0 else 0.0``, ``LAST(xs)`` is
``xs[-1] if xs else -1`` and ``RANGE(n)`` is ``range(1, n + 1)``. The higher-order forms are
comprehensions over the loop variable ``x``::

    MAP(body, xs)            [body for x in xs]
    FILTER(body, xs)         [x for x in xs if body]
    COUNT_IF(body, xs)       len([x for x in xs if body])
    INDICES_WHERE(body, xs)  [i for i, x in enumerate(xs) if body]
"""

from __future__ import annotations

from typing import Callable

import libcst as cst

from sva.core.emitter import (AND, ATOM, COMPARE, CONDITIONAL, NOT, OR, PRODUCT, SUM, UNARY, Primitive,
                                   Renderer)
from sva.core.program import Expr
from sva.families.psb.vocabulary import ELEMENT


def _binary(operator: Callable[[], cst.BaseBinaryOp], level: int):
    def render(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
        left, right = args
        return cst.BinaryOperation(renderer.operand(left, level), operator(), renderer.operand(right)), level

    return render


def _compare(operator: Callable[[], cst.BaseCompOp]):
    def render(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
        left, right = args
        return cst.Comparison(renderer.operand(left), [cst.ComparisonTarget(operator(), renderer.operand(right))]), COMPARE

    return render


def _connective(operator: Callable[[], cst.BaseBooleanOp], level: int):
    def render(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
        left, right = args
        return cst.BooleanOperation(renderer.operand(left, level), operator(), renderer.operand(right)), level

    return render


def _builtin(name: str):
    def render(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
        return cst.Call(cst.Name(name), [cst.Arg(renderer.expression(arg)) for arg in args]), ATOM

    return render


def _not(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    return cst.UnaryOperation(cst.Not(), renderer.operand(args[0], NOT)), NOT


def _neg(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    return cst.UnaryOperation(cst.Minus(), renderer.operand(args[0])), UNARY


def _if(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    condition, then, otherwise = args
    return cst.IfExp(test=renderer.operand(condition), body=renderer.operand(then),
                     orelse=renderer.operand(otherwise)), CONDITIONAL


def _odd(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    remainder = cst.BinaryOperation(renderer.operand(args[0], PRODUCT), cst.Modulo(), cst.Integer("2"))
    return cst.Comparison(remainder, [cst.ComparisonTarget(cst.Equal(), cst.Integer("1"))]), COMPARE


def _div(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    numerator, denominator = args
    quotient = cst.BinaryOperation(renderer.operand(numerator, PRODUCT), cst.Divide(), renderer.operand(denominator))
    nonzero = cst.Comparison(renderer.operand(denominator), [cst.ComparisonTarget(cst.NotEqual(), cst.Integer("0"))])
    return cst.IfExp(test=nonzero, body=quotient, orelse=cst.Float("0.0")), CONDITIONAL


def _last(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    values = renderer.operand(args[0])
    final = cst.Subscript(values, [cst.SubscriptElement(cst.Index(cst.UnaryOperation(cst.Minus(), cst.Integer("1"))))])
    return cst.IfExp(test=renderer.operand(args[0]), body=final,
                     orelse=cst.UnaryOperation(cst.Minus(), cst.Integer("1"))), CONDITIONAL


def _range(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    top = cst.BinaryOperation(renderer.operand(args[0], SUM), cst.Add(), cst.Integer("1"))
    return cst.Call(cst.Name("range"), [cst.Arg(cst.Integer("1")), cst.Arg(top)]), ATOM


def _test(expr: Expr, renderer: Renderer) -> cst.BaseExpression:
    """A comprehension's condition: parenthesized only when it is itself a conditional."""
    node, level = renderer.render(expr)
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]) if level <= CONDITIONAL else node


def _loop(body: Expr | None, values: Expr, renderer: Renderer, indexed: bool = False) -> cst.CompFor:
    target: cst.BaseAssignTargetExpression = cst.Name(ELEMENT)
    iterable = renderer.operand(values)
    if indexed:
        target = cst.Tuple([cst.Element(cst.Name("i")), cst.Element(cst.Name(ELEMENT))], lpar=[], rpar=[])
        iterable = cst.Call(cst.Name("enumerate"), [cst.Arg(renderer.expression(values))])
    ifs = [] if body is None else [cst.CompIf(_test(body, renderer))]
    return cst.CompFor(target=target, iter=iterable, ifs=ifs)


def _map(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    body, values = args
    node, level = renderer.render(body)
    if level <= CONDITIONAL:
        node = node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return cst.ListComp(elt=node, for_in=_loop(None, values, renderer)), ATOM


def _filter(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    body, values = args
    return cst.ListComp(elt=cst.Name(ELEMENT), for_in=_loop(body, values, renderer)), ATOM


def _count_if(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    kept, _ = _filter(args, renderer)
    return cst.Call(cst.Name("len"), [cst.Arg(kept)]), ATOM


def _indices_where(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    body, values = args
    return cst.ListComp(elt=cst.Name("i"), for_in=_loop(body, values, renderer, indexed=True)), ATOM


#: The PSB primitives, by name.
PRIMITIVES: dict[str, Primitive] = {
    "ADD": Primitive("ADD", 2, _binary(cst.Add, SUM)),
    "SUB": Primitive("SUB", 2, _binary(cst.Subtract, SUM)),
    "MUL": Primitive("MUL", 2, _binary(cst.Multiply, PRODUCT)),
    "NEG": Primitive("NEG", 1, _neg),
    "DIV": Primitive("DIV", 2, _div),
    "MIN": Primitive("MIN", 2, _builtin("min")),
    "MAX": Primitive("MAX", 2, _builtin("max")),
    "LT": Primitive("LT", 2, _compare(cst.LessThan)),
    "LE": Primitive("LE", 2, _compare(cst.LessThanEqual)),
    "EQ": Primitive("EQ", 2, _compare(cst.Equal)),
    "NOT": Primitive("NOT", 1, _not),
    "AND": Primitive("AND", 2, _connective(cst.And, AND)),
    "OR": Primitive("OR", 2, _connective(cst.Or, OR)),
    "IF": Primitive("IF", 3, _if),
    "ODD": Primitive("ODD", 1, _odd),
    "LEN": Primitive("LEN", 1, _builtin("len")),
    "SUM": Primitive("SUM", 1, _builtin("sum")),
    "LAST": Primitive("LAST", 1, _last),
    "RANGE": Primitive("RANGE", 1, _range),
    "MAP": Primitive("MAP", 2, _map),
    "FILTER": Primitive("FILTER", 2, _filter),
    "COUNT_IF": Primitive("COUNT_IF", 2, _count_if),
    "INDICES_WHERE": Primitive("INDICES_WHERE", 2, _indices_where),
}
