"""The two kinds of test the trust worker runs, run the same way: ``test.run(alarm, budget)``.

* :class:`SpecTest`, the *spec test*: every spec property on every check case (the whole
  domain when it is finite, else a derandomized sample). On the original it records which
  cases pass; on a mutant it uses only those, so it judges a mutant by what the original gets
  right.
* :class:`PytestTest`: one pytest item collected from the tests files, run through pytest's
  own test protocol (fixtures, setup, teardown) with the alarm on each phase.

:func:`run_with_driver` runs a body of work inside a pytest session: a plugin
(:func:`make_driver`) records collection errors, times each test phase, and takes over
pytest's run loop to call the body once everything is collected. A worker with no tests files
never imports pytest. Both kinds return a :class:`~sva.trust.protocol.TestOutcome`.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from sva.trust.protocol import TestOutcome
from sva.trust.worker.spec_checks import property_failure
from sva.trust.worker.timer import Alarm, TimeBudgetExceeded, cpu_seconds

__all__ = ["PytestTest", "SpecTest", "make_driver", "run_with_driver"]


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

        self.driver.budget = budget
        started = cpu_seconds()
        try:
            reports = runtestprotocol(self.item, nextitem=None, log=False)
        except TimeBudgetExceeded:  # fired between pytest's own steps
            return TestOutcome("timeout", f"timed out after {budget:g} s of CPU", cpu_seconds() - started)
        finally:
            alarm.disarm()
        seconds = cpu_seconds() - started
        for report in reports:
            if report.failed:
                text = str(report.longrepr).strip().splitlines()
                last = text[-1] if text else "failed"
                if "TimeBudgetExceeded" in last:
                    return TestOutcome("timeout", f"timed out after {budget:g} s of CPU in {report.when}", seconds)
                return TestOutcome("failed", f"{report.when}: {last}"[:300], seconds)
        if any(report.skipped for report in reports):
            return TestOutcome("skipped", None, seconds)
        return TestOutcome("passed", None, seconds)


def make_driver(alarm: Alarm, body: Callable[[list[Any], Any], Any]) -> Any:
    """A pytest plugin that records collection errors, puts a timer on each test phase, and
    takes over the run loop to call ``body(items, driver)`` once the session has collected
    everything (pytest items run through the driver, which times them).

    Built on demand so that a worker with no tests files never imports pytest.
    """
    import pytest

    class Driver:
        def __init__(self) -> None:
            self.budget = 10.0
            self.collect_errors: list[str] = []
            self.result: Any = None

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
            return (yield from self._timed())

        @pytest.hookimpl(wrapper=True, tryfirst=True)
        def pytest_runtest_teardown(self, item: Any) -> Any:
            return (yield from self._timed())

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtestloop(self, session: Any) -> bool:
            if not self.collect_errors:
                self.result = body(list(session.items), self)
            return True

    return Driver()


def run_with_driver(tests_files: Sequence[str], alarm: Alarm,
                    body: Callable[[list[Any], Any], Any]) -> tuple[Any, list[str]]:
    """Collect the pytest items of ``tests_files`` and call ``body(items, driver)`` inside the
    session. Returns the body's result and the collection errors."""
    if not tests_files:
        return body([], None), []
    import pytest

    driver = make_driver(alarm, body)
    args = [*tests_files, "-p", "no:cacheprovider", "-p", "no:terminal", "-p", "no:stepwise",
            "-c", "pytest.ini", "--rootdir", "."]
    status = pytest.main(args, plugins=[driver])
    if driver.result is None and not driver.collect_errors:
        raise RuntimeError(f"pytest stopped before running the tests (exit status {int(status)})")
    return driver.result, driver.collect_errors
