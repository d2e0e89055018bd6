"""Name resolution for the unit graph: Python's scope rules in a small pass of its own.

The walk records, per scope, how each name is bound (:class:`Binding`); :func:`lookup` then
finds the scope a loaded name denotes, by Python's rules: function, lambda and comprehension
scopes; class bodies invisible to the functions nested in them; ``global`` and ``nonlocal``
declarations; module scope last (a name found nowhere is a builtin or unknown: no reference).
This is several times cheaper than libcst's ``ScopeProvider``.

Worked example::

    x = 1
    class C:
        x = 2
        def m(self):
            return x

The load of ``x`` in ``m`` denotes the module's ``x`` (the unit ``x``, a binding), not the
class attribute: the class body is skipped. With ``global x`` in ``m`` it would denote the
module's ``x`` too, but the declaration makes that binding non-simple (see
:mod:`sva.measure.unitgraph.resolve`).
"""

from __future__ import annotations

__all__ = [
    "LOAD", "STORE", "NOREF", "MODULE_SCOPE", "FUNCTION_SCOPE", "CLASS_SCOPE", "LAMBDA_SCOPE",
    "COMP_SCOPE", "Binding", "Scope", "lookup",
]

#: How the walk treats a name it meets: a load (may reference a unit), a store (binds the name
#: non-simply), or neither (an attribute or keyword name).
LOAD, STORE, NOREF = range(3)
#: Kinds of scope.
MODULE_SCOPE, FUNCTION_SCOPE, CLASS_SCOPE, LAMBDA_SCOPE, COMP_SCOPE = range(5)


class Binding:
    """How a name is bound in one scope: ``def``/``class`` units, a simple-binding candidate, or
    any other way (``nonsimple``)."""

    __slots__ = ("defs", "cand", "nonsimple")

    def __init__(self) -> None:
        self.defs: list[int] = []
        self.cand: int | None = None
        self.nonsimple = False


class Scope:
    """One scope: its bindings, its ``global``/``nonlocal`` names and, for a method, the name of
    its ``self`` parameter and the class scope it belongs to."""

    __slots__ = ("kind", "parent", "names", "globals", "nonlocals", "self_name", "class_scope")

    def __init__(self, kind: int, parent: "Scope | None") -> None:
        self.kind = kind
        self.parent = parent
        self.names: dict[str, Binding] = {}
        self.globals: set[str] = set()
        self.nonlocals: set[str] = set()
        self.self_name: str | None = None
        self.class_scope: Scope | None = None

    def binding(self, name: str) -> Binding:
        b = self.names.get(name)
        if b is None:
            b = self.names[name] = Binding()
        return b


def lookup(name: str, scope: Scope, module: Scope) -> Scope | None:
    """The scope whose binding ``name`` denotes when loaded in ``scope`` (None: builtin/unknown)."""
    s: Scope | None = scope
    first = True
    while s is not None:
        if s.kind == MODULE_SCOPE:
            return s if name in s.names else None
        if s.kind == CLASS_SCOPE and not first:
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

