"""The trust protocol: every record that crosses the sandbox between the caller and its jobs.

The caller (:mod:`sva.trust.baseline`, :mod:`sva.trust.batch`) and the trust jobs
(:mod:`sva.trust.worker.jobs`) exchange nothing but these frozen records. Each converts itself at the boundary, ``to_json()`` on the
side that writes and ``Record.from_json(data)`` on the side that reads, so no string-keyed dict
is built in one file and read in another. The records live in :mod:`.requests` (caller to
job) and :mod:`.results` (job to caller); import them from here.

========================  ===========================  ==============================================
job                       payload (caller -> job)      result and progress (job -> caller)
========================  ===========================  ==============================================
``trust_baseline``        :class:`WorkerRequest`       :class:`BaselineResult`
``trust_mutants``         :class:`MutantBatch`         :class:`BatchDone`; progress :data:`Progress`
========================  ===========================  ==============================================

Values the artifact produced or consumed (a case's arguments, an output, a counterexample's
expected and actual output) hold the real Python values in the records and travel in the exact
codec of :mod:`sva.core.values`, so a tuple, a NaN or a ``numpy.int64`` arrives as it left.
The spec family's probe (:meth:`sva.core.family.Family.probe`) is opaque JSON data in one
slot of :class:`BaselineResult`, read only by the family's ``judge``.
"""

from sva.trust.protocol.requests import (CheckSettings, MutantBatch, MutantSplice, PlanStep,
                                         WorkerRequest)
from sva.trust.protocol.results import (BaselineResult, BatchDone, CaseCount, Counterexample,
                                             Coverage, MutantResult, Progress, PropertyCheck, Ready, SpecChecks,
                                             TestMarker, TestOutcome, TestRun, progress_from_json)

__all__ = ["BaselineResult", "BatchDone", "CaseCount", "CheckSettings",
           "Counterexample", "Coverage", "MutantBatch", "MutantResult", "MutantSplice", "PlanStep",
           "Progress", "PropertyCheck", "Ready", "SpecChecks", "TestMarker", "TestOutcome", "TestRun",
           "WorkerRequest", "progress_from_json"]
