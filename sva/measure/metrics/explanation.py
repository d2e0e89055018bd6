"""Explanation length: how much a reader must take in, read three ways, plus a compression check.

* ``audit_length`` A = sum of all unit sizes: read every unit once (code tokens only, so a
  monolith has E = A).
* ``explanation_length`` E = E(entry), where E(u) = size(u) + sum over the units v that u
  references of (story tokens of v if v has a docstring, else E(v)). Each referenced unit counts
  once per referring unit, however often it is named there. Recursion: the entry is read
  depth-first in reference order, and a reference to a unit that is still being read (a back
  edge) adds nothing; a unit reached again by another path counts again (E is a tree reading).
* ``inline_length`` I = I(entry), where I(u) = size(u) + sum over every reference occurrence
  (u -> v) of I(v): the entry with each reference expanded in place (the reference token stays,
  the pasted definition follows). Back edges are not expanded. Values are exact integers, however
  large (reuse can make them exponential).
* ``description_bits``: 8 x the raw-LZMA2 (preset 9) compressed size of the normalized source:
  docstrings and comments gone, identifiers renamed by first appearance, layout by ``ast.unparse``.

Entry: the one named by the caller, else the last top-level function no other unit references
(see :func:`sva.measure.unitgraph.choose_entry`). Without units, E = I = A = 0.

Worked example: entry f (size 10) references g (size 6, a 4-word docstring) twice and h (size 5,
no docstring); h references k (size 3, no docstring). A = 24. E = 10 + 4 + (5 + 3) = 22.
I = 10 + 2*6 + (5 + 3) = 30.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection

from sva.measure.description import description_bits
from sva.measure.graphs import reading_order
from sva.measure.registry import register
from sva.measure.unitgraph import UnitGraph, choose_entry

__all__ = ["Explanation", "explanation_values", "inline_length", "resolve_entry"]


@dataclass(frozen=True)
class Explanation:
    audit_length: int
    inline_length: int
    explanation_length: int
    description_bits: int


def resolve_entry(graph: UnitGraph, name: str | None) -> int | None:
    """The entry unit's index (``name`` given or the default rule); ``LookupError`` if unknown."""
    return choose_entry(graph, name)


def explanation_values(graph: UnitGraph, entry: int, credited: Collection[int] | None = None,
                       ) -> tuple[dict[int, int], dict[int, list[int]]]:
    """E(v) for every unit the reading from ``entry`` opens, and the edges (positions) it keeps.

    ``credited``: the units whose story may stand in for their body; ``None`` credits every
    story (static E). The trust evaluator passes the units whose contracts passed, which gives
    the verified explanation length.
    """
    units = graph.units
    succ = [u.references for u in units]
    allowed = None if credited is None else frozenset(credited)

    def by_story(v: int) -> bool:
        return units[v].story is not None and (allowed is None or v in allowed)

    finished, kept = reading_order(succ, entry, lambda v: not by_story(v))
    values: dict[int, int] = {}
    for v in finished:
        unit = units[v]
        if v != entry and by_story(v):
            values[v] = unit.story_tokens  # read by its story; never opened
            continue
        total = unit.size
        for i in kept[v]:
            w = unit.references[i]
            total += units[w].story_tokens if by_story(w) else values[w]
        values[v] = total
    return values, kept


def inline_length(graph: UnitGraph, entry: int) -> int:
    """I(entry): every reference occurrence expanded in place, back edges left as leaves."""
    units = graph.units
    succ = [u.references for u in units]
    finished, kept = reading_order(succ, entry, lambda v: True)
    values: dict[int, int] = {}
    for v in finished:
        unit = units[v]
        total = unit.size
        for i in kept[v]:
            total += unit.reference_counts[i] * values[unit.references[i]]
        values[v] = total
    return values[entry]


@register("explanation", Explanation, order=20)
def explanation(facts) -> Explanation:
    """Reading cost: audit, inline and explanation lengths, and description bits."""
    graph = facts.graph
    audit = sum(u.size for u in graph.units)
    entry = resolve_entry(graph, facts.entry)
    if entry is None:
        e = i = 0
    else:
        e = explanation_values(graph, entry)[0][entry]
        i = inline_length(graph, entry)
    return Explanation(
        audit_length=audit,
        inline_length=i,
        explanation_length=e,
        description_bits=description_bits(facts.normalized_source),
    )
