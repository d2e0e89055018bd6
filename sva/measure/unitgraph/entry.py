"""Which unit a reader starts from: the entry of the explanation metrics.

The caller may name it (``sva analyze --entry NAME``, qualified or short). Otherwise the entry is
the top-level function that nothing calls: among the top-level functions that no other unit
references (references from ``<module>`` code do not count: that code is what calls the
entry, and a function's reference to itself does not count either), the last one defined
(helpers conventionally come first). Fallbacks, in order: the last top-level function; the
``<module>`` unit; the last unit; None for a module without units.

Worked example::

    def f(n):
        return f(n - 1) if n else g()
    def g():
        return f(3)
    def main():
        return g()
    main()

``f`` and ``g`` reference each other and ``main`` references ``g``; ``main`` is referenced only by
``<module>`` code, so it is the entry. Without ``main`` every top-level function would be
referenced and the fallback, the last top-level function, would give ``g``.
"""

from __future__ import annotations

from sva.measure.unitgraph.records import UnitGraph

__all__ = ["choose_entry"]


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
