"""The unit graph: one libcst parse of a module turned into units, sizes, stories and references.

Every measurement reads a :class:`UnitGraph`; nothing downstream re-parses. The builder walks the
libcst tree iteratively (an explicit stack, never Python recursion), so a 1,000-term sum or deeply
nested calls cost nothing special, and it resolves names with a small scope pass of its own
(Python's rules: function, lambda and comprehension scopes, class bodies invisible to nested
functions, ``global``/``nonlocal``), which is several times cheaper than libcst's ScopeProvider.

Rules (restated with examples in ``docs/metrics.md``):

* **Units.** Every ``def`` is a unit (kind ``function``, or ``method`` when it sits directly in a
  class body); every ``class`` is a unit (kind ``class``: its header and its non-method body);
  every *simple binding* in a module or function scope is a unit (kind ``binding``); statements at
  module level that belong to none of these form one ``<module>`` unit (kind ``module``), created
  only when it has at least one token, so a module of imports and definitions has none.
* **Simple binding.** A name ``y`` whose every binding in its scope is a statement of the form
  ``y = e``, ``y: T = e``, ``y: T`` or ``y op= e``. Its definition is those statements (one token
  each plus their value and annotation expressions; the target ``y`` itself is the name being
  defined and is not counted). A name bound any other way anywhere in the scope (parameter, tuple
  unpacking, chained ``a = b = e``, loop or ``with``/``except`` target, walrus, import, ``del``,
  ``def``/``class``, pattern capture, or declared ``global``/``nonlocal`` somewhere) is not a unit:
  all its binding statements stay, fully counted, in the code of the enclosing unit.
* **Size.** One token per libcst expression node (``BaseExpression``: names, literals, operations,
  calls, attributes with their attribute name, comprehensions, lambdas...; parentheses are not
  nodes) plus one per statement (small or compound). A unit's own name is not counted; a
  reference to another unit is an ordinary name node, so it counts as one leaf. Docstrings and
  import statements count nothing (imports name outside vocabulary, not code to read).
* **Story.** A unit's docstring (first statement of a def or class body that is a plain string);
  story tokens are its whitespace-separated words. Bindings never have a story.
* **References.** A name load resolved (by the scope rules) to a binding that is a unit gives an
  edge from the unit whose code contains the load; so does ``self.m`` inside a method when ``m``
  is a method of the same class. A name bound several ways (e.g. two ``def f``) points at every
  unit it may denote.
"""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

import libcst as cst

__all__ = ["Unit", "UnitGraph", "UnitBuild", "build_unit_graph", "build_units", "choose_entry"]

KINDS = ("module", "function", "method", "class", "binding")


@dataclass(frozen=True)
class Unit:
    """One unit of a module: what a reader can take in, name and story included."""

    index: int
    name: str
    qualname: str
    kind: str
    lineno: int | None  #: the ``def``/``class`` line as ``ast`` reports it; first binding line
    size: int  #: code tokens of its own definition
    story: str | None  #: the docstring, if any
    story_tokens: int  #: words of the docstring (0 without one)
    references: tuple[int, ...]  #: distinct referenced units, in order of first occurrence
    reference_counts: tuple[int, ...]  #: occurrences of each reference, aligned with ``references``
    depth: int  #: enclosing function/class units (0 at module level)
    parent: int | None  #: index of the enclosing function/class unit

    @property
    def has_story(self) -> bool:
        return self.story is not None


@dataclass(frozen=True)
class UnitGraph:
    """Units of one module and the reference edges between them (by unit index)."""

    units: tuple[Unit, ...]
    max_nesting: int  #: deepest chain of expression nodes nested in one another
    module_story: str | None = None

    @cached_property
    def by_qualname(self) -> dict[str, Unit]:
        return {unit.qualname: unit for unit in self.units}

    def find(self, name: str) -> Unit | None:
        """The unit called ``name`` (qualified name first, then the last unit with that short name)."""
        unit = self.by_qualname.get(name)
        if unit is not None:
            return unit
        matches = [u for u in self.units if u.name == name]
        return matches[-1] if matches else None


# --------------------------------------------------------------------------------------------
# Walk machinery

_SKIP_FIELDS = frozenset(
    "lpar rpar comma semicolon leading_lines lines_after_decorators header footer indent "
    "trailing_whitespace leading_whitespace operator dot equal colon lbrace rbrace lbracket "
    "rbracket first_colon second_colon star asynchronous encoding default_indent default_newline "
    "has_trailing_newline start end separator trailing_comma conversion relative newline comment "
    "whitespace empty_lines first_line last_line".split()
)

_OTHER, _NAME, _LEAF, _EXPR, _STMT = range(5)
_LOAD, _STORE, _NOREF = range(3)
_MODULE, _FUNCTION, _CLASS, _LAMBDA, _COMP = range(5)

_CODES: dict[type, int] = {}
_FIELDS: dict[type, tuple[str, ...]] = {}


def _code(t: type) -> int:
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


class _Binding:
    __slots__ = ("defs", "cand", "nonsimple")

    def __init__(self) -> None:
        self.defs: list[int] = []
        self.cand: int | None = None
        self.nonsimple = False


class _Scope:
    __slots__ = ("kind", "parent", "names", "globals", "nonlocals", "self_name", "class_scope")

    def __init__(self, kind: int, parent: "_Scope | None") -> None:
        self.kind = kind
        self.parent = parent
        self.names: dict[str, _Binding] = {}
        self.globals: set[str] = set()
        self.nonlocals: set[str] = set()
        self.self_name: str | None = None
        self.class_scope: _Scope | None = None

    def binding(self, name: str) -> _Binding:
        b = self.names.get(name)
        if b is None:
            b = self.names[name] = _Binding()
        return b


class _PU:
    """A provisional unit while walking (candidates may dissolve into their owner)."""

    __slots__ = ("name", "kind", "owner", "stmt", "story", "n_targets", "nodes")

    def __init__(self, name: str, kind: int | str, owner: int | None, stmt: int | None) -> None:
        self.name = name
        self.kind = kind
        self.owner = owner
        self.stmt = stmt
        self.story: str | None = None
        self.n_targets = 0
        self.nodes: list[cst.CSTNode] = []


def _string_value(expr: cst.BaseExpression) -> str | None:
    """The value of a plain (non-bytes, non-f) string literal, else None."""
    if type(expr) is cst.SimpleString:
        if "b" in expr.prefix.lower():
            return None
        value = expr.evaluated_value
        return value if isinstance(value, str) else None
    if type(expr) is cst.ConcatenatedString:
        left = _string_value(expr.left)
        right = _string_value(expr.right)
        return None if left is None or right is None else left + right
    return None


def _body_statements(body: cst.CSTNode) -> tuple[list[cst.CSTNode], str | None, cst.CSTNode | None]:
    """Statements of a block in order, the docstring, and the docstring statement (skipped)."""
    stmts = list(body.body)
    if not stmts:
        return stmts, None, None
    first = stmts[0]
    if isinstance(first, cst.SimpleStatementLine):
        small = first.body
        if small and type(small[0]) is cst.Expr:
            doc = _string_value(small[0].value)
            if doc is not None:
                return list(small[1:]) + stmts[1:], doc, small[0]
    elif type(first) is cst.Expr:  # SimpleStatementSuite: a list of small statements
        doc = _string_value(first.value)
        if doc is not None:
            return stmts[1:], doc, first
    return stmts, None, None


def _is_staticmethod(node: cst.FunctionDef) -> bool:
    for decorator in node.decorators:
        d = decorator.decorator
        if type(d) is cst.Name and d.value == "staticmethod":
            return True
    return False


def _import_names(node: cst.Import | cst.ImportFrom) -> list[str]:
    names = node.names
    if isinstance(names, cst.ImportStar):
        return []
    out = []
    for alias in names:
        if alias.asname is not None and type(alias.asname.name) is cst.Name:
            out.append(alias.asname.name.value)
        else:
            n = alias.name
            while type(n) is cst.Attribute:
                n = n.value
            if type(n) is cst.Name:
                out.append(n.value)
    return out


class _Walker:
    """One pass over a libcst module: provisional units, sizes, bindings, loads."""

    def __init__(self) -> None:
        self.pus: list[_PU] = []
        self.size: list[int] = []
        self.loads: list[tuple[str, _Scope, int]] = []
        self.attr_loads: list[tuple[str, str, _Scope, int]] = []
        self.scopes: list[_Scope] = []
        self.stmts = 0
        self.max_depth = 0
        self.stack: list[tuple] = []
        self.module_scope = self._scope(_MODULE, None)

    # -- helpers -----------------------------------------------------------------------------
    def _scope(self, kind: int, parent: _Scope | None) -> _Scope:
        s = _Scope(kind, parent)
        self.scopes.append(s)
        return s

    def _new_unit(self, name: str, kind: int | str, owner: int | None, stmt: int | None) -> int:
        self.pus.append(_PU(name, kind, owner, stmt))
        self.size.append(0)
        return len(self.pus) - 1

    def _next_stmt(self, owner: int) -> int:
        index = self.stmts
        self.stmts += 1
        pu = self.pus[owner]
        if pu.stmt is None:
            pu.stmt = index
        return index

    def _bind(self, scope: _Scope, name: str) -> None:
        """A non-simple binding of ``name`` in ``scope`` (honouring global/nonlocal)."""
        if name in scope.globals:
            self.module_scope.binding(name).nonsimple = True
        elif name in scope.nonlocals:
            pass  # handled after the walk: the enclosing binding is marked non-simple
        else:
            scope.binding(name).nonsimple = True

    def _bind_def(self, scope: _Scope, name: str, unit: int) -> None:
        if name in scope.globals:
            self.module_scope.binding(name).defs.append(unit)
        elif name in scope.nonlocals:
            pass
        else:
            scope.binding(name).defs.append(unit)

    def _push_seq(self, items: Iterable, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        push = self.stack.append
        for item in reversed(list(items)):
            push((item, owner, scope, depth, mode))

    # -- entry --------------------------------------------------------------------------------
    def run(self, module: cst.Module) -> None:
        self._new_unit("<module>", "module", None, None)
        stmts, doc, doc_node = _body_statements(module)
        self.module_story = doc
        if doc_node is not None:
            self.stmts += 1
        simple_targets = (cst.Assign, cst.AnnAssign, cst.AugAssign)
        for stmt in stmts:  # module-level code, for the explanation's rendering of <module>
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, (cst.Import, cst.ImportFrom)):
                        continue
                    if isinstance(small, simple_targets) and (
                            type(getattr(small, "target", None)) is cst.Name
                            or (type(small) is cst.Assign and len(small.targets) == 1
                                and type(small.targets[0].target) is cst.Name)):
                        continue
                    self.pus[0].nodes.append(small)
            elif not isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                self.pus[0].nodes.append(stmt)
        self._push_seq(stmts, 0, self.module_scope, 0, _LOAD)
        self._loop()

    def _loop(self) -> None:
        stack = self.stack
        pop = stack.pop
        push = stack.append
        size = self.size
        loads = self.loads
        codes = _CODES
        fields_of = _FIELDS
        special = _SPECIAL
        node_type = cst.CSTNode
        seq_types = (tuple, list)
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
                if mode == _LOAD:
                    loads.append((node.value, scope, owner))
                elif mode == _STORE:
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
                if isinstance(value, node_type):
                    push((value, owner, scope, depth, mode))
                elif type(value) in seq_types:
                    for j in range(len(value) - 1, -1, -1):
                        child = value[j]
                        if isinstance(child, node_type):
                            push((child, owner, scope, depth, mode))

    def _expr(self, owner: int, depth: int) -> int:
        self.size[owner] += 1
        depth += 1
        if depth > self.max_depth:
            self.max_depth = depth
        return depth

    # -- statements ---------------------------------------------------------------------------
    def _function(self, node: cst.FunctionDef, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        kind = "method" if scope.kind == _CLASS else "function"
        stmt = self.stmts
        self.stmts += 1
        unit = self._new_unit(node.name.value, kind, owner, stmt)
        self.pus[unit].nodes.append(node)
        self.size[unit] += 1
        self._bind_def(scope, node.name.value, unit)
        fscope = self._scope(_FUNCTION, scope)
        params = node.params
        plist = [p for p in (*params.posonly_params, *params.params) ]
        if scope.kind == _CLASS and plist and not _is_staticmethod(node):
            fscope.self_name = plist[0].name.value
            fscope.class_scope = scope
        stmts, doc, doc_node = _body_statements(node.body)
        self.pus[unit].story = doc
        if doc_node is not None:
            self.stmts += 1
        push = self.stack.append
        if node.returns is not None:
            push((node.returns, unit, scope, 0, _LOAD))
        self._push_seq((d for d in node.decorators), unit, scope, 0, _LOAD)
        self._push_seq(stmts, unit, fscope, 0, _LOAD)
        self._params(params, unit, scope, fscope, 0)

    def _params(self, params: cst.Parameters, owner: int, outer: _Scope, inner: _Scope, depth: int) -> None:
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
                push((p.default, owner, outer, depth, _LOAD))
            if p.annotation is not None:
                push((p.annotation, owner, outer, depth, _LOAD))

    def _class(self, node: cst.ClassDef, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        stmt = self.stmts
        self.stmts += 1
        unit = self._new_unit(node.name.value, "class", owner, stmt)
        self.pus[unit].nodes.append(node)
        self.size[unit] += 1
        self._bind_def(scope, node.name.value, unit)
        cscope = self._scope(_CLASS, scope)
        stmts, doc, doc_node = _body_statements(node.body)
        self.pus[unit].story = doc
        if doc_node is not None:
            self.stmts += 1
        self._push_seq(node.decorators, unit, scope, 0, _LOAD)
        self._push_seq(node.keywords, unit, scope, 0, _LOAD)
        self._push_seq(node.bases, unit, scope, 0, _LOAD)
        self._push_seq(stmts, unit, cscope, 0, _LOAD)

    def _candidate(self, scope: _Scope, name: str, owner: int, node: cst.CSTNode) -> int | None:
        """The binding unit ``node`` defines, or None when the statement is not a simple binding."""
        if scope.kind not in (_MODULE, _FUNCTION) or name in scope.globals or name in scope.nonlocals:
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

    def _assign(self, node: cst.Assign, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        targets = node.targets
        if len(targets) == 1 and type(targets[0].target) is cst.Name:
            cand = self._candidate(scope, targets[0].target.value, owner, node)
            if cand is not None:
                self.stack.append((node.value, cand, scope, 0, _LOAD))
                return
        self.size[owner] += 1
        self._next_stmt(owner)
        self.stack.append((node.value, owner, scope, 0, _LOAD))
        self._push_seq([t.target for t in targets], owner, scope, 0, _STORE)

    def _annassign(self, node: cst.AnnAssign, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        push = self.stack.append
        if type(node.target) is cst.Name:
            cand = self._candidate(scope, node.target.value, owner, node)
            if cand is not None:
                if node.value is not None:
                    push((node.value, cand, scope, 0, _LOAD))
                push((node.annotation, cand, scope, 0, _LOAD))
                return
        self.size[owner] += 1
        self._next_stmt(owner)
        if node.value is not None:
            push((node.value, owner, scope, 0, _LOAD))
        push((node.annotation, owner, scope, 0, _LOAD))
        push((node.target, owner, scope, 0, _STORE))

    def _augassign(self, node: cst.AugAssign, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        if type(node.target) is cst.Name:
            cand = self._candidate(scope, node.target.value, owner, node)
            if cand is not None:
                self.stack.append((node.value, cand, scope, 0, _LOAD))
                return
        self.size[owner] += 1
        self._next_stmt(owner)
        self.stack.append((node.value, owner, scope, 0, _LOAD))
        self.stack.append((node.target, owner, scope, 0, _STORE))

    def _for(self, node: cst.For, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        self.size[owner] += 1
        self._next_stmt(owner)
        push = self.stack.append
        if node.orelse is not None:
            push((node.orelse, owner, scope, 0, _LOAD))
        push((node.body, owner, scope, 0, _LOAD))
        push((node.iter, owner, scope, 0, _LOAD))
        push((node.target, owner, scope, 0, _STORE))

    def _del(self, node: cst.Del, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        self.size[owner] += 1
        self._next_stmt(owner)
        self.stack.append((node.target, owner, scope, 0, _STORE))

    def _asname(self, node: cst.AsName, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        self.stack.append((node.name, owner, scope, depth, _STORE))

    def _import(self, node: cst.Import | cst.ImportFrom, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        self.stmts += 1  # counted for line numbers only: imports add no tokens
        for name in _import_names(node):
            self._bind(scope, name)

    def _global(self, node: cst.Global | cst.Nonlocal, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        self.size[owner] += 1 + len(node.names)
        self._next_stmt(owner)
        if self.max_depth < 1 and node.names:
            self.max_depth = 1
        target = scope.globals if type(node) is cst.Global else scope.nonlocals
        if scope.kind != _MODULE:
            for item in node.names:
                target.add(item.name.value)

    # -- expressions --------------------------------------------------------------------------
    def _attribute(self, node: cst.Attribute, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        depth = self._expr(owner, depth)
        push = self.stack.append
        push((node.attr, owner, scope, depth, _NOREF))
        push((node.value, owner, scope, depth, _LOAD))
        if mode == _LOAD and type(node.value) is cst.Name:
            self.attr_loads.append((node.value.value, node.attr.value, scope, owner))

    def _subscript(self, node: cst.Subscript, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        depth = self._expr(owner, depth)
        self._push_seq(node.slice, owner, scope, depth, _LOAD)
        self.stack.append((node.value, owner, scope, depth, _LOAD))

    def _arg(self, node: cst.Arg, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        push = self.stack.append
        push((node.value, owner, scope, depth, _LOAD))
        if node.keyword is not None:
            push((node.keyword, owner, scope, depth, _NOREF))

    def _namedexpr(self, node: cst.NamedExpr, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        depth = self._expr(owner, depth)
        target_scope = scope
        while target_scope.kind == _COMP and target_scope.parent is not None:
            target_scope = target_scope.parent
        self.stack.append((node.value, owner, scope, depth, _LOAD))
        self.stack.append((node.target, owner, target_scope, depth, _STORE))

    def _lambda(self, node: cst.Lambda, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        depth = self._expr(owner, depth)
        lscope = self._scope(_LAMBDA, scope)
        self.stack.append((node.body, owner, lscope, depth, _LOAD))
        self._params(node.params, owner, scope, lscope, depth)

    def _comprehension(self, node: cst.CSTNode, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        depth = self._expr(owner, depth)
        cscope = self._scope(_COMP, scope)
        items: list[tuple] = []
        if type(node) is cst.DictComp:
            items.append((node.key, owner, cscope, depth, _LOAD))
            items.append((node.value, owner, cscope, depth, _LOAD))
        else:
            items.append((node.elt, owner, cscope, depth, _LOAD))
        comp_for = node.for_in
        first = True
        while comp_for is not None:
            items.append((comp_for.target, owner, cscope, depth, _STORE))
            items.append((comp_for.iter, owner, scope if first else cscope, depth, _LOAD))
            for comp_if in comp_for.ifs:
                items.append((comp_if.test, owner, cscope, depth, _LOAD))
            comp_for = comp_for.inner_for_in
            first = False
        self.stack.extend(reversed(items))

    # -- patterns -----------------------------------------------------------------------------
    def _match_as(self, node: cst.MatchAs, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        if node.name is not None:
            self.stack.append((node.name, owner, scope, depth, _STORE))
        if node.pattern is not None:
            self.stack.append((node.pattern, owner, scope, depth, _LOAD))

    def _match_star(self, node: cst.MatchStar, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        if node.name is not None:
            self.stack.append((node.name, owner, scope, depth, _STORE))

    def _match_mapping(self, node: cst.MatchMapping, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        if node.rest is not None:
            self.stack.append((node.rest, owner, scope, depth, _STORE))
        self._push_seq(node.elements, owner, scope, depth, _LOAD)

    def _match_keyword(self, node: cst.MatchKeywordElement, owner: int, scope: _Scope, depth: int, mode: int) -> None:
        self.stack.append((node.pattern, owner, scope, depth, _LOAD))
        self.stack.append((node.key, owner, scope, depth, _NOREF))


_SPECIAL = {
    cst.FunctionDef: _Walker._function,
    cst.ClassDef: _Walker._class,
    cst.Assign: _Walker._assign,
    cst.AnnAssign: _Walker._annassign,
    cst.AugAssign: _Walker._augassign,
    cst.For: _Walker._for,
    cst.Del: _Walker._del,
    cst.AsName: _Walker._asname,
    cst.Import: _Walker._import,
    cst.ImportFrom: _Walker._import,
    cst.Global: _Walker._global,
    cst.Nonlocal: _Walker._global,
    cst.Attribute: _Walker._attribute,
    cst.Subscript: _Walker._subscript,
    cst.Arg: _Walker._arg,
    cst.NamedExpr: _Walker._namedexpr,
    cst.Lambda: _Walker._lambda,
    cst.ListComp: _Walker._comprehension,
    cst.SetComp: _Walker._comprehension,
    cst.GeneratorExp: _Walker._comprehension,
    cst.DictComp: _Walker._comprehension,
    cst.MatchAs: _Walker._match_as,
    cst.MatchStar: _Walker._match_star,
    cst.MatchMapping: _Walker._match_mapping,
    cst.MatchKeywordElement: _Walker._match_keyword,
}


# --------------------------------------------------------------------------------------------
# After the walk: decide bindings, resolve names, number lines


def _lookup(name: str, scope: _Scope, module: _Scope) -> _Scope | None:
    """The scope whose binding ``name`` denotes when loaded in ``scope`` (None: builtin/unknown)."""
    s: _Scope | None = scope
    first = True
    while s is not None:
        if s.kind == _MODULE:
            return s if name in s.names else None
        if s.kind == _CLASS and not first:
            s = s.parent
            continue
        if name in s.globals:
            return module if name in module.names else None
        if name in s.nonlocals:
            s = s.parent
            first = False
            continue
        if name in s.names:
            return s
        s = s.parent
        first = False
    return None


def _ast_statements(tree: ast.Module) -> list[ast.stmt]:
    """Every statement of ``tree`` in source (pre-)order, without recursion."""
    out: list[ast.stmt] = []
    stack: list[ast.stmt] = list(reversed(tree.body))
    while stack:
        stmt = stack.pop()
        out.append(stmt)
        blocks: list[list[ast.stmt]] = []
        t = type(stmt)
        if t in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.With, ast.AsyncWith):
            blocks = [stmt.body]
        elif t in (ast.If, ast.For, ast.AsyncFor, ast.While):
            blocks = [stmt.body, stmt.orelse]
        elif t is ast.Try or t.__name__ == "TryStar":
            blocks = [stmt.body, *[h.body for h in stmt.handlers], stmt.orelse, stmt.finalbody]
        elif t is ast.Match:
            blocks = [c.body for c in stmt.cases]
        for block in reversed(blocks):
            stack.extend(reversed(block))
    return out


@dataclass(frozen=True)
class UnitBuild:
    """A unit graph plus what the explanation needs: each unit's libcst definition nodes."""

    graph: UnitGraph
    nodes: tuple[tuple[cst.CSTNode, ...], ...]
    module: cst.Module
    ast_statements: tuple[ast.stmt, ...]
    unit_statements: tuple[int | None, ...]  #: pre-order statement index of each unit's definition


def build_units(module: cst.Module, tree: ast.Module) -> UnitBuild:
    """Build the unit graph of ``module``; ``tree`` is the same source parsed by ``ast`` (for lines)."""
    w = _Walker()
    w.run(module)
    pus, size, mod = w.pus, w.size, w.module_scope

    # global / nonlocal declarations disqualify the bindings they reach
    for scope in w.scopes:
        for name in scope.globals:
            mod.binding(name).nonsimple = True
        for name in scope.nonlocals:
            target = _lookup(name, scope.parent, mod) if scope.parent is not None else None
            if target is not None and target.kind != _MODULE:
                target.binding(name).nonsimple = True

    # candidates that stay units; the others dissolve into their owner
    remap = list(range(len(pus)))
    alive = [True] * len(pus)
    for scope in w.scopes:
        for b in scope.names.values():
            if b.cand is not None and (b.nonsimple or b.defs):
                c = b.cand
                owner = pus[c].owner
                size[owner] += size[c] + pus[c].n_targets
                if pus[owner].kind == "module":
                    pus[owner].nodes.extend(pus[c].nodes)
                remap[c] = owner
                alive[c] = False
                if pus[owner].stmt is None or (pus[c].stmt is not None and pus[c].stmt < pus[owner].stmt):
                    pus[owner].stmt = pus[c].stmt
                b.cand = None
    if size[0] == 0:
        alive[0] = False

    def denoted(scope: _Scope, name: str) -> list[int]:
        b = scope.names[name]
        return b.defs + [b.cand] if b.cand is not None else b.defs

    edges: list[dict[int, int]] = [{} for _ in pus]
    for name, scope, owner in w.loads:
        found = _lookup(name, scope, mod)
        if found is None:
            continue
        src = remap[owner]
        for target in denoted(found, name):
            if target == src and pus[src].kind == "binding":
                continue
            counts = edges[src]
            counts[target] = counts.get(target, 0) + 1
    for obj, attr, scope, owner in w.attr_loads:
        found = _lookup(obj, scope, mod)
        if found is None or found.self_name != obj or found.class_scope is None:
            continue
        b = found.class_scope.names.get(attr)
        if b is None:
            continue
        src = remap[owner]
        for target in b.defs:
            if pus[target].kind == "method":
                counts = edges[src]
                counts[target] = counts.get(target, 0) + 1

    statements = _ast_statements(tree)
    if len(statements) != w.stmts:
        raise RuntimeError(
            f"internal error: libcst saw {w.stmts} statements but ast saw {len(statements)}")

    order = [i for i in range(len(pus)) if alive[i]]
    new_index = {old: new for new, old in enumerate(order)}
    qualnames: dict[int, str] = {}
    depths: dict[int, int] = {}
    parents: dict[int, int | None] = {}
    seen: dict[str, int] = {}
    units = []
    for old in order:
        pu = pus[old]
        owner = pu.owner
        if owner is None or owner == 0:
            qual, depth, parent = pu.name, 0, None
        else:
            qual = f"{qualnames[owner]}.{pu.name}"
            depth, parent = depths[owner] + 1, new_index[owner]
        n = seen.get(qual, 0) + 1
        seen[qual] = n
        if n > 1:
            qual = f"{qual}#{n}"
        qualnames[old], depths[old], parents[old] = qual, depth, parent
        targets = [t for t in edges[old] if alive[t]]
        units.append(Unit(
            index=new_index[old],
            name=pu.name,
            qualname=qual,
            kind=pu.kind,
            lineno=statements[pu.stmt].lineno if pu.stmt is not None else None,
            size=size[old],
            story=pu.story,
            story_tokens=len(pu.story.split()) if pu.story is not None else 0,
            references=tuple(new_index[t] for t in targets),
            reference_counts=tuple(edges[old][t] for t in targets),
            depth=depth,
            parent=parent,
        ))
    graph = UnitGraph(units=tuple(units), max_nesting=w.max_depth, module_story=w.module_story)
    return UnitBuild(
        graph=graph,
        nodes=tuple(tuple(pus[old].nodes) for old in order),
        module=module,
        ast_statements=tuple(statements),
        unit_statements=tuple(pus[old].stmt for old in order),
    )


def build_unit_graph(source: str) -> UnitGraph:
    """Parse ``source`` (libcst and ast, once each) and return its unit graph.

    Deeply nested input needs a big stack: call through :func:`analyzer.measure.analysis.analyze_source`
    or :func:`analyzer.measure.analysis.run_deep` when the input is not trusted.
    """
    from analyzer.measure.analysis import run_deep

    def build() -> UnitGraph:
        return build_units(cst.parse_module(source), ast.parse(source)).graph

    return run_deep(build)


def choose_entry(graph: UnitGraph, name: str | None = None) -> int | None:
    """Index of the entry unit.

    ``name`` (qualified or short) wins when given. Otherwise: the top-level functions that no
    other unit references (references from ``<module>`` code do not count: that code is what
    calls the entry); among several, the last one defined (helpers conventionally come first).
    Fallbacks, in order: the last top-level function; the ``<module>`` unit; the last unit; None.
    """
    units = graph.units
    if name is not None:
        unit = graph.find(name)
        if unit is None:
            raise LookupError(name)
        return unit.index
    referenced: set[int] = set()
    for unit in units:
        if unit.kind == "module":
            continue
        for target in unit.references:
            if target != unit.index:
                referenced.add(target)
    top = [u.index for u in units if u.kind == "function" and u.depth == 0]
    free = [i for i in top if i not in referenced]
    if free:
        return free[-1]
    if top:
        return top[-1]
    module_units = [u.index for u in units if u.kind == "module"]
    if module_units:
        return module_units[0]
    return units[-1].index if units else None
