"""The jobs the sandbox can run, by name, and where their JSON meets the protocol records.

:data:`JOBS` maps a job name to ``job(payload, progress) -> JSON data``; the child process
(:mod:`sva.trust.child`) looks the name up and runs it. Each job turns its JSON payload
into a record of :mod:`sva.trust.protocol`, runs, and turns its result (and every
progress record) back into JSON, so the worker modules see only records:

* ``evaluate_cases``: the entry on every case (:func:`evaluate_cases`); a ``CasesRequest`` in,
  one ``CaseOutput`` per case out;
* ``pytest``: plain pytest on tests files (:func:`run_pytest`); exit status, passed and failed ids;
* ``trust_baseline``: :func:`sva.trust.baseline_worker.run_baseline`; a ``WorkerRequest``
  in, a ``BaselineResult`` out;
* ``trust_mutants``: :func:`sva.trust.mutant_worker.run_mutants`; a ``MutantBatch`` in, a
  ``BatchDone`` out, with ``Ready``, ``TestMarker`` and ``MutantResult`` records as progress;
* ``family_probe``: the spec family's probe alone (:func:`family_probe`); its JSON data out.

Imports stay light (pytest, Hypothesis, coverage and the families load inside the job that
needs them), so a simple job starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from sva.errors import typed_line
from sva.trust.baseline_worker import run_baseline
from sva.trust.loading import load_module
from sva.trust.mutant_worker import run_mutants
from sva.trust.protocol import CaseOutput, CasesRequest, MutantBatch, WorkerRequest

__all__ = ["JOBS", "Emit", "evaluate_cases", "family_probe", "run_pytest"]

#: What a job calls to stream one JSON record to the caller before it finishes.
Emit = Callable[[Any], None]


def evaluate_cases(payload: dict[str, Any], progress: Emit) -> list[Any]:
    """Call the entry function on every case; an exception is recorded for that case."""
    request = CasesRequest.from_json(payload)
    module = load_module(request.module)
    entry = getattr(module, request.entry, None)
    if not callable(entry):
        raise AttributeError(f"the artifact has no function {request.entry!r}")
    outputs = []
    for case in request.cases:
        try:
            outputs.append(CaseOutput(output=entry(*case)).to_json())
        except Exception as error:  # the artifact's failure is data, not ours
            outputs.append(CaseOutput(exception=typed_line(error)).to_json())
    return outputs


def run_pytest(payload: dict[str, Any], progress: Emit) -> dict[str, Any]:
    """Run plain pytest on the tests (payload ``tests``: one path or a list) in the working
    folder, with ``import_root`` (default ``.``) on the path, as a user's own run has its
    package importable; report its exit status and the passed and failed test ids."""
    import os
    import sys

    import pytest

    sys.dont_write_bytecode = True
    root = os.path.join(os.getcwd(), payload.get("import_root", "."))
    if root not in sys.path:
        sys.path.insert(0, root)
    tests = payload["tests"]
    tests = [tests] if isinstance(tests, str) else list(tests)

    class Counter:
        def pytest_sessionstart(self, session: Any) -> None:
            if payload.get("package"):  # the project's copy, not one pytest itself imported
                from sva.trust.loading import forget_installed

                forget_installed(payload["package"], Path(root))

        def __init__(self) -> None:
            self.passed: list[str] = []
            self.failed: list[str] = []

        def pytest_runtest_logreport(self, report: Any) -> None:
            if report.when == "call" and report.passed:
                self.passed.append(report.nodeid)
            elif report.failed:
                self.failed.append(report.nodeid)

    counter = Counter()
    status = pytest.main([*tests, "-q", "-p", "no:cacheprovider", "-p", "no:randomly"], plugins=[counter])
    return {"status": int(status), "passed": counter.passed, "failed": counter.failed}


def family_probe(payload: dict[str, Any], progress: Emit) -> Any:
    """The spec family's probe of the artifact, no cases (payload ``module``, ``entry``, ``spec``);
    judged in the caller by :func:`sva.trust.probe.probe_artifact`."""
    from sva.families import family_of, get_spec

    spec = get_spec(payload["spec"])
    module = load_module(payload["module"])
    entry = getattr(module, payload["entry"], None)
    if not callable(entry):
        return {"reason": f"the artifact has no function {payload['entry']!r}"}
    return family_of(spec).probe(spec, entry, None)


def _trust_baseline(payload: dict[str, Any], progress: Emit) -> Any:
    return run_baseline(WorkerRequest.from_json(payload)).to_json()


def _trust_mutants(payload: dict[str, Any], progress: Emit) -> Any:
    return run_mutants(MutantBatch.from_json(payload), lambda record: progress(record.to_json())).to_json()


#: Jobs the sandbox can run, by name: ``job(payload, progress) -> JSON data``.
JOBS: dict[str, Callable[[dict[str, Any], Emit], Any]] = {
    "evaluate_cases": evaluate_cases,
    "pytest": run_pytest,
    "trust_baseline": _trust_baseline,
    "trust_mutants": _trust_mutants,
    "family_probe": family_probe,
}
