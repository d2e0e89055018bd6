"""The sandboxed side of :mod:`analyzer.trust.sandbox`: runs one named job and writes its result.

Invoked by the sandbox as ``main([JOB, PAYLOAD, RESULT, PROGRESS])`` in an isolated interpreter. It imports no artifact
until the job asks for it, turns any exception the artifact raises into a one-line error in
the result file, and writes the result only when the job finishes.
"""

from __future__ import annotations

import errno
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from analyzer.core.values import jsonable


def load_module(path: str, name: str = "artifact_under_test") -> ModuleType:
    """Import the module at ``path`` (in the working folder) under ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


#: What a job calls to stream one JSON record to the caller before it finishes.
Progress = Callable[[Any], None]


def evaluate_cases(payload: dict[str, Any], progress: Progress) -> list[Any]:
    """Call the entry function on every case; an exception is recorded for that case."""
    module = load_module(payload["module"])
    entry = getattr(module, payload["entry"], None)
    if not callable(entry):
        raise AttributeError(f"the artifact has no function {payload['entry']!r}")
    outputs = []
    for case in payload["cases"]:
        try:
            outputs.append({"output": jsonable(entry(*case))})
        except Exception as error:  # the artifact's failure is data, not ours
            outputs.append({"exception": f"{type(error).__name__}: {error}"[:200]})
    return outputs


def run_pytest(payload: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """Run pytest on a tests file in the working folder; report its exit status and counts."""
    import pytest

    class Counter:
        def __init__(self) -> None:
            self.passed: list[str] = []
            self.failed: list[str] = []

        def pytest_runtest_logreport(self, report: Any) -> None:
            if report.when == "call" and report.passed:
                self.passed.append(report.nodeid)
            elif report.failed:
                self.failed.append(report.nodeid)

    counter = Counter()
    status = pytest.main([payload["tests"], "-q", "-p", "no:cacheprovider", "-p", "no:randomly"],
                         plugins=[counter])
    return {"status": int(status), "passed": counter.passed, "failed": counter.failed}


def _trust_baseline(payload: dict[str, Any], progress: Progress) -> Any:
    from analyzer.trust.worker import run_baseline

    return run_baseline(payload, progress)


def _trust_mutants(payload: dict[str, Any], progress: Progress) -> Any:
    from analyzer.trust.worker import run_mutants

    return run_mutants(payload, progress)


def _family_probe(payload: dict[str, Any], progress: Progress) -> Any:
    from analyzer.trust.probe import probe_job

    return probe_job(payload, progress)


#: Jobs the sandbox can run, by name: ``job(payload, progress) -> JSON data``.
JOBS: dict[str, Callable[[dict[str, Any], Progress], Any]] = {
    "evaluate_cases": evaluate_cases,
    "pytest": run_pytest,
    "trust_baseline": _trust_baseline,
    "trust_mutants": _trust_mutants,
    "family_probe": _family_probe,
}


def _progress_writer(path: str) -> Progress:
    """Append one JSON line per record, flushed at once so a kill loses at most the last line."""
    stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the child

    def write(record: Any) -> None:
        stream.write(json.dumps(record) + "\n")
        stream.flush()

    return write


def _family_path() -> None:
    """Put the folders of families from outside the package on ``sys.path`` (``python -I``
    ignores PYTHONPATH; the sandbox passes them as ``SVA_FAMILY_PATH``)."""
    import os

    for folder in filter(None, os.environ.get("SVA_FAMILY_PATH", "").split(os.pathsep)):
        if folder not in sys.path:
            sys.path.append(folder)


def main(argv: list[str]) -> int:
    job, payload_path, result_path, progress_path = argv
    _family_path()
    payload = json.loads(Path(payload_path).read_text(encoding="utf-8"))
    try:
        result: dict[str, Any] = {"value": JOBS[job](payload, _progress_writer(progress_path))}
    except BaseException as error:  # noqa: BLE001 - includes SystemExit raised by the artifact
        if isinstance(error, OSError) and error.errno == errno.EFBIG:
            # CPython ignores SIGXFSZ, so the file-size limit surfaces as EFBIG on a write.
            result = {"error": "output limit exceeded (the artifact wrote too much)"}
        else:
            result = {"error": f"{type(error).__name__}: {error}"}
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
