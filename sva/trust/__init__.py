"""Trust: how far an artifact can be trusted, by running it (always inside :mod:`sva.sandbox`).

The public API, for every caller outside this package (the CLI, the experiment, tests):

* :func:`trust` (``trust(artifact, spec=None, entry=None, tests=(), config=None, ...)``): the
  whole analysis of one artifact on disk, a :class:`TrustReport`;
* :func:`prepare` then :func:`evaluate`: the same in two steps (the request checked and read
  once as a :class:`TrustInput`, then run), for a caller that runs many configurations;
* :class:`TrustConfig`: how hard to look (examples, mutants, budgets, ``--python``);
* :class:`MutantProgress`: the progress line a caller hands to :func:`trust` or :func:`evaluate`;
* :func:`parse_lines` and :func:`changed_lines`: which lines' mutants to run (``--lines``,
  ``--diff``), for :attr:`TrustConfig.lines`.

The rest is private to the package, in three rooms. The caller's side, here: the request
(``request``, ``project``), the baseline and the mutant batch run in the sandbox (``baseline``,
``batch``, ``confirm``), the report (``report``, ``regions``, ``evaluate``). What runs inside
the sandbox: :mod:`sva.trust.worker` (its jobs in :mod:`sva.trust.worker.jobs`, named by dotted
path). Static mutant generation and selection: :mod:`sva.trust.mutants`. The two sides of the
sandbox exchange only the records of :mod:`sva.trust.protocol`, with artifact values in the
codec of :mod:`sva.core.values`.

The names load on first use, so a sandboxed child that imports the worker does not load the
caller's side.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sva.trust.assessment import evaluate, trust
    from sva.trust.mutants.selection import changed_lines, parse_lines
    from sva.trust.progress import MutantProgress
    from sva.trust.report import TrustReport
    from sva.trust.request import TrustConfig, TrustInput, prepare

__all__ = ["MutantProgress", "TrustConfig", "TrustInput", "TrustReport", "changed_lines", "evaluate", "parse_lines",
           "prepare", "trust"]

#: Where each public name lives.
_HOMES = {"evaluate": "sva.trust.assessment", "trust": "sva.trust.assessment", "TrustReport": "sva.trust.report",
          "TrustConfig": "sva.trust.request", "TrustInput": "sva.trust.request", "prepare": "sva.trust.request",
          "changed_lines": "sva.trust.mutants.selection", "parse_lines": "sva.trust.mutants.selection",
          "MutantProgress": "sva.trust.progress"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'sva.trust' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
