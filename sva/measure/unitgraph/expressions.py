"""Expression rules of the walk: name modes, the scopes expressions open, and ``self.m``.

* Names are *loads* (they may reference a unit), *stores* (they bind the name non-simply) or
  neither: an attribute name, a keyword argument's name, a keyword pattern's name (the ``a``
  of ``case P(a=x)``).
* ``lambda`` opens a function scope for its parameters and body (parameter defaults and
  annotations are read outside it); a comprehension opens a scope for its targets, except that
  its first iterable is read in the enclosing scope; a walrus target binds in the nearest
  enclosing scope that is not a comprehension (Python's rule).
* **References through ``self``.** ``self.m`` loaded inside a method, with ``self`` its first
  parameter, is recorded so that :mod:`.resolve` can draw an edge to the method ``m`` of the same
  class. Example: in ``class Stack`` with methods ``push`` and ``push_all``, the line
  ``self.push(x)`` in ``push_all`` gives the edge ``Stack.push_all -> Stack.push``.
* Pattern captures (``case [x, *rest]``, ``case {**rest}``, ``case P(a=x)``) are stores.
"""

from __future__ import annotations

from typing import Callable

import libcst as cst

from sva.measure.unitgraph.scopes import COMP_SCOPE, LAMBDA_SCOPE, LOAD, NOREF, STORE, Scope
from sva.measure.unitgraph.walk import WalkerBase

__all__ = ["ExpressionRules", "EXPRESSION_HANDLERS"]


class ExpressionRules(WalkerBase):
    """The walk's rules for attributes, subscripts, arguments, walrus, lambdas, comprehensions
    and match patterns."""

    def _attribute(self, node: cst.Attribute, owner: int, scope: Scope, depth: int, mode: int) -> None:
        depth = self._expr(owner, depth)
        push = self.stack.append
        push((node.attr, owner, scope, depth, NOREF))
        push((node.value, owner, scope, depth, LOAD))
        if mode == LOAD and type(node.value) is cst.Name:
            self.attr_loads.append((node.value.value, node.attr.value, scope, owner))

    def _subscript(self, node: cst.Subscript, owner: int, scope: Scope, depth: int, mode: int) -> None:
        depth = self._expr(owner, depth)
        self._push_seq(node.slice, owner, scope, depth, LOAD)
        self.stack.append((node.value, owner, scope, depth, LOAD))

    def _arg(self, node: cst.Arg, owner: int, scope: Scope, depth: int, mode: int) -> None:
        push = self.stack.append
        push((node.value, owner, scope, depth, LOAD))
        if node.keyword is not None:
            push((node.keyword, owner, scope, depth, NOREF))

    def _namedexpr(self, node: cst.NamedExpr, owner: int, scope: Scope, depth: int, mode: int) -> None:
        depth = self._expr(owner, depth)
        target_scope = scope
        while target_scope.kind == COMP_SCOPE and target_scope.parent is not None:
            target_scope = target_scope.parent
        self.stack.append((node.value, owner, scope, depth, LOAD))
        self.stack.append((node.target, owner, target_scope, depth, STORE))

    def _lambda(self, node: cst.Lambda, owner: int, scope: Scope, depth: int, mode: int) -> None:
        depth = self._expr(owner, depth)
        lscope = self._scope(LAMBDA_SCOPE, scope)
        self.stack.append((node.body, owner, lscope, depth, LOAD))
        self._params(node.params, owner, scope, lscope, depth)

    def _comprehension(self, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp, owner: int, scope: Scope, depth: int, mode: int) -> None:
        depth = self._expr(owner, depth)
        cscope = self._scope(COMP_SCOPE, scope)
        items: list[tuple] = []
        if isinstance(node, cst.DictComp):
            items.append((node.key, owner, cscope, depth, LOAD))
            items.append((node.value, owner, cscope, depth, LOAD))
        else:
            items.append((node.elt, owner, cscope, depth, LOAD))
        comp_for: cst.CompFor | None = node.for_in
        first = True
        while comp_for is not None:
            items.append((comp_for.target, owner, cscope, depth, STORE))
            items.append((comp_for.iter, owner, scope if first else cscope, depth, LOAD))
            for comp_if in comp_for.ifs:
                items.append((comp_if.test, owner, cscope, depth, LOAD))
            comp_for = comp_for.inner_for_in
            first = False
        self.stack.extend(reversed(items))

    # -- patterns -----------------------------------------------------------------------------
    def _match_as(self, node: cst.MatchAs, owner: int, scope: Scope, depth: int, mode: int) -> None:
        if node.name is not None:
            self.stack.append((node.name, owner, scope, depth, STORE))
        if node.pattern is not None:
            self.stack.append((node.pattern, owner, scope, depth, LOAD))

    def _match_star(self, node: cst.MatchStar, owner: int, scope: Scope, depth: int, mode: int) -> None:
        if node.name is not None:
            self.stack.append((node.name, owner, scope, depth, STORE))

    def _match_mapping(self, node: cst.MatchMapping, owner: int, scope: Scope, depth: int, mode: int) -> None:
        if node.rest is not None:
            self.stack.append((node.rest, owner, scope, depth, STORE))
        self._push_seq(node.elements, owner, scope, depth, LOAD)

    def _match_keyword(self, node: cst.MatchKeywordElement, owner: int, scope: Scope, depth: int, mode: int) -> None:
        self.stack.append((node.pattern, owner, scope, depth, LOAD))
        self.stack.append((node.key, owner, scope, depth, NOREF))


EXPRESSION_HANDLERS: dict[type, Callable[..., None]] = {
    cst.Attribute: ExpressionRules._attribute,
    cst.Subscript: ExpressionRules._subscript,
    cst.Arg: ExpressionRules._arg,
    cst.NamedExpr: ExpressionRules._namedexpr,
    cst.Lambda: ExpressionRules._lambda,
    cst.ListComp: ExpressionRules._comprehension,
    cst.SetComp: ExpressionRules._comprehension,
    cst.GeneratorExp: ExpressionRules._comprehension,
    cst.DictComp: ExpressionRules._comprehension,
    cst.MatchAs: ExpressionRules._match_as,
    cst.MatchStar: ExpressionRules._match_star,
    cst.MatchMapping: ExpressionRules._match_mapping,
    cst.MatchKeywordElement: ExpressionRules._match_keyword,
}
