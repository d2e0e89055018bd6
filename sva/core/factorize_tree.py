"""Walking and rebuilding the program IR for ``factorized`` (:mod:`sva.core.factorize`):
an expression's children and a copy with new ones, sizes in IR nodes, subtrees by path, the
names an expression reads, and a program with one function replaced."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from sva.core.program import (Apply, Bind, Call, Do, Expr, Function, Name, Perform, Program, Return,
                                   Statement, TupleOf)

__all__ = ["expr_size", "size"]


def _children(expr: Expr) -> tuple[Expr, ...]:
    if isinstance(expr, (Apply, Call)):
        return expr.args
    if isinstance(expr, TupleOf):
        return expr.items
    return ()


def _with_children(expr: Expr, children: tuple[Expr, ...]) -> Expr:
    if isinstance(expr, Apply):
        return Apply(expr.primitive, children)
    if isinstance(expr, Call):
        return Call(expr.function, children)
    if isinstance(expr, TupleOf):
        return TupleOf(children)
    return expr


def expr_size(expr: Expr) -> int:
    """Nodes of one expression."""
    return 1 + sum(expr_size(child) for child in _children(expr))


def _statement_exprs(statement: Statement) -> tuple[Expr, ...]:
    if isinstance(statement, (Bind, Return)):
        return (statement.value,)
    if isinstance(statement, Do):
        return statement.args
    return (statement.call,)


def _with_exprs(statement: Statement, exprs: tuple[Expr, ...]) -> Statement:
    if isinstance(statement, Bind):
        return Bind(statement.target, exprs[0])
    if isinstance(statement, Return):
        return Return(exprs[0])
    if isinstance(statement, Do):
        return Do(statement.primitive, exprs)
    call = exprs[0]
    assert isinstance(call, Call)
    return Perform(call)


def size(program: Program) -> int:
    """The program's size: see the module docstring."""
    return sum(1 + len(function.params) + sum(1 + sum(expr_size(e) for e in _statement_exprs(s))
                                              for s in function.body)
               for function in program.functions)


def _subtrees(expr: Expr, path: tuple[int, ...] = ()) -> Iterator[tuple[tuple[int, ...], Expr]]:
    yield path, expr
    for index, child in enumerate(_children(expr)):
        yield from _subtrees(child, path + (index,))


def _put(expr: Expr, path: tuple[int, ...], new: Expr) -> Expr:
    if not path:
        return new
    children = list(_children(expr))
    children[path[0]] = _put(children[path[0]], path[1:], new)
    return _with_children(expr, tuple(children))


def _names(expr: Expr) -> set[str]:
    return {node.id for _, node in _subtrees(expr) if isinstance(node, Name)}


def _map_function(program: Program, index: int, function: Function) -> Program:
    functions = list(program.functions)
    functions[index] = function
    return replace(program, functions=tuple(functions))
