"""The sandboxed baseline run (job ``trust_baseline``): every test and check on the original.

Runs only inside :mod:`sva.sandbox.process`, in a temporary folder holding the artifact and
its tests under their own file names. :func:`trace_baseline` imports the artifact under
coverage.py (branch mode), runs every test once (the spec test first, then each pytest item)
while a profile hook (:class:`CallTracer`) records which artifact functions each test calls
*directly* (a call into the artifact from a frame outside it) and which it executes at all (a
test that runs past its budget so traced is run again untraced, and judged by that run),
then runs the spec checks (:mod:`sva.trust.worker.spec_checks`) and, after coverage stopped, the
spec family's probe on the held-out and shifted inputs the checks used. The lines coverage saw
run from the import to the end of test collection give the functions that ran at import time
(:func:`functions_run`).

The result is one :class:`~sva.trust.protocol.BaselineResult`; an artifact that fails or
hangs on import, or tests that do not collect, give a result saying only that.
"""

from __future__ import annotations

import json
import sys
import types
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from sva.trust.worker.loading import prepare_machinery
from sva.trust.protocol import (BaselineResult, CheckSettings, Coverage, SpecChecks, TestOutcome, TestRun,
                                WorkerRequest)
from sva.trust.worker.runners import PytestTest, run_with_driver
from sva.trust.worker.session import Session, open_session, preload_spec, spec_test_of
from sva.trust.worker.spec_checks import check_cases_of, run_spec_checks, shifted_cases_of
from sva.trust.worker.timer import Alarm, TimeBudgetExceeded, failure_line

__all__ = ["CallTracer", "functions_run", "trace_baseline", "unit_qualname"]


def unit_qualname(code: types.CodeType) -> str | None:
    """The unit-graph name of the function owning ``code``: ``C.m.<locals>.g`` -> ``C.m.g``.

    Lambdas and comprehensions belong to the function around them; module code is ``None``.
    """
    parts = [part for part in code.co_qualname.split(".") if part != "<locals>"]
    while parts and parts[-1].startswith("<"):
        parts.pop()
    return ".".join(parts) or None


class CallTracer:
    """A profile hook recording, per test, the artifact functions called directly and at all.

    It hears every call of the process (each generator resumption too, tens of millions in a
    long test), so what it learns of a code object is kept: its unit name or that it has none
    (``_names``), and, within a test, that it was already called directly (``_direct_codes``),
    after which nothing more is to be learnt from its calls. A test of more-itertools (sieve and
    nth_prime to 30,000) ran 17 times slower under the uncached hook, 7 under this one.
    """

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.direct: set[str] = set()
        self.executed: set[str] = set()
        #: per code object: its unit name in the artifact, "" for the artifact's module code, None elsewhere
        self._names: dict[types.CodeType, str | None] = {}
        self._direct_codes: set[types.CodeType] = set()

    def _name(self, code: types.CodeType) -> str | None:
        try:
            return self._names[code]
        except KeyError:
            name = (unit_qualname(code) or "") if code.co_filename == self.filename else None
            self._names[code] = name
            return name

    def __call__(self, frame: Any, event: str, arg: Any) -> None:
        if event != "call":
            return
        code = frame.f_code
        if code in self._direct_codes:
            return
        name = self._name(code)
        if not name:
            return
        self.executed.add(name)
        caller = frame.f_back
        while caller is not None and self._name(caller.f_code) == "":
            caller = caller.f_back  # module code of the artifact is the artifact
        if caller is None or self._name(caller.f_code) is None:
            self.direct.add(name)
            self._direct_codes.add(code)

    def reset(self) -> None:
        self.direct, self.executed = set(), set()
        self._direct_codes = set()


def functions_run(module_file: str, lines: Any) -> list[str]:
    """The unit names (as :func:`unit_qualname` gives them) of the functions of ``module_file``
    with a body line among ``lines`` (executed lines), sorted. A body line is one of the
    function's own, not shared with the code around it (the ``def`` line and decorators run at
    module level); a function with no line of its own (``def f(x): return x``) counts as run,
    since its header always does: so a mutant in it is judged in a fresh import, never wrongly."""
    import types

    executed = set(lines)
    source = Path(module_file).read_text(encoding="utf-8")
    ran: set[str] = set()
    stack: list[tuple[types.CodeType, frozenset[int]]] = [
        (compile(source, module_file, "exec", dont_inherit=True), frozenset())]
    while stack:
        code, around = stack.pop()
        own = {line for _, _, line in code.co_lines() if line is not None}
        for const in code.co_consts:
            if isinstance(const, types.CodeType):
                stack.append((const, frozenset(own)))
        name = unit_qualname(code) if around else None
        if name is None:
            continue
        body = own - around
        if body & executed or (not body and not code.co_name.startswith("<")):
            ran.add(name)  # (a lambda or comprehension with no line of its own tells nothing)
    return sorted(ran)


def _coverage_figures(cov: Any, work: Path, module_file: str) -> Coverage:
    report = work / "coverage.json"
    cov.json_report(morfs=[module_file], outfile=str(report))
    data = json.loads(report.read_text(encoding="utf-8"))
    summary = next(iter(data["files"].values()))["summary"] if data.get("files") else None
    if summary is None:
        return Coverage(0, 0, 0, 0)
    return Coverage(summary["num_statements"], summary["covered_lines"], summary.get("num_branches", 0),
                    summary.get("covered_branches", 0))


def trace_baseline(request: WorkerRequest, progress: Callable[[Any], None] | None = None) -> BaselineResult:
    """Run every test on the unmutated artifact with tracing and coverage, then the spec checks."""
    import coverage

    alarm = Alarm()
    work = Path.cwd()
    module_file = str(work / request.module)
    cov = coverage.Coverage(data_file=None, branch=True, include=[module_file], config_file=False)
    # set-up that is not the artifact's, done before tracing (open_session's own calls then find
    # it done): Hypothesis's Unicode tables, when the folder lacks them, cost 2 s alone and 40
    # times that traced; the registry has every family build its specs' data
    prepare_machinery(work, request, shrink=True)
    preload_spec(request)
    cov.start()
    try:
        opened = _open(request, alarm)
        if isinstance(opened, BaselineResult):
            return opened
        tests = _TracedTests(opened, request.settings, alarm, cov, module_file)
        ran, errors = run_with_driver(request.tests, alarm, tests)
        if errors:
            return BaselineResult(collect_error=errors[0][:300])
    finally:
        cov.stop()
    runs, spec_checks = ran
    figures = _coverage_figures(cov, work, module_file)
    probe = (_family_probe(opened, tests.shifted_cases, alarm, tests.budget)
             if tests.spec_test is not None else None)
    return BaselineResult(runs, spec_checks, figures, probe, import_executed=tuple(tests.at_import))


def _open(request: WorkerRequest, alarm: Alarm) -> Session | BaselineResult:
    """The artifact imported (:func:`open_session`), or the result that says why it could not be."""
    try:
        return open_session(request, alarm, shrink=True)
    except TimeBudgetExceeded:
        return BaselineResult(import_error=f"importing it timed out after {request.settings.test_seconds:g} s of CPU")
    except BaseException as error:  # noqa: BLE001 - SystemExit at import is the artifact's failure
        return BaselineResult(import_error=failure_line(error))


class _TracedTests:
    """The baseline's tests, run by the driver once they are collected: the spec test first, then
    each pytest item, each traced for the units it calls; then the spec checks."""

    def __init__(self, session: Session, settings: CheckSettings, alarm: Alarm, cov: Any, module_file: str) -> None:
        self.session, self.settings, self.alarm, self.cov, self.module_file = session, settings, alarm, cov, module_file
        cases: list[tuple] = []
        if session.spec is not None and session.entry is not None:
            cases = check_cases_of(session.spec, settings.examples)
        self.spec_test = spec_test_of(session, cases, record_passing=True)
        self.budget = float(settings.test_seconds)
        self.tracer = CallTracer(module_file)
        self.at_import: list[str] = []  # what ran while it was imported and its tests collected
        self.shifted_cases: list[tuple] = []  # drawn once: the spec checks and the family's probe use them

    def __call__(self, items: list[Any], driver: Any) -> tuple[tuple[TestRun, ...], SpecChecks | None]:
        # the tests are collected: import time ends here, and coverage says what ran so far
        self.at_import.extend(functions_run(self.module_file, self.cov.get_data().lines(self.module_file) or ()))
        tests: list[Any] = ([self.spec_test] if self.spec_test else []) + [PytestTest(item, driver) for item in items]
        return tuple(self._traced(test) for test in tests), self._spec_checks()

    def _traced(self, test: Any) -> TestRun:
        self.tracer.reset()
        sys.setprofile(self.tracer)
        try:
            outcome = test.run(self.alarm, self.budget)
        finally:
            sys.setprofile(None)
        if outcome.status == "timeout" and test.kind == "test":
            outcome = self._untraced(test, outcome)
        return TestRun(test.name, test.kind, outcome, tuple(sorted(self.tracer.direct)),
                       tuple(sorted(self.tracer.executed)))

    def _untraced(self, test: Any, traced: TestOutcome) -> TestOutcome:
        """A test that ran past its budget under the profile hook and coverage, which can slow a
        test tenfold, run again without either, as it runs on mutants and in plain pytest: the
        budget is its time there. Its calls are those traced before it was stopped."""
        self.cov.stop()
        try:
            again = test.run(self.alarm, self.budget)
        finally:
            self.cov.start()
        if again.status == "timeout":
            return again
        note = f"past {self.budget:g} s of CPU traced, {again.seconds:.1f} s untraced; calls traced up to then"
        return replace(again, reason=f"{again.reason}; {note}" if again.reason else note)

    def _spec_checks(self) -> SpecChecks | None:
        session, spec_test = self.session, self.spec_test
        if spec_test is None or session.spec is None or session.entry is None:
            return None
        self.shifted_cases.extend(shifted_cases_of(session.spec, self.settings))
        checks = run_spec_checks(session.spec, session.entry, self.settings, self.alarm, self.shifted_cases)
        return SpecChecks(checks.properties, checks.exhaustive, checks.held_out, checks.shifted,
                          tuple(spec_test.passing), checks.training)


def _family_probe(session: Session, shifted_cases: list[tuple], alarm: Alarm, budget: float) -> Any:
    """The spec family's probe of the artifact (after coverage stopped, so probing adds nothing to
    the tests' coverage), given the held-out and shifted inputs the spec checks used; None for a
    family without one (:meth:`sva.core.family.Family.probe`)."""
    from sva.families import family_of

    if session.spec is None or session.entry is None:
        return None
    family = family_of(session.spec)
    if not family.has_probe(session.spec):
        return None
    alarm.arm(budget)
    try:
        return family.probe(session.spec, session.entry, list(session.spec.held_out) + shifted_cases)
    except TimeBudgetExceeded:
        return {"reason": f"probing it ({family.name}) timed out after {budget:g} s of CPU"}
    finally:
        alarm.disarm()
