"""The jobs the sandbox can run: its own, by short name, and any other by dotted path.

A job is ``job(payload, progress) -> JSON data``. :func:`find_job` resolves a job's name for the
child process (:mod:`sva.sandbox.child`): a short name is one of the sandbox's own jobs in
:data:`JOBS`; ``package.module:function`` names a job that lives above the sandbox (the trust
jobs of :mod:`sva.trust.worker.jobs`), imported only in the child, so the sandbox imports
nothing of the layers that use it. The sandbox's own jobs:

* ``evaluate_cases``: the entry on every case (:func:`evaluate_cases`); a ``CasesRequest`` in,
  one ``CaseOutput`` per case out;
* ``pytest``: plain pytest on tests files (:func:`run_pytest`); exit status, passed and failed ids;
* ``family_probe``: the spec family's probe alone (:func:`family_probe`); its JSON data out.

Imports stay light (pytest, Hypothesis, coverage and the families load inside the job that
needs them), so a simple job starts fast.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Callable

from sva.errors import typed_line
from sva.sandbox.loading import forget_installed, load_module
from sva.sandbox.records import CaseOutput, CasesRequest

__all__ = ["JOBS", "Emit", "Job", "evaluate_cases", "family_probe", "find_job", "run_pytest"]

#: What a job calls to stream one JSON record to the caller before it finishes.
Emit = Callable[[Any], None]

#: A job: its JSON payload and a progress writer in, JSON data out.
Job = Callable[[dict[str, Any], Emit], Any]


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
    judged in the caller by :func:`sva.sandbox.probe.probe_artifact`."""
    from sva.families import family_of, get_spec

    spec = get_spec(payload["spec"])
    module = load_module(payload["module"])
    entry = getattr(module, payload["entry"], None)
    if not callable(entry):
        return {"reason": f"the artifact has no function {payload['entry']!r}"}
    return family_of(spec).probe(spec, entry, None)


#: The sandbox's own jobs, by short name: ``job(payload, progress) -> JSON data``.
JOBS: dict[str, Job] = {
    "evaluate_cases": evaluate_cases,
    "pytest": run_pytest,
    "family_probe": family_probe,
}


def find_job(name: str) -> Job:
    """The job called ``name``: one of :data:`JOBS`, or ``package.module:function`` imported here.
    ``ValueError`` naming the job when it is neither."""
    if name in JOBS:
        return JOBS[name]
    module, _, function = name.partition(":")
    if not module or not function:
        raise ValueError(f"job {name!r}: not a sandbox job ({', '.join(JOBS)}) nor a 'package.module:function' path")
    job = getattr(importlib.import_module(module), function, None)
    if not callable(job):
        raise ValueError(f"job {name!r}: {module} has no function {function!r}")
    return job
