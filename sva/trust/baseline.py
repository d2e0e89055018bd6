"""The caller's side of the baseline run: one sandboxed process runs every test and check once.

:func:`run_baseline` analyzes the artifact statically (or takes the caller's analysis), runs
the sandbox job ``trust_baseline`` (:mod:`sva.trust.worker.baseline`) on the prepared
request and reads its :class:`~sva.trust.protocol.BaselineResult`: each test on the
original becomes a :class:`~sva.trust.report.TestRecord` with its region size
(:mod:`sva.trust.regions`). An artifact that crashes, hangs or fails on import gives a
:class:`Baseline` with ``failure`` set; tests that do not collect are bad input
(:class:`~sva.errors.InputError`).

The sandbox's limits are raised for the baseline so that every test and spec check can use its
own timer fully: a slow but finite artifact is then reported test by test, not as one crash.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from sva.errors import InputError
from sva.trust.protocol import BaselineResult
from sva.trust.regions import closures, region_size
from sva.trust.report import TestRecord
from sva.trust.request import TrustConfig, TrustInput, sandbox_files, worker_request
from sva.sandbox import Crashed, Limits, run_job

__all__ = ["Baseline", "baseline_limits", "run_baseline"]

#: The sandbox job this side runs (:mod:`sva.trust.worker.jobs`), by dotted path.
_JOB = "sva.trust.worker.jobs:baseline"


@dataclass(frozen=True)
class Baseline:
    """The unmutated artifact's run: static analysis, test records, the worker's result.

    ``failure`` is set (and ``result`` is None) when the artifact could not run at all.
    """

    analysis: Any
    records: tuple[TestRecord, ...]
    result: BaselineResult | None
    failure: str | None
    seconds: float


def baseline_limits(request: TrustInput, config: TrustConfig) -> Limits:
    """The configured limits, raised to let every test and spec check use its own timer fully:
    a slow but finite artifact is then reported test by test instead of as one crash."""
    tests = sum(text.count("def test") for text in request.test_sources)
    # a test past its budget traced runs again untraced (:mod:`sva.trust.worker.baseline`): twice
    checks = 2 * tests + (len(request.spec.properties) + 4 if request.spec else 0) + 1
    extra = config.test_seconds * checks
    return replace(config.limits, cpu_seconds=max(config.limits.cpu_seconds, int(extra) + 5),
                   wall_seconds=max(config.limits.wall_seconds, extra + 10), python=request.python)


def run_baseline(request: TrustInput, config: TrustConfig, analysis: Any = None,
                 runner: Callable[..., Any] = run_job) -> Baseline:
    """Analyze the artifact statically (unless the caller has: ``analysis``, the
    :func:`~sva.measure.analysis.analyze_source` of the same source, path and entry), then
    run every test and spec check on it once, by ``runner`` (:func:`sva.sandbox.run_job`'s
    call: a cold child, or a :class:`~sva.sandbox.warm.WarmSandbox`'s)."""
    from sva.measure.analysis import analyze_source

    if analysis is None:
        analysis = analyze_source(request.source, str(request.path), request.entry)
    graph = analysis.graph
    outcome = runner(_JOB, worker_request(request, config).to_json(), sandbox_files(request),
                      baseline_limits(request, config))
    seconds = round(outcome.wall_seconds, 3)
    if isinstance(outcome, Crashed):
        return Baseline(analysis, (), None, outcome.reason, seconds)
    result = BaselineResult.from_json(outcome.value)
    if result.import_error:
        return Baseline(analysis, (), None, f"the artifact fails on import: {result.import_error}", seconds)
    if result.collect_error:
        raise InputError(f"tests do not import: {result.collect_error}")
    closed = closures(graph)
    records = tuple(
        TestRecord(name=run.name, kind=run.kind, status=run.outcome.status, reason=run.outcome.reason,
                   seconds=round(run.outcome.seconds, 4), direct_units=run.direct,
                   region_size=region_size(graph, closed, run.direct), subtest=run.outcome.subtest)
        for run in result.tests)
    return Baseline(analysis, records, result, None, seconds)
