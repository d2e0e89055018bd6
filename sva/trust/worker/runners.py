"""The two kinds of test the trust worker runs, run the same way: ``test.run(alarm, budget)``.

* :class:`SpecTest`, the *spec test*: every spec property on every check case (the whole
  domain when it is finite, else a derandomized sample). On the original it records which
  cases pass; on a mutant it uses only those, so it judges a mutant by what the original gets
  right.
* :class:`PytestTest`: one pytest item collected from the tests files, run through pytest's
  own test protocol (fixtures, setup, teardown) with the alarm on each phase. Its outcome is
  read, by pytest's own rule (:func:`outcome_of`), off every report pytest sends while it runs,
  not only the three the protocol returns: a subtest (unittest's ``self.subTest``, pytest's
  ``subtests`` fixture) sends its own report, and a failed one fails the test (``SUBFAILED``)
  though the test's call passed. Worked example: reports setup passed, subtest ``(i=1)``
  passed, subtest ``(i=2)`` failed, call passed, teardown passed -> ``failed``, reason
  ``call (i=2): AssertionError: ...``, subtest ``(i=2)``.

:func:`run_with_driver` runs a body of work inside a pytest session: a plugin
(:func:`make_driver`) records collection errors, collects the reports, times each test phase
(and ends a test whose subtests caught the alarm's exception: :mod:`sva.trust.worker.timer`),
and takes over pytest's run loop to call the body once everything is collected. On a mutant only
the verdict counts, so there a test stops at its first failed subtest (``decide_early``): a test of
ten thousand subtests that a mutant breaks in the first costs one subtest. A worker with no tests files
never imports pytest. Both kinds return a :class:`~sva.trust.protocol.TestOutcome`.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from sva.trust.protocol import TestOutcome
from sva.trust.worker.spec_checks import property_failure
from sva.trust.worker.timer import Alarm, TimeBudgetExceeded, cpu_seconds

__all__ = ["PytestTest", "SpecTest", "TestDecided", "make_driver", "outcome_of", "pytest_args", "run_with_driver", "subtest_name"]


class SpecTest:
    """Every spec property at every check case.

    On the original (``record_passing``) every case is checked and the indices of the cases
    that pass are kept (unreached ones after a timeout count as failing): on mutants the test
    uses only those cases, so it judges a mutant by what the original gets right.
    """

    kind = "spec"

    def __init__(self, spec: Any, entry: Callable[..., Any], cases: Sequence[tuple], name: str,
                 record_passing: bool = False) -> None:
        self.spec, self.entry, self.cases, self.name = spec, entry, list(cases), name
        self.record_passing = record_passing
        self.passing: list[int] = []

    def run(self, alarm: Alarm, budget: float) -> TestOutcome:
        started = cpu_seconds()
        first: tuple[int, str] | None = None
        status = "passed"
        alarm.arm(budget)
        try:
            for index, case in enumerate(self.cases):
                reason = property_failure(self.spec, self.entry, case)
                if reason is None:
                    if self.record_passing:
                        self.passing.append(index)
                    continue
                if first is None:
                    first = (index, reason)
                    if not self.record_passing:
                        break
        except TimeBudgetExceeded:
            status = "timeout"
        finally:
            alarm.disarm()
        seconds = cpu_seconds() - started
        if status == "timeout":
            return TestOutcome("timeout", f"timed out after {budget:g} s of CPU", seconds)
        if first is not None:
            index, reason = first
            return TestOutcome("failed", f"{reason} at {list(self.cases[index])!r}"[:300], seconds)
        return TestOutcome("passed", None, seconds)


class PytestTest:
    """One collected pytest item, run through pytest's protocol with a timer on each phase."""

    kind = "test"

    def __init__(self, item: Any, driver: Any) -> None:
        self.item, self.driver, self.name = item, driver, item.nodeid

    def run(self, alarm: Alarm, budget: float) -> TestOutcome:
        from _pytest.runner import runtestprotocol

        self.driver.start(budget)
        started = cpu_seconds()
        try:
            # log=True: every report goes to ``pytest_runtest_logreport``, as in a plain pytest run,
            # where the driver collects them beside those the test's subtests send on their own
            runtestprotocol(self.item, nextitem=None, log=True)
        except TimeBudgetExceeded:  # fired between pytest's own steps
            return TestOutcome("timeout", f"timed out after {budget:g} s of CPU", cpu_seconds() - started)
        finally:
            alarm.disarm()
        return outcome_of(self.driver.reports, alarm.fired > self.driver.fired, budget, cpu_seconds() - started)


def outcome_of(reports: Sequence[Any], overran: bool, budget: float, seconds: float) -> TestOutcome:
    """A test's outcome from every report pytest sent while it ran (setup, call, teardown and
    each subtest's), by the rule pytest itself counts failures with: a report that ``failed``
    and is no expected failure (no ``wasxfail``) makes the test fail. So a failed subtest
    (``SUBFAILED``), an error in a fixture and a strict xfail that passed all fail it; an xfail
    that failed is ``skipped`` as pytest reports it, and one that passed unexpectedly
    (non-strict) passes. ``overran``: the alarm fired during the test, which is a timeout
    whatever caught it. The first failing report gives the reason (a subtest's report comes
    before its test's call report) and names the subtest."""
    failed = [report for report in reports if report.failed and not hasattr(report, "wasxfail")]
    first = failed[0] if failed else None
    subtest = subtest_name(first) if first is not None else None
    where = f"{first.when}{f' {subtest}' if subtest else ''}" if first is not None else ""
    if overran:
        return TestOutcome("timeout", f"timed out after {budget:g} s of CPU{f' in {where}' if where else ''}",
                           seconds, subtest)
    if first is not None:
        text = str(first.longrepr).strip().splitlines()
        return TestOutcome("failed", f"{where}: {text[-1] if text else 'failed'}"[:300], seconds, subtest)
    if any(report.skipped for report in reports):
        return TestOutcome("skipped", None, seconds)
    return TestOutcome("passed", None, seconds)


def subtest_name(report: Any) -> str | None:
    """The subtest a report is of, as pytest prints it: ``[message] (i=3)``, ``(<subtest>)``
    for one with neither; None for a test's own report."""
    context = getattr(report, "context", None)
    if context is None:
        return None
    parts = [f"[{context.msg}]"] if getattr(context, "msg", None) is not None else []
    kwargs = dict(getattr(context, "kwargs", None) or {})
    if kwargs:
        parts.append("(" + ", ".join(f"{key}={value!r}" for key, value in kwargs.items()) + ")")
    return " ".join(parts) or "(<subtest>)"


class TestDecided(BaseException):
    """Raised from the report hook when a subtest failed in a run that only needs the verdict
    (a mutant's): the test has failed whatever its other subtests do, so it stops there (a
    BaseException, so neither the test nor unittest's ``subTest`` swallows it)."""


def make_driver(alarm: Alarm, body: Callable[[list[Any], Any], Any], decide_early: bool = False) -> Any:
    """A pytest plugin that records collection errors, puts a timer on each test phase, and
    takes over the run loop to call ``body(items, driver)`` once the session has collected
    everything (pytest items run through the driver, which times them). ``decide_early``: a
    test stops at its first failed subtest (:class:`TestDecided`); its outcome is the same,
    failed by that subtest, as :func:`outcome_of` reads the first failing report.

    Built on demand so that a worker with no tests files never imports pytest.
    """
    import pytest

    class Driver:
        def __init__(self) -> None:
            self.budget = 10.0
            self.collect_errors: list[str] = []
            self.result: Any = None
            self.reports: list[Any] = []  # every report of the test running now
            self.fired = alarm.fired  # the alarm's count when it started
            self.in_call = False

        def start(self, budget: float) -> None:
            """A test starts: its budget, no reports yet."""
            self.budget, self.reports, self.fired = budget, [], alarm.fired

        def pytest_runtest_logreport(self, report: Any) -> None:
            self.reports.append(report)
            if self.in_call and alarm.fired > self.fired:
                # a subtest caught the alarm's exception and reported it: the test stops here
                # (raised from the report hook, it leaves the subtest and ends the test's call)
                raise TimeBudgetExceeded()
            if (decide_early and self.in_call and report.failed and not hasattr(report, "wasxfail")
                    and getattr(report, "context", None) is not None):
                raise TestDecided()

        def pytest_configure(self, config: Any) -> None:
            # Failures are only counted here: the cheap standard-library traceback format
            # (the terminal plugin, which owns --tb, is disabled).
            config.option.tbstyle = "native"

        def pytest_collectreport(self, report: Any) -> None:
            if report.failed:
                text = str(report.longrepr).strip().splitlines()
                self.collect_errors.append(f"{report.nodeid or 'tests'}: {text[-1] if text else 'cannot collect'}")

        def _timed(self) -> Any:
            alarm.arm(self.budget)
            try:
                return (yield)
            finally:
                alarm.disarm()

        @pytest.hookimpl(wrapper=True, tryfirst=True)
        def pytest_runtest_setup(self, item: Any) -> Any:
            return (yield from self._timed())

        @pytest.hookimpl(wrapper=True, tryfirst=True)
        def pytest_runtest_call(self, item: Any) -> Any:
            self.in_call = True
            try:
                return (yield from self._timed())
            finally:
                self.in_call = False

        @pytest.hookimpl(wrapper=True, tryfirst=True)
        def pytest_runtest_teardown(self, item: Any) -> Any:
            return (yield from self._timed())

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtestloop(self, session: Any) -> bool:
            if not self.collect_errors:
                self.result = body(list(session.items), self)
            return True

    return Driver()


def pytest_args(tests_files: Sequence[str]) -> list[str]:
    """pytest's arguments for a trust job's session on ``tests_files``: no cache, no terminal
    output, no stepwise state, the working folder's own ``pytest.ini`` (or none) and root."""
    return [*tests_files, "-p", "no:cacheprovider", "-p", "no:terminal", "-p", "no:stepwise",
            "-c", "pytest.ini", "--rootdir", "."]


def run_with_driver(tests_files: Sequence[str], alarm: Alarm, body: Callable[[list[Any], Any], Any],
                    decide_early: bool = False) -> tuple[Any, list[str]]:
    """Collect the pytest items of ``tests_files`` and call ``body(items, driver)`` inside the
    session. Returns the body's result and the collection errors. ``decide_early``: see
    :func:`make_driver`."""
    if not tests_files:
        return body([], None), []
    import pytest

    driver = make_driver(alarm, body, decide_early)
    status = pytest.main(pytest_args(tests_files), plugins=[driver])
    if driver.result is None and not driver.collect_errors:
        raise RuntimeError(f"pytest stopped before running the tests (exit status {int(status)})")
    return driver.result, driver.collect_errors
