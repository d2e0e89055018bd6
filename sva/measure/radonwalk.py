"""radon's cyclomatic complexity and Halstead counts in one iterative walk of the ``ast`` tree.

radon 6 computes them with two recursive visitors (``radon.visitors.ComplexityVisitor`` and
``HalsteadVisitor``) that start a fresh visitor for every statement of every function and class
body and dispatch each node by name. :func:`radon_counts` walks the tree once, with a stack,
and gives the same numbers by radon's own rules, restated here:

**Decision points** (``ComplexityVisitor.generic_visit``): ``If`` and ``IfExp`` +1; ``For``,
``AsyncFor`` and ``While`` +1, +1 more with an ``else``; ``Try`` one per handler, +1 with an
``else`` (``TryStar`` counts nothing, as in radon); ``BoolOp`` its values - 1; a comprehension
1 + its ``if`` clauses; ``Match`` its cases, less one when a case is a bare capture or ``_``
(never below 0); ``Assert`` +1, and nothing inside it is visited. A ``def`` is visited for its
body only (not its decorators, arguments or annotations), a ``class`` likewise; lambdas are
ordinary expressions. Each point belongs to the nearest enclosing ``def`` or ``class`` body (its
*scope*), else to the module.

**Complexity.** A function's is 1 + the points of its scope, whatever encloses it (a closure, a
method, a method of a class defined in a function). radon's module total
(``total_complexity``) is 1 + the module's points + for each function of the module's scope its
points + for each class of the module's scope its points and, for each method in it (a ``def``
of that class's scope), 1 + the method's points. Closures, classes inside functions and classes
inside classes (and their methods) add nothing to the total: radon keeps them out.

**Halstead** (``HalsteadVisitor``): ``BinOp``, ``UnaryOp``, ``BoolOp`` and ``AugAssign`` are one
operator each with 2, 1, len(values) and 2 operands; ``Compare`` is len(ops) operators and
len(comparators) + 1 operands. Distinct operators are the operator class names (``Add``,
``Eq``...); distinct operands are pairs (context, key), the context being the name of the
nearest enclosing ``def`` (None outside any) and the key a ``Name``'s id, an ``Attribute``'s
attr, a ``Constant``'s value, or else the operand node itself (so every other operand is
distinct). A ``def``'s decorators, arguments and annotations are not visited; a ``class``'s
bases, keywords and decorators are. The module's volume is (N1 + N2) log2(h1 + h2)
(``radon.metrics.halstead_visitor_report``).

Worked example: ``def f(x):\\n    if x and x > 1:\\n        return -x\\n    return x\\n``
has points If 1 + BoolOp 1 in ``f``: complexity 3, module total 1 + 0 + 2 = 3. Halstead: ``and``,
``>``, unary ``-``: N1 = 3, h1 = 3 (And, Gt, USub); operands x, x > 1 (a node), x, 1, x:
N2 = 5, h2 = 3 ((f, 'x'), (f, <Compare>), (f, 1)), volume 8 log2 6.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

__all__ = ["RadonCounts", "radon_counts"]


@dataclass(frozen=True)
class RadonCounts:
    """radon's complexity and Halstead figures of one module (field names as radon's)."""

    total_complexity: int  #: ``ComplexityVisitor.total_complexity``
    function_complexities: dict  #: def line -> complexity, for every ``def`` of the module
    distinct_operators: int  #: h1
    distinct_operands: int  #: h2
    operators: int  #: N1
    operands: int  #: N2


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_KEY_FIELD = {ast.Name: "id", ast.Attribute: "attr", ast.Constant: "value"}

#: Scope kinds (index 0 is the module).
_MODULE, _FUNCTION, _CLASS = 0, 1, 2


def _points(node: Any, t: type) -> int:
    """radon's decision points of ``node`` itself (its children counted apart)."""
    if t is ast.If or t is ast.IfExp:
        return 1
    if t is ast.BoolOp:
        return len(node.values) - 1
    if t is ast.For or t is ast.While or t is ast.AsyncFor:
        return 2 if node.orelse else 1
    if t is ast.comprehension:
        return len(node.ifs) + 1
    if t is ast.Try:
        return len(node.handlers) + bool(node.orelse)
    if t is ast.Match:
        bare = any(getattr(case.pattern, "pattern", False) is None for case in node.cases)
        return max(0, len(node.cases) - bare)
    return 0


def _halstead(node: Any, t: type) -> tuple[int, tuple, tuple] | None:
    """(operators, operator names, operand nodes) of ``node`` itself, or None if it has none."""
    if t is ast.BinOp:
        return 1, (type(node.op).__name__,), (node.left, node.right)
    if t is ast.Compare:
        return len(node.ops), tuple(type(op).__name__ for op in node.ops), (*node.comparators, node.left)
    if t is ast.BoolOp:
        return 1, (type(node.op).__name__,), tuple(node.values)
    if t is ast.UnaryOp:
        return 1, (type(node.op).__name__,), (node.operand,)
    if t is ast.AugAssign:
        return 1, (type(node.op).__name__,), (node.target, node.value)
    return None


_HALSTEAD_TYPES = frozenset((ast.BinOp, ast.Compare, ast.BoolOp, ast.UnaryOp, ast.AugAssign))
_POINT_TYPES = frozenset((ast.If, ast.IfExp, ast.BoolOp, ast.For, ast.While, ast.AsyncFor,
                          ast.comprehension, ast.Try, ast.Match))


#: Node type -> the fields the walk reads: all but ``ctx`` (a ``Load``, ``Store`` or ``Del``
#: context counts for nothing and has no children; a fifth of a module's nodes).
_WALKED: dict[type, tuple[str, ...]] = {}


class _Tally:
    """The walk's running sums: decision points per scope, Halstead operators and operands."""

    def __init__(self) -> None:
        self.points = [0]  #: by scope; scope 0 is the module
        self.kinds = [_MODULE]
        self.in_total = [True]  #: whether the scope's points go into the module total
        self.methods_in_total = 0  #: methods of a class in the total: each adds its 1
        self.def_scopes: list[tuple[int, int]] = []  #: (def line, scope)
        self.operators_seen: set = set()
        self.operands_seen: set = set()
        self.operators = 0
        self.operands = 0

    def open_scope(self, node: Any, parent: int) -> int:
        """A new scope for ``node`` (a def or class) inside scope ``parent``; its index."""
        parent_kind = self.kinds[parent]
        if type(node) is ast.ClassDef:
            kind, counted = _CLASS, parent_kind == _MODULE
        else:
            kind = _FUNCTION
            counted = parent_kind == _MODULE or (parent_kind == _CLASS and self.in_total[parent])
            if counted and parent_kind == _CLASS:
                self.methods_in_total += 1
        self.points.append(0)
        self.kinds.append(kind)
        self.in_total.append(counted)
        scope = len(self.points) - 1
        if kind == _FUNCTION:
            self.def_scopes.append((node.lineno, scope))
        return scope

    def count_halstead(self, node: Any, t: type, context: str | None) -> None:
        operators, names, operands = _halstead(node, t)  # type: ignore[misc]
        self.operators += operators
        self.operands += len(operands)
        self.operators_seen.update(names)
        for operand in operands:
            field = _KEY_FIELD.get(type(operand))
            self.operands_seen.add((context, operand if field is None else getattr(operand, field)))


def _scope_parts(tally: _Tally, node: Any, scope: int, context: str | None) -> list:
    """What the walk visits of a ``def`` or ``class`` in ``scope``: its body in a new scope (a
    ``def``'s name its Halstead context) and, for a class, its bases, keywords and decorators
    for Halstead only (in ``scope``); a ``def``'s decorators, arguments and annotations not at all."""
    inner = tally.open_scope(node, scope)
    if type(node) is not ast.ClassDef:
        return [(stmt, inner, True, node.name) for stmt in node.body]
    parts = [(part, scope, False, context) for part in (*node.bases, *node.keywords, *node.decorator_list)]
    return parts + [(stmt, inner, True, context) for stmt in node.body]


def radon_counts(tree: ast.Module) -> RadonCounts:
    """radon's total and per-function complexity and Halstead counts of ``tree`` (one walk)."""
    tally = _Tally()
    # (node, scope, complexity visited, Halstead context)
    stack: list[tuple[Any, int, bool, str | None]] = [(tree, 0, True, None)]
    pop, push, AST = stack.pop, stack.append, ast.AST
    points, halstead_types, point_types = tally.points, _HALSTEAD_TYPES, _POINT_TYPES
    walked = _WALKED
    while stack:
        node, scope, cc_on, context = pop()
        t = type(node)
        if t in halstead_types:
            tally.count_halstead(node, t, context)
        if t is ast.FunctionDef or t is ast.AsyncFunctionDef or t is ast.ClassDef:
            stack.extend(_scope_parts(tally, node, scope, context))
            continue
        if cc_on:
            if t is ast.Assert:
                points[scope] += 1
                cc_on = False
            elif t in point_types:
                points[scope] += _points(node, t)
        fields = walked.get(t)
        if fields is None:
            fields = walked[t] = tuple(f for f in t._fields if f != "ctx")
        for name in fields:
            value = getattr(node, name, None)
            if isinstance(value, AST):
                push((value, scope, cc_on, context))
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, AST):
                        push((item, scope, cc_on, context))
    total = 1 + tally.methods_in_total + sum(p for p, counted in zip(points, tally.in_total) if counted)
    return RadonCounts(
        total_complexity=total,
        function_complexities={line: 1 + points[scope] for line, scope in tally.def_scopes},
        distinct_operators=len(tally.operators_seen),
        distinct_operands=len(tally.operands_seen),
        operators=tally.operators,
        operands=tally.operands,
    )
