"""After the walk: which binding candidates stay units, and which units reference which.

* **Bindings.** A ``global`` or ``nonlocal`` declaration makes the binding it reaches non-simple
  (``global count`` anywhere disqualifies the module's ``count``; ``nonlocal n`` the enclosing
  function's ``n``). A candidate whose name is also bound another way in its scope (non-simple,
  or by a ``def``/``class``) is no unit: its statements, targets included (one token each),
  dissolve into the code of the unit that holds them, and its first line becomes that unit's
  first line if earlier.
* **Module level.** The ``<module>`` unit exists only when it has at least one token, so a
  module of imports and definitions has none.
* **References.** A name load resolved (by :func:`~sva.measure.unitgraph.scopes.lookup`)
  to a binding that is a unit gives an edge from the unit whose code contains the load (a
  dissolved candidate's loads belong to its owner); so does ``self.m`` inside a method when ``m``
  is a method of the same class. A name bound several ways (e.g. two ``def f``) points at every
  unit it may denote. A binding unit's use of its own name (``total += i``) is no reference.
  Edges are counted per occurrence.

Worked example::

    count = 0
    def bump():
        global count
        count += 1
    for i in range(3):
        bump()

``count`` is no unit (``global count`` disqualifies it): ``count = 0`` is ``<module>`` code,
which is 11 tokens (``count = 0``: 3; the ``for``, ``i``, ``range(3)``: 5; ``bump()``: 3) and
references ``bump`` (size 6: the ``def``, ``global count`` with its one name, ``count += 1``).
"""

from __future__ import annotations

from sva.measure.unitgraph.scopes import MODULE_SCOPE, Scope, lookup
from sva.measure.unitgraph.walk import WalkerBase

__all__ = ["settle_bindings", "reference_edges"]


def settle_bindings(w: WalkerBase) -> tuple[list[int], list[bool]]:
    """Apply the binding and module-level rules to a finished walk (sizes are updated in place).

    Returns ``remap`` (the unit each provisional unit's code now belongs to) and ``alive`` (which
    provisional units are units).
    """
    pus, size, mod = w.pus, w.size, w.module_scope

    # global / nonlocal declarations disqualify the bindings they reach
    for scope in w.scopes:
        for name in scope.globals:
            mod.binding(name).nonsimple = True
        for name in scope.nonlocals:
            target = lookup(name, scope.parent, mod) if scope.parent is not None else None
            if target is not None and target.kind != MODULE_SCOPE:
                target.binding(name).nonsimple = True

    # candidates that stay units; the others dissolve into their owner
    remap = list(range(len(pus)))
    alive = [True] * len(pus)
    for scope in w.scopes:
        for b in scope.names.values():
            if b.cand is not None and (b.nonsimple or b.defs):
                c = b.cand
                owner = pus[c].owner
                assert owner is not None, "a binding candidate always has an owner"
                cand, own = pus[c], pus[owner]
                size[owner] += size[c] + cand.n_targets
                if own.kind == "module":
                    own.nodes.extend(cand.nodes)
                remap[c] = owner
                alive[c] = False
                if own.stmt is None or (cand.stmt is not None and cand.stmt < own.stmt):
                    own.stmt = cand.stmt
                b.cand = None
    if size[0] == 0:
        alive[0] = False
    return remap, alive


def reference_edges(w: WalkerBase, remap: list[int]) -> list[dict[int, int]]:
    """Per provisional unit, occurrences of each unit it references (after :func:`settle_bindings`)."""
    pus, mod = w.pus, w.module_scope

    def denoted(scope: Scope, name: str) -> list[int]:
        b = scope.names[name]
        return b.defs + [b.cand] if b.cand is not None else b.defs

    edges: list[dict[int, int]] = [{} for _ in pus]
    for name, scope, owner in w.loads:
        found = lookup(name, scope, mod)
        if found is None:
            continue
        src = remap[owner]
        for target in denoted(found, name):
            if target == src and pus[src].kind == "binding":
                continue
            counts = edges[src]
            counts[target] = counts.get(target, 0) + 1
    for obj, attr, scope, owner in w.attr_loads:
        found = lookup(obj, scope, mod)
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
    return edges
