"""Statement rules of the walk: which statements make units, and which bindings are simple.

* **Units.** Every ``def`` is a unit (kind ``function``, or ``method`` when it sits directly in a
  class body); every ``class`` is a unit (kind ``class``: its header and its non-method body);
  every *simple binding* in a module or function scope is a unit (kind ``binding``). Statements
  at module level that belong to none of these form the ``<module>`` unit (see
  :mod:`.walker` and :mod:`.resolve`).
* **Simple binding.** A name ``y`` whose every binding in its scope is a statement of the form
  ``y = e``, ``y: T = e``, ``y: T`` or ``y op= e``. Its definition is those statements (one token
  each plus their value and annotation expressions; the target ``y`` itself is the name being
  defined and is not counted). A name bound any other way anywhere in the scope (parameter, tuple
  unpacking, chained ``a = b = e``, loop or ``with``/``except`` target, walrus, import, ``del``,
  ``def``/``class``, pattern capture, or declared ``global``/``nonlocal`` somewhere) is not a unit:
  all its binding statements stay, fully counted, in the code of the enclosing unit. The walk
  makes every ``y = e`` statement a *candidate*; :mod:`.resolve` dissolves the candidates whose
  name turned out to be bound another way too.
* **Imports** are counted for line numbers only (no tokens) and bind their names non-simply.

Worked example::

    def main(x):
        y = helper(x, 1)
        return y * 2

``main`` is a function unit of size 6 (the ``def``, ``x``, the ``return``, ``*``, ``y``, ``2``)
and ``main.y`` a binding unit of size 5 (the assignment, the call, ``helper``, ``x``, ``1``). Had
``main`` also said ``for y in ...:`` or ``y, z = ...``, ``y`` would be no unit and both its
statements would count in ``main``.
"""

from __future__ import annotations

from typing import Callable

import libcst as cst

from sva.measure.unitgraph.scopes import (
    CLASS_SCOPE, FUNCTION_SCOPE, LOAD, MODULE_SCOPE, STORE, Scope,
)
from sva.measure.unitgraph.syntax import body_statements, import_names, is_staticmethod
from sva.measure.unitgraph.walk import WalkerBase

__all__ = ["StatementRules", "STATEMENT_HANDLERS"]


class StatementRules(WalkerBase):
    """The walk's rules for definitions, bindings, loops, ``del``, imports and declarations."""

    def _function(self, node: cst.FunctionDef, owner: int, scope: Scope, depth: int, mode: int) -> None:
        kind = "method" if scope.kind == CLASS_SCOPE else "function"
        stmt = self.stmts
        self.stmts += 1
        unit = self._new_unit(node.name.value, kind, owner, stmt)
        self.pus[unit].nodes.append(node)
        self.size[unit] += 1
        self._bind_def(scope, node.name.value, unit)
        fscope = self._scope(FUNCTION_SCOPE, scope)
        params = node.params
        plist = [p for p in (*params.posonly_params, *params.params) ]
        if scope.kind == CLASS_SCOPE and plist and not is_staticmethod(node):
            fscope.self_name = plist[0].name.value
            fscope.class_scope = scope
        stmts, doc, doc_node = body_statements(node.body)
        self.pus[unit].story = doc
        if doc_node is not None:
            self.stmts += 1
        push = self.stack.append
        if node.returns is not None:
            push((node.returns, unit, scope, 0, LOAD))
        self._push_seq((d for d in node.decorators), unit, scope, 0, LOAD)
        self._push_seq(stmts, unit, fscope, 0, LOAD)
        self._params(params, unit, scope, fscope, 0)

    def _class(self, node: cst.ClassDef, owner: int, scope: Scope, depth: int, mode: int) -> None:
        stmt = self.stmts
        self.stmts += 1
        unit = self._new_unit(node.name.value, "class", owner, stmt)
        self.pus[unit].nodes.append(node)
        self.size[unit] += 1
        self._bind_def(scope, node.name.value, unit)
        cscope = self._scope(CLASS_SCOPE, scope)
        stmts, doc, doc_node = body_statements(node.body)
        self.pus[unit].story = doc
        if doc_node is not None:
            self.stmts += 1
        self._push_seq(node.decorators, unit, scope, 0, LOAD)
        self._push_seq(node.keywords, unit, scope, 0, LOAD)
        self._push_seq(node.bases, unit, scope, 0, LOAD)
        self._push_seq(stmts, unit, cscope, 0, LOAD)

    def _candidate(self, scope: Scope, name: str, owner: int, node: cst.CSTNode) -> int | None:
        """The binding unit ``node`` defines, or None when the statement is not a simple binding."""
        if scope.kind not in (MODULE_SCOPE, FUNCTION_SCOPE) or name in scope.globals or name in scope.nonlocals:
            return None
        b = scope.binding(name)
        if b.cand is None:
            b.cand = self._new_unit(name, "binding", owner, None)
            self.pus[b.cand].owner = owner
        cand = b.cand
        pu = self.pus[cand]
        if pu.stmt is None:
            pu.stmt = self.stmts
        self.stmts += 1
        pu.nodes.append(node)
        pu.n_targets += 1
        self.size[cand] += 1
        return cand

    def _assign(self, node: cst.Assign, owner: int, scope: Scope, depth: int, mode: int) -> None:
        targets = node.targets
        if len(targets) == 1 and type(targets[0].target) is cst.Name:
            cand = self._candidate(scope, targets[0].target.value, owner, node)
            if cand is not None:
                self.stack.append((node.value, cand, scope, 0, LOAD))
                return
        self.size[owner] += 1
        self._next_stmt(owner)
        self.stack.append((node.value, owner, scope, 0, LOAD))
        self._push_seq([t.target for t in targets], owner, scope, 0, STORE)

    def _annassign(self, node: cst.AnnAssign, owner: int, scope: Scope, depth: int, mode: int) -> None:
        push = self.stack.append
        if type(node.target) is cst.Name:
            cand = self._candidate(scope, node.target.value, owner, node)
            if cand is not None:
                if node.value is not None:
                    push((node.value, cand, scope, 0, LOAD))
                push((node.annotation, cand, scope, 0, LOAD))
                return
        self.size[owner] += 1
        self._next_stmt(owner)
        if node.value is not None:
            push((node.value, owner, scope, 0, LOAD))
        push((node.annotation, owner, scope, 0, LOAD))
        push((node.target, owner, scope, 0, STORE))

    def _augassign(self, node: cst.AugAssign, owner: int, scope: Scope, depth: int, mode: int) -> None:
        if type(node.target) is cst.Name:
            cand = self._candidate(scope, node.target.value, owner, node)
            if cand is not None:
                self.stack.append((node.value, cand, scope, 0, LOAD))
                return
        self.size[owner] += 1
        self._next_stmt(owner)
        self.stack.append((node.value, owner, scope, 0, LOAD))
        self.stack.append((node.target, owner, scope, 0, STORE))

    def _for(self, node: cst.For, owner: int, scope: Scope, depth: int, mode: int) -> None:
        self.size[owner] += 1
        self._next_stmt(owner)
        push = self.stack.append
        if node.orelse is not None:
            push((node.orelse, owner, scope, 0, LOAD))
        push((node.body, owner, scope, 0, LOAD))
        push((node.iter, owner, scope, 0, LOAD))
        push((node.target, owner, scope, 0, STORE))

    def _del(self, node: cst.Del, owner: int, scope: Scope, depth: int, mode: int) -> None:
        self.size[owner] += 1
        self._next_stmt(owner)
        self.stack.append((node.target, owner, scope, 0, STORE))

    def _asname(self, node: cst.AsName, owner: int, scope: Scope, depth: int, mode: int) -> None:
        self.stack.append((node.name, owner, scope, depth, STORE))

    def _import(self, node: cst.Import | cst.ImportFrom, owner: int, scope: Scope, depth: int, mode: int) -> None:
        self.stmts += 1  # counted for line numbers only: imports add no tokens
        for name in import_names(node):
            self._bind(scope, name)

    def _global(self, node: cst.Global | cst.Nonlocal, owner: int, scope: Scope, depth: int, mode: int) -> None:
        self.size[owner] += 1 + len(node.names)
        self._next_stmt(owner)
        if self.max_depth < 1 and node.names:
            self.max_depth = 1
        target = scope.globals if type(node) is cst.Global else scope.nonlocals
        if scope.kind != MODULE_SCOPE:
            for item in node.names:
                target.add(item.name.value)


STATEMENT_HANDLERS: dict[type, Callable[..., None]] = {
    cst.FunctionDef: StatementRules._function,
    cst.ClassDef: StatementRules._class,
    cst.Assign: StatementRules._assign,
    cst.AnnAssign: StatementRules._annassign,
    cst.AugAssign: StatementRules._augassign,
    cst.For: StatementRules._for,
    cst.Del: StatementRules._del,
    cst.AsName: StatementRules._asname,
    cst.Import: StatementRules._import,
    cst.ImportFrom: StatementRules._import,
    cst.Global: StatementRules._global,
    cst.Nonlocal: StatementRules._global,
}
