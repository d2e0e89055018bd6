"""The walk: one iterative pass over a libcst module that counts tokens and records names.

:class:`WalkerBase` holds the walk's state and its loop over an explicit stack of
``(node, owner unit, scope, nesting depth, name mode)`` items, never Python recursion, so a
1,000-term sum or deeply nested calls cost nothing special. Node types with a rule of their own
(definitions and bindings: :mod:`.statements`; scopes, attributes and patterns:
:mod:`.expressions`) go to those rules; every other node is counted for its owner and its
children are pushed.

**Size.** One token per libcst expression node (``BaseExpression``: names, literals, operations,
calls, attributes with their attribute name, comprehensions, lambdas...; parentheses are not
nodes) plus one per statement (small or compound), charged to the unit whose code holds it. A
unit's own name is not counted; a reference to another unit is an ordinary name node, so it
counts as one leaf. Docstrings and import statements count nothing. Example: ``return a + b`` is
4 tokens (the statement, the ``+``, ``a``, ``b``); each parameter of a ``def`` is one token.

**Nesting.** ``max_nesting`` is the deepest chain of expression nodes nested in one another,
counted from each statement: ``x = f(g(x))`` and ``a = 1 + 2 * 3`` both nest 3 deep.
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Iterable

import libcst as cst

from sva.measure.unitgraph.scopes import LOAD, MODULE_SCOPE, STORE, Scope

__all__ = ["ProvisionalUnit", "WalkerBase"]

#: libcst fields that hold only syntax (whitespace, punctuation): never walked.
_SKIP_FIELDS = frozenset(
    "lpar rpar comma semicolon leading_lines lines_after_decorators header footer indent "
    "trailing_whitespace leading_whitespace operator dot equal colon lbrace rbrace lbracket "
    "rbracket first_colon second_colon star asynchronous encoding default_indent default_newline "
    "has_trailing_newline start end separator trailing_comma conversion relative newline comment "
    "whitespace empty_lines first_line last_line".split()
)

#: What the loop does with a node type: a name, a leaf literal, another expression, a
#: statement, or anything else (a node that only holds others, counted nothing).
_OTHER, _NAME, _LEAF, _EXPR, _STMT = range(5)

_CODES: dict[type, int] = {}
_FIELDS: dict[type, tuple[str, ...]] = {}

#: What a field's value is, by its type: a node (walked), a tuple or list (its nodes walked) or
#: anything else (a string, None, a sentinel). A dictionary by type instead of
#: ``isinstance(value, cst.CSTNode)``: ``CSTNode`` is an abstract class, so ``isinstance`` calls
#: its ``__instancecheck__`` for every value that is not a node (a fifth of the walk's time).
_VALUE_OTHER, _VALUE_NODE, _VALUE_SEQ = range(3)
_VALUES: dict[type, int] = {tuple: _VALUE_SEQ, list: _VALUE_SEQ}


def _value_kind(t: type) -> int:
    """What a field value of type ``t`` is for the walk (computed once per type)."""
    kind = _VALUES.get(t)
    if kind is None:
        kind = _VALUES[t] = _VALUE_NODE if issubclass(t, cst.CSTNode) else _VALUE_OTHER
    return kind


def _code(t: type) -> int:
    """The loop's code for node type ``t`` (computed once per type, with its walked fields)."""
    code = _CODES.get(t)
    if code is None:
        if t is cst.Name:
            code = _NAME
        elif t in (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.Ellipsis):
            code = _LEAF
        elif issubclass(t, cst.BaseExpression):
            code = _EXPR
        elif issubclass(t, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            code = _STMT
        else:
            code = _OTHER
        _CODES[t] = code
        _FIELDS[t] = tuple(
            f.name for f in dataclasses.fields(t)
            if f.name not in _SKIP_FIELDS and not f.name.startswith("whitespace")
        )
    return code


class ProvisionalUnit:
    """A provisional unit while walking (candidates may dissolve into their owner)."""

    __slots__ = ("name", "kind", "owner", "stmt", "story", "n_targets", "nodes")

    def __init__(self, name: str, kind: str, owner: int | None, stmt: int | None) -> None:
        self.name = name
        self.kind = kind
        self.owner = owner
        self.stmt = stmt
        self.story: str | None = None
        self.n_targets = 0
        self.nodes: list[cst.CSTNode] = []


class WalkerBase:
    """One pass over a libcst module: provisional units, sizes, bindings, loads.

    The state and the loop; the rules for particular node types are the ``handlers`` of the
    concrete walker (:class:`sva.measure.unitgraph.walker.Walker`), each called as
    ``handler(walker, node, owner, scope, depth, mode)`` instead of the generic step.
    """

    #: node type -> rule, filled by the concrete walker
    handlers: dict[type, Callable[..., None]] = {}

    def __init__(self) -> None:
        self.pus: list[ProvisionalUnit] = []
        self.size: list[int] = []
        self.loads: list[tuple[str, Scope, int]] = []
        self.attr_loads: list[tuple[str, str, Scope, int]] = []
        self.scopes: list[Scope] = []
        self.stmts = 0
        self.max_depth = 0
        self.stack: list[tuple] = []
        self.module_story: str | None = None
        self.module_scope = self._scope(MODULE_SCOPE, None)

    # -- helpers -----------------------------------------------------------------------------
    def _scope(self, kind: int, parent: Scope | None) -> Scope:
        s = Scope(kind, parent)
        self.scopes.append(s)
        return s

    def _new_unit(self, name: str, kind: str, owner: int | None, stmt: int | None) -> int:
        self.pus.append(ProvisionalUnit(name, kind, owner, stmt))
        self.size.append(0)
        return len(self.pus) - 1

    def _next_stmt(self, owner: int) -> int:
        index = self.stmts
        self.stmts += 1
        pu = self.pus[owner]
        if pu.stmt is None:
            pu.stmt = index
        return index

    def _bind(self, scope: Scope, name: str) -> None:
        """A non-simple binding of ``name`` in ``scope`` (honouring global/nonlocal)."""
        if name in scope.globals:
            self.module_scope.binding(name).nonsimple = True
        elif name in scope.nonlocals:
            pass  # handled after the walk: the enclosing binding is marked non-simple
        else:
            scope.binding(name).nonsimple = True

    def _bind_def(self, scope: Scope, name: str, unit: int) -> None:
        if name in scope.globals:
            self.module_scope.binding(name).defs.append(unit)
        elif name in scope.nonlocals:
            pass
        else:
            scope.binding(name).defs.append(unit)

    def _push_seq(self, items: Iterable, owner: int, scope: Scope, depth: int, mode: int) -> None:
        push = self.stack.append
        for item in reversed(list(items)):
            push((item, owner, scope, depth, mode))

    # -- the loop and the counting shared by the rules --------------------------------------
    def _loop(self) -> None:
        """Pop and count nodes until the stack is empty (the hot loop: locals on purpose)."""
        stack = self.stack
        pop = stack.pop
        push = stack.append
        size = self.size
        loads = self.loads
        codes = _CODES
        fields_of = _FIELDS
        special = self.handlers
        kinds = _VALUES
        while stack:
            node, owner, scope, depth, mode = pop()
            t = type(node)
            code = codes.get(t)
            if code is None:
                code = _code(t)
            if code == _NAME:
                size[owner] += 1
                if depth >= self.max_depth:
                    self.max_depth = depth + 1
                if mode == LOAD:
                    loads.append((node.value, scope, owner))
                elif mode == STORE:
                    self._bind(scope, node.value)
                continue
            if code == _LEAF:
                size[owner] += 1
                if depth >= self.max_depth:
                    self.max_depth = depth + 1
                continue
            handler = special.get(t)
            if handler is not None:
                handler(self, node, owner, scope, depth, mode)
                continue
            if code == _EXPR:
                size[owner] += 1
                depth += 1
                if depth > self.max_depth:
                    self.max_depth = depth
            elif code == _STMT:
                size[owner] += 1
                self._next_stmt(owner)
                depth = 0
            names = fields_of[t]
            for i in range(len(names) - 1, -1, -1):
                value = getattr(node, names[i])
                kind = kinds.get(type(value))
                if kind is None:
                    kind = _value_kind(type(value))
                if kind == _VALUE_NODE:
                    push((value, owner, scope, depth, mode))
                elif kind == _VALUE_SEQ:
                    for j in range(len(value) - 1, -1, -1):
                        child = value[j]
                        kind = kinds.get(type(child))
                        if kind == _VALUE_NODE or (kind is None and _value_kind(type(child)) == _VALUE_NODE):
                            push((child, owner, scope, depth, mode))

    def _expr(self, owner: int, depth: int) -> int:
        """Count one expression node for ``owner``; the depth of its children."""
        self.size[owner] += 1
        depth += 1
        if depth > self.max_depth:
            self.max_depth = depth
        return depth

    def _params(self, params: cst.Parameters, owner: int, outer: Scope, inner: Scope, depth: int) -> None:
        """Parameters of a ``def`` or ``lambda``: one token each, bound non-simply in ``inner``;
        defaults and annotations are read in ``outer``."""
        every = [*params.posonly_params, *params.params]
        if isinstance(params.star_arg, cst.Param):
            every.append(params.star_arg)
        every.extend(params.kwonly_params)
        if params.star_kwarg is not None:
            every.append(params.star_kwarg)
        push = self.stack.append
        for p in reversed(every):
            self.size[owner] += 1
            if depth + 1 > self.max_depth:
                self.max_depth = depth + 1
            inner.binding(p.name.value).nonsimple = True
            if p.default is not None:
                push((p.default, owner, outer, depth, LOAD))
            if p.annotation is not None:
                push((p.annotation, owner, outer, depth, LOAD))

