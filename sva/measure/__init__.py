"""Static analysis of a module: the unit graph, decomposability, explanation length and radon's metrics.

Public API (what the CLI, the trust evaluator and the report call):

- :func:`analyze_source` (text -> :class:`Analysis`: metrics by field name, per-function rows,
  unit graph) and :func:`analyze_paths` / :func:`iter_outcomes` (files and folders ->
  ``Analyzed | Failed | Skipped`` outcomes, worker processes with a time limit per file);
- :func:`build_unit_graph` (text -> :class:`UnitGraph`);
- :func:`explain` (text -> :class:`~sva.measure.explain.ExplanationTree`) and :func:`render_explanation`;
- :func:`measurements` / :func:`metric_fields`: the registry of metrics.

Submodules are imported lazily so ``import sva.measure`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "analyze_source", "Analysis", "FunctionRow", "analyze_paths", "iter_outcomes", "analyze_file",
    "Analyzed", "Failed", "Skipped", "build_unit_graph", "UnitGraph", "Unit", "explain",
    "render_explanation", "measurements", "metric_fields", "write_diagram",
]

_WHERE = {
    "analyze_source": "analysis", "Analysis": "analysis", "FunctionRow": "analysis",
    "analyze_paths": "batch", "iter_outcomes": "batch", "analyze_file": "batch",
    "Analyzed": "batch", "Failed": "batch", "Skipped": "batch",
    "build_unit_graph": "unitgraph", "UnitGraph": "unitgraph", "Unit": "unitgraph",
    "explain": "explain", "render_explanation": "explain",
    "measurements": "registry", "metric_fields": "registry", "write_diagram": "diagram",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'sva.measure' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"sva.measure.{module}"), name)
