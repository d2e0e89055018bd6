"""Regions: what part of the artifact a test points at, for localization.

A test's *region* is the units it calls directly (found by tracing in the baseline run) plus
every unit they reference, transitively; its size is the sum of those units' sizes in code
tokens (the unit graph of :mod:`sva.measure.unitgraph`). A test whose direct calls map to
no unit points at the whole artifact. :func:`mutant_unit` names the unit a mutation lies in,
for the survivors' list. All of it is static: nothing here runs the artifact.
"""

from __future__ import annotations

from typing import Any, Sequence

__all__ = ["closures", "mutant_unit", "region_size"]


def closures(graph: Any) -> list[frozenset[int]]:
    """Each unit with every unit it references, transitively (itself included)."""
    found: list[frozenset[int]] = []
    for unit in graph.units:
        seen, stack = {unit.index}, [unit.index]
        while stack:
            for target in graph.units[stack.pop()].references:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        found.append(frozenset(seen))
    return found


def region_size(graph: Any, closed: list[frozenset[int]], direct: Sequence[str]) -> int:
    """Size of the region a test points at: its directly called units and their closures
    (``closed``, from :func:`closures`).
    A test whose direct calls map to no unit points at the whole artifact."""
    members: set[int] = set()
    for name in direct:
        unit = graph.by_qualname.get(name)
        if unit is not None:
            members |= closed[unit.index]
    if not members:
        return sum(unit.size for unit in graph.units)
    return sum(graph.units[index].size for index in members)


def mutant_unit(graph: Any, function: str | None, binding: str | None) -> str | None:
    """The unit a mutation lies in: the binding unit when it is one, else the function."""
    if binding is not None:
        name = f"{function}.{binding}" if function else binding
        if name in graph.by_qualname:
            return name
    if function is not None:
        return function
    return "<module>" if "<module>" in graph.by_qualname else None
