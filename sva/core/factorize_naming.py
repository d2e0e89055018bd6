"""Step 3 of ``factorized`` (:mod:`sva.core.factorize`): naming, without stories.

:func:`extract_helpers` turns a shape repeated in the program (the same operations over different
leaves) into a helper function ``helper_<k>`` with mechanical parameters; :func:`bind_common`
binds a repeated sub-expression to a name ``shared_<k>`` before its first use. Each returns the
program and how many changes it made; the caller checks the result equivalent and keeps it only
when the program does not grow.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from sva.core.program import (Apply, Bind, Call, Expr, Function, Name, Program, Return)
from sva.core.factorize_tree import (_children, _map_function, _names, _statement_exprs, _subtrees,
                                          _with_children, _with_exprs, expr_size, size)

__all__ = ["bind_common", "extract_helpers"]


def _shape(expr: Expr, leaves: list[Expr]) -> Any:
    """A hashable key of ``expr`` with its leaves replaced by their index among distinct leaves."""
    if not _children(expr) and not isinstance(expr, Apply):
        if expr not in leaves:
            leaves.append(expr)
        return ("leaf", leaves.index(expr))
    kind = expr.primitive if isinstance(expr, Apply) else (expr.function if isinstance(expr, Call) else "tuple")
    return (type(expr).__name__, kind, tuple(_shape(child, leaves) for child in _children(expr)))


def _compound(expr: Expr) -> int:
    return sum(1 for _, node in _subtrees(expr) if _children(node) or isinstance(node, Apply))


def _rebuild(expr: Expr, leaves: list[Expr], params: tuple[str, ...]) -> Expr:
    if not _children(expr) and not isinstance(expr, Apply):
        return Name(params[leaves.index(expr)])
    return _with_children(expr, tuple(_rebuild(child, leaves, params) for child in _children(expr)))


def _rewrite(expr: Expr, rule: Callable[[Expr], Expr | None]) -> Expr:
    found = rule(expr)
    if found is not None:
        return found
    return _with_children(expr, tuple(_rewrite(child, rule) for child in _children(expr)))


def _rewrite_program(program: Program, rule: Callable[[Expr], Expr | None]) -> Program:
    functions = tuple(replace(f, body=tuple(_with_exprs(s, tuple(_rewrite(e, rule) for e in _statement_exprs(s)))
                                            for s in f.body)) for f in program.functions)
    return replace(program, functions=functions)


def _fresh(program: Program, stem: str) -> str:
    taken = {f.name for f in program.functions} | {p for f in program.functions for p in f.params} | {
        s.target for f in program.functions for s in f.body if isinstance(s, Bind)}
    index = 0
    while f"{stem}_{index}" in taken:
        index += 1
    return f"{stem}_{index}"


def extract_helpers(program: Program, limit: int = 8) -> tuple[Program, int]:
    """A shape (two or more primitives) that occurs at least twice with different leaves becomes a
    helper function ``helper_<k>(p0, p1, ...)``; each occurrence, a call. The shape saving most
    nodes goes first; a helper that would not make the program smaller is not made."""
    made = 0
    for _ in range(limit):
        occurrences: dict[Any, list[tuple[Expr, list[Expr]]]] = {}
        for function in program.functions:
            for statement in function.body:
                for expr in _statement_exprs(statement):
                    for _, node in _subtrees(expr):
                        if isinstance(node, Apply) and _compound(node) >= 2:
                            leaves: list[Expr] = []
                            key = _shape(node, leaves)
                            occurrences.setdefault(key, []).append((node, leaves))
        best = None
        for key, found in occurrences.items():
            distinct = {tuple(map(repr, leaves)) for _, leaves in found}
            if len(found) < 2 or len(distinct) < 2:
                continue
            template, leaves = found[0]
            # each occurrence becomes a call with its leaves; the helper costs its def, params and return
            saving = sum(expr_size(node) - 1 - len(own) for node, own in found) - (2 + len(leaves) + expr_size(template))
            ranking = (saving, _compound(found[0][0]), repr(key))
            if saving > 0 and (best is None or ranking > best[0]):
                best = (ranking, key, found)
        if best is None:
            return program, made
        _, key, found = best
        name = _fresh(program, "helper")
        template, leaves = found[0]
        params = tuple(f"p{index}" for index in range(len(leaves)))
        helper = Function(name, params, (Return(_rebuild(template, list(leaves), params)),))

        def call(expr: Expr) -> Expr | None:
            if not isinstance(expr, Apply):
                return None
            own: list[Expr] = []
            return Call(name, tuple(own)) if _shape(expr, own) == key else None

        candidate = _rewrite_program(program, call)
        candidate = replace(candidate, functions=(helper,) + candidate.functions)
        if size(candidate) >= size(program):
            return program, made
        program, made = candidate, made + 1
    return program, made


def bind_common(program: Program, implicit: frozenset[str] = frozenset(), limit: int = 16) -> tuple[Program, int]:
    """Within each function, a compound sub-expression that occurs twice or more, and names only
    parameters and earlier bindings, is bound once (``shared_<k> = ...``) before its first use;
    the largest first, and only when the function gets smaller."""
    made = 0
    for f_index in range(len(program.functions)):
        for _ in range(limit):
            best = _best_shared(program.functions[f_index], implicit)
            if best is None:
                break
            program = _bind_shared(program, f_index, *best)
            made += 1
    return program, made


def _compound_occurrences(function: Function) -> tuple[dict[Expr, int], dict[Expr, int]]:
    """Each compound sub-expression of the function's bindings and returns: how often it occurs,
    and the index of the first statement it occurs in."""
    counts: dict[Expr, int] = {}
    first: dict[Expr, int] = {}
    for s_index, statement in enumerate(function.body):
        for expr in _statement_exprs(statement) if isinstance(statement, (Bind, Return)) else ():
            for _, node in _subtrees(expr):
                if isinstance(node, (Apply, Call)) and node.args:
                    counts[node] = counts.get(node, 0) + 1
                    first.setdefault(node, s_index)
    return counts, first


def _best_shared(function: Function, implicit: frozenset[str]) -> tuple[Expr, int] | None:
    """The repeated sub-expression whose binding saves the most (ties: the larger, then by its
    text) and the statement index to bind it at; None when no binding makes the function smaller."""
    counts, first = _compound_occurrences(function)
    options = []
    for node, count in counts.items():
        visible = set(function.params) | {s.target for s in function.body[:first[node]] if isinstance(s, Bind)}
        if count >= 2 and _names(node) <= visible and not (_names(node) & implicit):
            options.append(((count - 1) * expr_size(node) - count - 1, expr_size(node), repr(node), node))
    options = [option for option in options if option[0] > 0]
    if not options:
        return None
    *_, node = max(options)
    return node, first[node]


def _bind_shared(program: Program, f_index: int, node: Expr, at: int) -> Program:
    """The program with ``node`` bound to a fresh ``shared_<k>`` before statement ``at`` of its
    function ``f_index``, and every occurrence of it in bindings and returns read from that name."""
    function = program.functions[f_index]
    name = _fresh(program, "shared")
    body = [_with_exprs(s, tuple(_rewrite(e, lambda x: Name(name) if x == node else None)
                                 for e in _statement_exprs(s))) if isinstance(s, (Bind, Return)) else s
            for s in function.body]
    body.insert(at, Bind(name, node))
    return _map_function(program, f_index, replace(function, body=tuple(body)))


# -- the whole run ------------------------------------------------------------------------------
