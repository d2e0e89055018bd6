"""Classic metrics, exactly as radon 6 reports them, from one ``ast`` parse and one raw count.

* ``cyclomatic_complexity``: radon's module total (``ComplexityVisitor.total_complexity``, the
  figure its maintainability index uses); per function, radon's block complexity (in the
  ``functions`` rows of ``sva analyze``);
* ``halstead_volume``: the module total of ``radon.metrics.h_visit``;
* ``maintainability_index``: ``radon.metrics.mi_visit(source, multi=True)`` (radon's default:
  multi-line strings count as comments), recomputed with ``mi_compute`` from the counts above
  instead of re-parsing and re-counting;
* ``sloc``: ``radon.raw.analyze(source).sloc``.

When radon's raw counter rejects a file that Python accepts, ``sloc`` and
``maintainability_index`` are null.

Worked example: ``def f(x):\\n    if x:\\n        return 1\\n    return 2\\n`` has total complexity 2,
Halstead volume 0 (no operators), sloc 4, MI 100.0 (radon caps a zero volume at 100).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from radon.metrics import halstead_visitor_report, mi_compute
from radon.visitors import Class, ComplexityVisitor, Function

from sva.measure.registry import register


@dataclass(frozen=True)
class Classic:
    cyclomatic_complexity: int
    halstead_volume: float
    maintainability_index: float | None
    sloc: int | None


def function_complexities(facts) -> dict[int, int]:
    """radon's complexity of every function and method, by ``def`` line.

    radon nests closures in their function and methods in their class; all are flattened here.
    A method of a class defined inside a function is invisible to radon's block list; it gets the
    value radon's own rule gives a function (its visitor run on that ``def`` alone).
    """
    out: dict[int, int] = {}
    visitor = facts.complexity
    stack: list = list(visitor.functions) + list(visitor.classes)
    while stack:
        block = stack.pop()
        if isinstance(block, Function):
            out[block.lineno] = block.complexity
            stack.extend(block.closures)
        elif isinstance(block, Class):
            stack.extend(block.methods)
            stack.extend(block.inner_classes)
    statements = facts.build.ast_statements
    for unit, stmt in zip(facts.graph.units, facts.build.unit_statements):
        if unit.kind in ("function", "method") and unit.lineno not in out and stmt is not None:
            node = statements[stmt]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                one = ComplexityVisitor()
                one.visit_FunctionDef(node)
                out[unit.lineno] = one.functions[0].complexity
    return out


@register("classic", Classic, order=30)
def classic(facts) -> Classic:
    """radon's cyclomatic complexity, Halstead volume, maintainability index and SLOC."""
    complexity = facts.complexity.total_complexity
    volume = halstead_visitor_report(facts.halstead).volume
    raw = facts.raw
    if raw is None:
        mi = sloc = None
    else:
        comments = (raw.comments + raw.multi) / float(raw.sloc) * 100 if raw.sloc != 0 else 0
        mi = mi_compute(volume, complexity, raw.lloc, comments)
        sloc = raw.sloc
    return Classic(cyclomatic_complexity=complexity, halstead_volume=volume,
                   maintainability_index=mi, sloc=sloc)
