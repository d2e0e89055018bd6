"""Classic metrics, exactly as radon 6 reports them, from one ``ast`` parse and one raw count.

* ``cyclomatic_complexity``: radon's module total (``ComplexityVisitor.total_complexity``, the
  figure its maintainability index uses); per function, radon's block complexity (in the
  ``functions`` rows of ``sva analyze``);
* ``halstead_volume``: the module total of ``radon.metrics.h_visit``;
* ``maintainability_index``: ``radon.metrics.mi_visit(source, multi=True)`` (radon's default:
  multi-line strings count as comments), recomputed with ``mi_compute`` from the counts above
  instead of re-parsing and re-counting;
* ``sloc``: ``radon.raw.analyze(source).sloc``.

The complexity and Halstead counts come from one walk of the ``ast`` tree that restates the
rules of radon's two visitors (:mod:`sva.measure.radonwalk`), four times cheaper than running
them; tests/measure/test_radon.py checks it against radon itself.

When radon's raw counter rejects a file that Python accepts, ``sloc`` and
``maintainability_index`` are null.

Worked example: ``def f(x):\\n    if x:\\n        return 1\\n    return 2\\n`` has total complexity 2,
Halstead volume 0 (no operators), sloc 4, MI 100.0 (radon caps a zero volume at 100).
"""

from __future__ import annotations

from dataclasses import dataclass

from radon.metrics import halstead_visitor_report, mi_compute

from sva.measure.registry import register


@dataclass(frozen=True)
class Classic:
    cyclomatic_complexity: int
    halstead_volume: float
    maintainability_index: float | None
    sloc: int | None


def function_complexities(facts) -> dict[int, int]:
    """radon's complexity of every function and method, by ``def`` line.

    radon nests closures in their function and methods in their class, and does not list the
    methods of a class defined inside a function; its rule (1 + the decision points of the body)
    gives every ``def`` its value here, those methods included (:mod:`sva.measure.radonwalk`).
    """
    return facts.radon.function_complexities


@register("classic", Classic, order=30)
def classic(facts) -> Classic:
    """radon's cyclomatic complexity, Halstead volume, maintainability index and SLOC."""
    complexity = facts.radon.total_complexity
    volume = halstead_visitor_report(facts.radon).volume
    raw = facts.raw
    if raw is None:
        mi = sloc = None
    else:
        comments = (raw.comments + raw.multi) / float(raw.sloc) * 100 if raw.sloc != 0 else 0
        mi = mi_compute(volume, complexity, raw.lloc, comments)
        sloc = raw.sloc
    return Classic(cyclomatic_complexity=complexity, halstead_volume=volume,
                   maintainability_index=mi, sloc=sloc)
