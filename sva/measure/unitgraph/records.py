"""The unit graph's records: the one structure every measurement reads.

A :class:`Unit` is one part of a module a reader can take in whole: a function, a method, a
class (its header and non-method body), a simple binding, or the ``<module>`` code. It carries
its size in code tokens, its story (docstring) and its references to other units by index.
:class:`UnitGraph` holds a module's units in source order; :class:`UnitBuild` adds what
``sva explain`` needs to print them (each unit's libcst nodes, the module, the ``ast``
statements). The rules that fill them are in :mod:`sva.measure.unitgraph`.

Worked example::

    def helper(a, b):
        '''Add two numbers.'''
        return a + b

    def main(x):
        y = helper(x, 1)
        return y * 2

gives three units: ``helper`` (function, size 7, story "Add two numbers.", 3 story tokens, no
references), ``main`` (function, size 6, references ``main.y``) and ``main.y`` (binding, depth 1,
parent ``main``, size 5, references ``helper``). There is no ``<module>`` unit: the module holds
only definitions.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cached_property

import libcst as cst

__all__ = ["KINDS", "Unit", "UnitGraph", "UnitBuild"]

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


@dataclass(frozen=True)
class UnitBuild:
    """A unit graph plus what the explanation needs: each unit's libcst definition nodes."""

    graph: UnitGraph
    nodes: tuple[tuple[cst.CSTNode, ...], ...]
    module: cst.Module
    ast_statements: tuple[ast.stmt, ...]
    unit_statements: tuple[int | None, ...]  #: pre-order statement index of each unit's definition

