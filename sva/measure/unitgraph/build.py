"""Building the unit graph: walk, settle bindings and references, then number the units.

:func:`build_units` runs the :class:`~sva.measure.unitgraph.walker.Walker` over the libcst
module, applies :mod:`.resolve`, checks that libcst and ``ast`` saw the same statements, and
turns the surviving provisional units into :class:`~sva.measure.unitgraph.records.Unit`
records in source order:

* **Names.** A unit's qualified name is its enclosing function/class units' names and its own,
  dotted (``Stack.push``, ``main.y``; module-level units have no prefix, not even
  ``<module>``); a name met again gets ``#2``, ``#3``... (two ``def f`` give ``f`` and ``f#2``).
* **Lines.** A ``def``/``class`` unit's line is what ``ast`` reports for it (the ``def`` line,
  not a decorator's); a binding's is its first statement's; ``<module>``'s its first
  statement's.
* **Depth and parent.** The number of enclosing function/class units and the nearest one.
* **References.** Distinct referenced units in order of first occurrence, each with its count.
"""

from __future__ import annotations

import ast

import libcst as cst

from sva.measure.deep import run_deep
from sva.measure.unitgraph.records import Unit, UnitBuild, UnitGraph
from sva.measure.unitgraph.resolve import reference_edges, settle_bindings
from sva.measure.unitgraph.walker import Walker

__all__ = ["build_units", "build_unit_graph", "preorder_statements"]


def preorder_statements(tree: ast.Module) -> list[ast.stmt]:
    """Every statement of ``tree`` in source (pre-)order, without recursion."""
    out: list[ast.stmt] = []
    stack: list[ast.stmt] = list(reversed(tree.body))
    while stack:
        stmt = stack.pop()
        out.append(stmt)
        for block in reversed(_blocks(stmt)):
            stack.extend(reversed(block))
    return out


def _blocks(stmt: ast.stmt) -> list[list[ast.stmt]]:
    """The statement blocks directly inside ``stmt``, in source order."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.With, ast.AsyncWith)):
        return [stmt.body]
    if isinstance(stmt, (ast.If, ast.For, ast.AsyncFor, ast.While)):
        return [stmt.body, stmt.orelse]
    if isinstance(stmt, (ast.Try, ast.TryStar)):
        return [stmt.body, *[h.body for h in stmt.handlers], stmt.orelse, stmt.finalbody]
    if isinstance(stmt, ast.Match):
        return [c.body for c in stmt.cases]
    return []


def build_units(module: cst.Module, tree: ast.Module) -> UnitBuild:
    """Build the unit graph of ``module``; ``tree`` is the same source parsed by ``ast`` (for lines)."""
    w = Walker()
    w.run(module)
    pus, size = w.pus, w.size

    remap, alive = settle_bindings(w)
    edges = reference_edges(w, remap)

    statements = preorder_statements(tree)
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

    Runs on a deep stack (:func:`sva.measure.deep.run_deep`), so deeply nested input is
    safe here; :func:`build_units` itself must be called on one.
    """
    def build() -> UnitGraph:
        return build_units(cst.parse_module(source), ast.parse(source)).graph

    return run_deep(build)
