"""The sandboxed mutant batch (job ``trust_mutants``): one process checks many mutants.

Runs only inside :mod:`analyzer.trust.sandbox`. The module is imported and the tests collected
once (:mod:`analyzer.trust.session`); each mutant is then swapped in (:mod:`analyzer.trust.swap`)
and afterwards the original restored. Only tests that passed on the original and executed the
mutated function run, in the plan's order (smallest region first), and the first failure kills
the mutant, so the killer recorded is the one with the smallest region. Each test runs under
its budget from the plan (derived from its time on the original); a timeout kills the mutant.
A mutant that does not even load is killed by ``"<import>"``.

Progress (:mod:`analyzer.trust.protocol`): one :class:`~analyzer.trust.protocol.Ready` once
the tests are collected, a :class:`~analyzer.trust.protocol.TestMarker` before each test and
a :class:`~analyzer.trust.protocol.MutantResult` per mutant, streamed as they happen; so if a
mutant takes the whole process down (``os._exit``, a hang in C code), the caller knows which
test was running and resumes after that mutant.

Known limits: state the tests keep between runs (caches such as ``functools.lru_cache``,
module-level mutable data) can carry from one mutant to the next.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from analyzer.trust.protocol import BatchDone, MutantBatch, MutantResult, Progress, Ready, TestMarker, TestOutcome
from analyzer.trust.runners import PytestTest, run_with_driver
from analyzer.trust.session import open_session, spec_test_of
from analyzer.trust.spec_checks import check_cases_of
from analyzer.trust.swap import Swapper
from analyzer.trust.timer import Alarm, TimeBudgetExceeded, cpu_seconds, failure_line

__all__ = ["run_mutants"]


def run_mutants(batch: MutantBatch, progress: Callable[[Progress], None]) -> BatchDone:
    """Check the batch's mutants from position ``batch.start`` on; stream progress as it goes."""
    alarm = Alarm()
    session = open_session(batch.request, alarm, shrink=False)
    source = Path(session.module_file).read_text(encoding="utf-8")
    encoded = source.encode("utf-8")
    settings = batch.request.settings
    cases: list[tuple] = []
    if session.spec is not None and session.entry is not None:
        all_cases = check_cases_of(session.spec, settings.examples)
        keep = batch.passing_cases
        cases = all_cases if keep is None else [all_cases[index] for index in keep]
    spec_test = spec_test_of(session, cases, record_passing=False)

    def body(items: list[Any], driver: Any) -> BatchDone:
        by_name: dict[str, Any] = {item.nodeid: PytestTest(item, driver) for item in items}
        if spec_test is not None:
            by_name[spec_test.name] = spec_test
        swapper = Swapper(session.module_file, session.module, source)
        progress(Ready(len(by_name)))  # from here on the caller watches for silence
        done = 0
        for mutant in batch.mutants[batch.start:]:
            started = cpu_seconds()
            killed, by, reason, tests_run, timeout = False, None, None, 0, False
            try:
                alarm.arm(settings.test_seconds)
                try:
                    restore = swapper.swap_in(mutant.apply(encoded), module_level=mutant.function is None)
                finally:
                    alarm.disarm()
            except BaseException as error:  # noqa: BLE001 - a mutant that breaks the module is killed by it
                killed, by, reason = True, "<import>", f"the module fails to load: {failure_line(error)}"
                restore = None
            if restore is not None:
                try:
                    for step in batch.plan:
                        if mutant.function is not None and mutant.function not in step.executed:
                            continue
                        test = by_name.get(step.name)
                        if test is None:
                            continue
                        progress(TestMarker(mutant.index, step.name))
                        tests_run += 1
                        try:
                            outcome = test.run(alarm, step.budget)
                        except TimeBudgetExceeded:
                            outcome = TestOutcome("timeout", "timed out", 0.0)
                        if outcome.status in ("failed", "timeout"):
                            killed, by, reason, timeout = True, step.name, outcome.reason, outcome.status == "timeout"
                            break
                finally:
                    restore()
            progress(MutantResult(mutant.index, killed, by, reason, tests_run, cpu_seconds() - started, timeout))
            done += 1
        return BatchDone(done)

    result, errors = run_with_driver(batch.request.tests, alarm, body)
    if errors:
        raise RuntimeError(f"tests do not collect: {errors[0]}")
    return result
