"""The trust jobs, as the sandbox runs them: where their JSON meets the protocol records.

The caller names them by dotted path (``sva.trust.worker.jobs:baseline``, ``...:mutants``);
the sandbox's child imports this module only then (:func:`sva.sandbox.jobs.find_job`). Each
job turns its JSON payload into a record of :mod:`sva.trust.protocol`, runs, and turns its
result (and every progress record) back into JSON, so the worker modules see only records:

* ``baseline``: :func:`sva.trust.worker.baseline.trace_baseline`; a ``WorkerRequest`` in, a
  ``BaselineResult`` out;
* ``mutants``: :func:`sva.trust.worker.batch.run_mutants`; a ``MutantBatch`` in, a ``BatchDone``
  out, with ``Ready``, ``TestMarker`` and ``MutantResult`` records as progress.
"""

from __future__ import annotations

from typing import Any

from sva.sandbox.jobs import Emit
from sva.trust.protocol import MutantBatch, WorkerRequest
from sva.trust.worker.baseline import trace_baseline
from sva.trust.worker.batch import run_mutants

__all__ = ["baseline", "mutants"]


def baseline(payload: dict[str, Any], progress: Emit) -> Any:
    """The baseline run on the original (tests, spec checks, coverage, the family's probe)."""
    return trace_baseline(WorkerRequest.from_json(payload)).to_json()


def mutants(payload: dict[str, Any], progress: Emit) -> Any:
    """A batch of mutants, each reported as it is judged."""
    return run_mutants(MutantBatch.from_json(payload), lambda record: progress(record.to_json())).to_json()
