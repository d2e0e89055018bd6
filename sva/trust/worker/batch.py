"""The sandboxed mutant batch (job ``trust_mutants``): one process checks many mutants.

Runs only inside :mod:`sva.sandbox.process`. The caller puts the mutants that need a fresh
import first (``fresh``: their effect happens at import time; :mod:`sva.trust.worker.fresh`):
each is judged in a forked child (two at a time) that imports the mutated artifact and collects
the tests itself, forked from one pytest session configured for them all. Then the artifact is imported and its tests collected once
(:mod:`sva.trust.worker.session`), and every other mutant is swapped in
(:mod:`sva.trust.worker.swap`, as the caller compiled it) and afterwards the original restored,
which is exact for code that runs after the import.

Either way only tests with no failure on the original run, in the plan's order (smallest region
first), and the first failure kills the mutant, so the killer recorded is the one with the
smallest region. A failure is what pytest counts as one, subtests' included
(:func:`sva.trust.worker.runners.outcome_of`), and the verdict names the subtest that failed. A swapped-in mutant skips the tests that never executed its function on the
original; a fresh one skips those that read none of the names whose value its import changed
(:mod:`sva.trust.worker.observe`), and runs every test where that cannot be told. Each test
runs under its CPU budget from the plan (derived from its time on the original); a test past
its budget kills the mutant by timeout. A mutant that does not even load (or whose tests then
do not collect) is killed by ``"<import>"``.

Progress (:mod:`sva.trust.protocol`): one :class:`~sva.trust.protocol.Ready`, a
:class:`~sva.trust.protocol.TestMarker` before each test and a
:class:`~sva.trust.protocol.MutantResult` per mutant, streamed as they happen; so if a
mutant takes the whole process down (``os._exit``, a hang in C code), the caller knows which
test was running and resumes after that mutant.

Known limits: state the tests keep between swapped-in mutants (caches such as
``functools.lru_cache``, module-level mutable data a test changes) can carry from one mutant to
the next.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from sva.trust.worker.fresh import IMPORT, FreshJudge, judge_fresh
from sva.trust.worker.loading import ServedSource, prepare_machinery
from sva.trust.worker.observe import Selector
from sva.trust.protocol import (BatchDone, MutantBatch, MutantResult, PlanStep, Progress, Ready, TestMarker,
                                     TestOutcome)
from sva.trust.worker.runners import PytestTest, run_with_driver
from sva.trust.worker.session import Session, open_session, preload_spec, spec_test_of
from sva.trust.worker.spec_checks import check_cases_of
from sva.trust.worker.swap import Swapper, code_tag, unpack
from sva.trust.worker.timer import Alarm, TimeBudgetExceeded, cpu_seconds, failure_line

__all__ = ["run_mutants"]


def _tests_of(batch: MutantBatch, session: Session, items: Sequence[Any], driver: Any) -> dict[str, Any]:
    """The runnable tests by name: the collected pytest items and the spec test."""
    by_name: dict[str, Any] = {item.nodeid: PytestTest(item, driver) for item in items}
    cases: list[tuple] = []
    if session.spec is not None and session.entry is not None:
        all_cases = check_cases_of(session.spec, batch.request.settings.examples)
        keep = batch.passing_cases
        cases = all_cases if keep is None else [all_cases[index] for index in keep]
    spec_test = spec_test_of(session, cases, record_passing=False)
    if spec_test is not None:
        by_name[spec_test.name] = spec_test
    return by_name


def _run_plan(plan: Sequence[PlanStep], tests: Mapping[str, Any], index: int, selector: Selector | None,
              alarm: Alarm, progress: Callable[[Progress], None]) -> MutantResult:
    """Run the plan's tests on the installed mutant until one fails; ``selector`` (None: run
    every test) skips the tests that cannot see the mutant. The verdict's seconds are left to
    the caller."""
    tests_run = 0
    for position, step in enumerate(plan):
        test = tests.get(step.name)
        if test is None or (selector is not None and not selector(step, test)):
            continue
        progress(TestMarker(index, position))
        tests_run += 1
        try:
            outcome = test.run(alarm, step.budget)
        except TimeBudgetExceeded:
            outcome = TestOutcome("timeout", "timed out", 0.0)
        if outcome.status in ("failed", "timeout"):
            return MutantResult(index, True, step.name, outcome.reason, tests_run, None, outcome.status == "timeout",
                                outcome.subtest)
    return MutantResult(index, False, None, None, tests_run)


def _executing(function: str | None) -> Selector | None:
    """A swapped-in mutant's tests: those that executed its function on the original (None:
    a mutant outside any function, seen by every test)."""
    if function is None:
        return None
    return lambda step, test: function in step.executed


def _new_tests(batch: MutantBatch, items: Sequence[Any]) -> tuple[PlanStep, ...]:
    """The tests a fresh import collects that the original did not have (a ``parametrize``
    table built of the module's data names its cases by their values): plain pytest runs them,
    so they run too, after the plan, each with the plan's largest budget."""
    if not batch.known:
        return ()
    known = set(batch.known)
    budget = max((step.budget for step in batch.plan), default=float(batch.request.settings.test_seconds))
    return tuple(PlanStep(item.nodeid, budget, ()) for item in items if item.nodeid not in known)


def _judge_freshly(batch: MutantBatch) -> FreshJudge:
    """A fresh mutant's judgement in a forked child (:mod:`sva.trust.worker.fresh`): import it,
    then, once the tests are collected, run those the selector keeps (all without one)."""
    def load(alarm: Alarm, index: int) -> Session | MutantResult:
        try:
            return open_session(batch.request, alarm, shrink=False)
        except BaseException as error:  # noqa: BLE001 - a mutant that breaks the module is killed by it
            return MutantResult(index, True, IMPORT, f"the module fails to load: {failure_line(error)}", 0,
                                timeout=isinstance(error, TimeBudgetExceeded))

    def run(session: Session, items: list[Any], driver: Any, alarm: Alarm, index: int,
            emit: Callable[[Progress], None], selector: Selector | None) -> MutantResult:
        tests = _tests_of(batch, session, items, driver)
        verdict = _run_plan(batch.plan, tests, index, selector, alarm, emit)
        new = _new_tests(batch, items)
        if verdict.killed or not new:
            return verdict
        # no markers for them: a marker names a step of the plan (the caller's killer if it dies)
        again = _run_plan(new, tests, index, None, alarm, lambda record: None)
        return replace(again, tests_run=(verdict.tests_run or 0) + (again.tests_run or 0))

    return FreshJudge(load, run)


def run_mutants(batch: MutantBatch, progress: Callable[[Progress], None]) -> BatchDone:
    """Check the batch's mutants from position ``batch.start`` on; stream progress as it goes."""
    alarm = Alarm()
    settings = batch.request.settings
    prepare_machinery(Path.cwd(), batch.request, shrink=False)
    preload_spec(batch.request)  # built once, not again in every fresh mutant's fork
    # A mutant such as ``True[i]`` compiles with a SyntaxWarning; a thousand of them would fill
    # the sandbox's capped output (and stop the batch) with noise no verdict depends on.
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    encoded = (Path.cwd() / batch.request.module).read_bytes()
    pending = list(batch.mutants[batch.start:])
    progress(Ready(len(batch.plan)))  # from here on the caller watches for silence
    count = next((position for position, mutant in enumerate(pending) if not mutant.fresh), len(pending))
    fresh, pending = pending[:count], pending[count:]
    if any(mutant.fresh for mutant in pending):
        raise ValueError("the batch must list its fresh mutants first")
    done = judge_fresh(batch, fresh, encoded, _judge_freshly(batch), progress)
    if not pending:
        return BatchDone(done)
    session = open_session(batch.request, alarm, shrink=False)
    source = encoded.decode("utf-8")

    def body(items: list[Any], driver: Any) -> BatchDone:
        tests = _tests_of(batch, session, items, driver)
        swapper = Swapper(session.module_file, source)
        shipped = batch.code_tag == code_tag()  # the caller's compiled code is this interpreter's
        served = ServedSource(session.module_file)  # a test that loads the file anew gets the mutant
        count = done
        for mutant in pending:
            started = cpu_seconds()
            try:
                alarm.arm(settings.test_seconds)
                try:
                    code = unpack(mutant.code, session.module_file) if shipped and mutant.code else None
                    restore = swapper.swap_in(mutant.apply(encoded), code)
                finally:
                    alarm.disarm()
            except BaseException as error:  # noqa: BLE001 - a mutant that breaks the module is killed by it
                verdict = MutantResult(mutant.index, True, IMPORT, f"the module fails to load: {failure_line(error)}", 0)
            else:
                served.serve(mutant.apply(encoded).encode("utf-8"))
                try:
                    verdict = _run_plan(batch.plan, tests, mutant.index, _executing(mutant.function), alarm, progress)
                finally:
                    served.serve(None)
                    restore()
            progress(replace(verdict, seconds=cpu_seconds() - started))
            count += 1
        return BatchDone(count)

    result, errors = run_with_driver(batch.request.tests, alarm, body, decide_early=True)
    if errors:
        raise RuntimeError(f"tests do not collect: {errors[0]}")
    return result
