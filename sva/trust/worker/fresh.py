"""Mutants judged in a fresh import: what a plain ``pytest`` run of the mutated file would say.

Swapping a mutant's code objects into the live module (:mod:`sva.trust.worker.swap`) is exact
only for code that runs after the import. A mutant whose effect happens at import time is not:
a deleted module-level ``TABLE = [...]`` leaves the old binding in place, ``rest = True`` for
``rest = partial(drop, 1)`` never reaches a test's ``from m import rest``, and a mutant inside a
helper that fills rule tables while the module loads changes tables that were filled already.
The caller (:func:`sva.trust.batch.plan_mutation`) marks those mutants ``fresh``:
module-level code (class bodies included), every function the original executed while it was
imported or its tests collected (coverage's lines say which), and any mutant whose code cannot be
swapped exactly (a closure of another shape).

:func:`judge_fresh` judges them, each in a child process that imports the mutated module and
collects the tests itself, so collection sees exactly what a plain run of the mutated file sees
(a ``parametrize`` table built of the module's data, new test ids, a test module that fails to
import). Configuring pytest (its plugins, Hypothesis's among them; the conftest files) costs more
than collecting one tests file, and ending a session costs as much or more (pytest's garbage
collection at unconfigure), so both happen once: a *session process* forked from the worker
(which has imported pytest and Hypothesis but neither the artifact nor its tests) configures one
pytest session, and when collection is about to start (``pytest_collectstart`` of the session)
forks one child per mutant, :data:`FRESH_CHILDREN` at a time. Each child serves the mutated text
for the artifact's file from memory (every source loader reading that file gets it: an import by
name and a load by path alike; the file on disk stays the original and no bytecode cache is
read), imports it, and returns into pytest, which collects the tests as in any run; the
session's driver (:func:`sva.trust.worker.runners.make_driver`) then hands the items to the
judgement, which runs every test with no failure on the original that can see the mutant,
smallest region first, until one fails, reports, and leaves without ending the session. Which
tests can see it (:mod:`sva.trust.worker.observe`) is told by comparing the child's footprint
with the original's, which one more child, forked the same way with the original text, reports
first. Before forking, the session process rewrites the tests files' asserts once where
pytest's import hook finds them (:func:`rewrite_once`), so a child's collection imports the
tests file without parsing it again.
Worked figures (inflection, 455 tests, on the machine this was built on): configuring pytest
0.10-0.15 s of CPU, collecting 0.05 s (0.025 s with the rewritten tests file read from its
cache), ending the session 0.1-0.5 s; a child pays only the collection. Forking after
collection would save that too, but a collected session holds the original's objects (a test
module's ``from m import f``, ``parametrize`` values computed from the module's data), which
every mutant would have to replace exactly or detect; collected in the child, there is nothing
to replace.

Where the configuration itself imports the artifact (a conftest imports it), a child forked
after it would run the original: then every mutant of the batch is judged as before, each child
forked from the worker before pytest is configured, importing the artifact and running a whole
pytest session of its own. Each verdict says which way it was judged (``MutantResult.fresh``).

A child marks the test it starts (a :class:`~sva.trust.protocol.TestMarker` before the import
and before each test) in a slot of memory it shares with its parent, which passes the oldest
child's marker on to the caller's progress stream when it changes (looking every
:data:`_POLL` seconds, so the sandbox's silence watch covers it), and sends its verdict over a
pipe, last. A child that dies instead (CPU limit, ``os._exit``, a signal) is
killed by the test that was running. Its CPU time is limited to the sum of its tests' budgets
plus one import budget.
"""

from __future__ import annotations

import contextlib
import gc
import os
import resource
import select
import selectors
import signal
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from sva.trust.protocol import MutantBatch, MutantResult, MutantSplice, Progress, TestMarker
from sva.trust.worker.children import IMPORT, Child, Reporter, read_child, result_of, start_child
from sva.trust.worker.footprint import Footprint
from sva.trust.worker.importwatch import CallsIn
from sva.trust.worker.observe import Observer, Selector
from sva.trust.worker.rewrite import rewrite_once
from sva.trust.worker.runners import make_driver, pytest_args, run_with_driver
from sva.trust.worker.timer import Alarm, failure_line

__all__ = ["CONFIGURED", "FRESH_CHILDREN", "IMPORT", "FreshJudge", "judge_fresh"]

#: How many fresh imports run at once (the 2 cores of the machines this was built on; each is
#: limited by CPU time, so how many run together changes no verdict, only the wall time).
FRESH_CHILDREN = 2

#: ``MutantResult.fresh`` of a mutant judged in a child forked after pytest's configuration.
CONFIGURED = "forked after pytest's configuration"

#: The session process's exit statuses that send the batch the old way, and why.
_FALLBACKS = {17: "a conftest imports the module while pytest is configured",
              18: "pytest stopped before collecting"}

#: The original as a mutant that changes nothing: its child reports its footprint, no verdict.
_ORIGINAL = MutantSplice(-1, 0, 0, "", None, True)

#: Wall seconds the original's child may take to report its footprint (an import that sleeps).
_ORIGINAL_SECONDS = 60.0

#: Seconds between two looks at the oldest child's marker, to pass it on when it changed.
_POLL = 0.25

Emit = Callable[[Progress], None]


@dataclass(frozen=True)
class FreshJudge:
    """How one fresh mutant is judged, in two steps (the caller's: :mod:`sva.trust.worker.batch`):
    ``load(alarm, index)`` imports the mutated artifact and returns the session
    (:class:`~sva.trust.worker.session.Session`), or the verdict when it does not load;
    ``run(session, items, driver, alarm, index, emit, selector)`` runs the tests on the collected
    items (``selector``: which of them may see the mutant, :mod:`sva.trust.worker.observe`;
    None: all)."""

    load: Callable[[Alarm, int], Any]
    run: Callable[[Any, list[Any], Any, Alarm, int, Emit, Selector | None], MutantResult]


class _Resume(BaseException):
    """Raised in a child forked inside the configured session, to return into pytest's collection."""


def judge_fresh(batch: MutantBatch, mutants: Sequence[MutantSplice], original: bytes, judge: FreshJudge,
                progress: Emit, children: int = FRESH_CHILDREN) -> int:
    """Judge ``mutants``, each in a forked child that imports it afresh and collects the tests,
    ``children`` at a time: forked after pytest's configuration when the batch has tests files
    and the configuration does not import the artifact, else before it. Results go to
    ``progress`` in the order of ``mutants``, each preceded by the markers of the oldest child in
    flight (so a batch killed now resumes after the right mutant). Returns how many were judged."""
    if not mutants:
        return 0
    why: str | None = "no tests files"
    if batch.request.tests:
        why = _configured(batch, mutants, original, judge, progress, children)
        if why is None:
            return len(mutants)
    life = _whole_session(batch, judge)
    return _judge_each(batch, mutants, original, life, progress, children, f"forked before pytest's configuration: {why}")


def _configured(batch: MutantBatch, mutants: Sequence[MutantSplice], original: bytes, judge: FreshJudge,
                progress: Emit, children: int) -> str | None:
    """Judge every mutant in children of one configured session process; None when done, else
    why the configuration cannot be shared (nothing was judged then)."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the session process: judge, and leave without running anyone's exit handlers
        status = 1
        try:
            status = _session(batch, mutants, original, judge, progress, children)
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    if code in _FALLBACKS:
        return _FALLBACKS[code]
    if code != 0:
        raise RuntimeError(f"the session process of the fresh mutants ended with status {status}")
    return None


def _session(batch: MutantBatch, mutants: Sequence[MutantSplice], original: bytes, judge: FreshJudge,
             progress: Emit, children: int) -> int:
    """The session process's life (and, after the fork, each child's): configure pytest, fork
    the children when collection starts; a child returns into collection, is judged by the
    driver's body and leaves from it. Returns the exit status of a process that got this far."""
    import pytest

    alarm = Alarm()
    current: list[tuple[MutantSplice, Reporter, Any, Any, CallsIn | None]] = []  # the child's mutant, once forked
    observer = _observer(batch, original)

    def body(items: list[Any], driver: Any) -> None:
        mutant, reporter, session, watch, collecting = current[0]
        try:
            if collecting is not None:
                collecting.stop()
            footprint = _footprint(observer, items, watch, collecting)
            if mutant.index == _ORIGINAL.index:
                if footprint is not None:
                    reporter.send({"kind": "footprint", "footprint": footprint.to_json()})
                os._exit(0)
            selector = observer.selector(footprint) if observer is not None and footprint is not None else None
            reporter.tell(judge.run(session, items, driver, alarm, mutant.index, reporter.emit, selector))
        except BaseException as error:  # noqa: BLE001 - whatever escapes is the mutant's doing
            reporter.tell(_broke(mutant, error))
        finally:
            os._exit(0)

    def life(mutant: MutantSplice, reporter: Reporter) -> None:
        try:
            _limit_cpu(batch)
            reporter.emit(TestMarker(mutant.index, -1))
            watch = observer.watch() if observer is not None else None
            with watch or contextlib.nullcontext():
                loaded = judge.load(alarm, mutant.index)
            if isinstance(loaded, MutantResult):
                reporter.tell(loaded)
                os._exit(0)
            collecting = CallsIn(observer.module_file) if observer and mutant.index == _ORIGINAL.index else None
            if collecting is not None:
                collecting.start()  # held over the original's collection (stopped in body)
            current.append((mutant, reporter, loaded, watch, collecting))
        except BaseException as error:  # noqa: BLE001 - whatever escapes is the mutant's doing
            reporter.tell(_broke(mutant, error))
            os._exit(0)
        raise _Resume()

    class Fork:
        started = False

        @pytest.hookimpl(tryfirst=True)
        def pytest_collectstart(self, collector: Any) -> None:
            if self.started or not isinstance(collector, pytest.Session):
                return
            self.started = True
            if _loaded(str(Path.cwd() / batch.request.module)):
                os._exit(17)
            rewrite_once(collector.config, batch.request.tests)
            gc.freeze()  # the children share the session's memory untouched by their collector
            try:
                if observer is not None:
                    observer.settle()
                    observer.reference = _original_footprint(original, life, observer.module_file)
                _judge_each(batch, mutants, original, life, progress, children, CONFIGURED)
            except _Resume:
                return  # a child: pytest collects the mutated module's tests
            os._exit(0)

    driver = make_driver(alarm, body, decide_early=True)
    pytest.main(pytest_args(batch.request.tests), plugins=[driver, Fork()])
    if not current:
        return 18
    mutant, reporter = current[0][:2]  # a child whose tests did not collect
    reason = driver.collect_errors[0] if driver.collect_errors else "pytest stopped before running them"
    reporter.tell(MutantResult(mutant.index, True, IMPORT, f"the tests do not collect: {reason}"[:300], 0))
    return 0


def _observer(batch: MutantBatch, original: bytes) -> Observer | None:
    """The session's observer of what each mutant changes (None: every test of every mutant runs)."""
    try:
        return Observer(batch, original, Path.cwd())
    except (SyntaxError, ValueError, OSError):
        return None


def _footprint(observer: Observer | None, items: list[Any], watch: Any,
               collecting: CallsIn | None) -> Footprint | None:
    """This child's footprint; None when there is no observer or it could not be taken (then
    every test runs: a failure here is the digest's, never the mutant's verdict). The original's
    is marked unusable when its collection ran the artifact's functions (:class:`CallsIn`)."""
    if observer is None or watch is None:
        return None
    try:
        footprint = observer.footprint(items, watch)
        if collecting is not None and collecting.called is not None:
            footprint = replace(footprint, unsafe=f"collecting the tests calls the artifact's {collecting.called}")
        return footprint
    except Exception:  # noqa: BLE001 - what cannot be digested is compared as unknown
        return None


def _original_footprint(original: bytes, life: Callable[[MutantSplice, Reporter], None],
                        module_file: str) -> Footprint | None:
    """The original's footprint, from a child that imports and collects it as a mutant's does;
    None when it has none to give within :data:`_ORIGINAL_SECONDS` (then every test runs: the
    clock decides how much is run, never a verdict)."""
    child = start_child(_ORIGINAL, original, life, module_file)
    deadline = time.monotonic() + _ORIGINAL_SECONDS
    while child.open:
        ready, _, _ = select.select([child.stream], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            os.kill(child.pid, signal.SIGKILL)
            break
        read_child(child)
    child.stream.close()
    os.waitpid(child.pid, 0)
    child.slot.close()
    record = child.verdict
    if child.open or record is None or record.get("kind") != "footprint":
        return None
    return Footprint.from_json(record["footprint"])


def _whole_session(batch: MutantBatch, judge: FreshJudge) -> Callable[[MutantSplice, Reporter], None]:
    """A child's life forked before pytest's configuration: import, a whole session, the verdict."""
    def life(mutant: MutantSplice, reporter: Reporter) -> None:
        code = 0
        try:
            _limit_cpu(batch)
            reporter.tell(_judge_whole(batch, judge, Alarm(), mutant.index, reporter.emit))
        except BaseException as error:  # noqa: BLE001 - whatever escapes is the mutant's doing
            try:
                reporter.tell(_broke(mutant, error))
            except BaseException:  # noqa: BLE001 - nothing left to tell
                code = 3
        finally:
            os._exit(code)

    return life


def _judge_whole(batch: MutantBatch, judge: FreshJudge, alarm: Alarm, index: int, emit: Emit) -> MutantResult:
    emit(TestMarker(index, -1))
    loaded = judge.load(alarm, index)
    if isinstance(loaded, MutantResult):
        return loaded
    verdict, errors = run_with_driver(batch.request.tests, alarm,
                                      lambda items, driver: judge.run(loaded, items, driver, alarm, index, emit, None),
                                      decide_early=True)
    if errors:
        return MutantResult(index, True, IMPORT, f"the tests do not collect: {errors[0]}"[:300], 0)
    return verdict


def _broke(mutant: MutantSplice, error: BaseException) -> MutantResult:
    return MutantResult(mutant.index, True, IMPORT, f"the mutant broke the worker: {failure_line(error)}", 0)


def _loaded(module_file: str) -> bool:
    """Whether a module of this process was loaded from ``module_file``."""
    target = os.path.realpath(module_file)
    for module in list(sys.modules.values()):
        try:
            if os.path.realpath(getattr(module, "__file__", None) or "") == target:
                return True
        except Exception:  # noqa: BLE001 - a module whose attributes cannot be read is not the artifact
            continue
    return False


def _limit_cpu(batch: MutantBatch) -> None:
    """A child's CPU limit: its tests' budgets plus one import budget (and a margin)."""
    budget = sum(step.budget for step in batch.plan) + batch.request.settings.test_seconds + 2
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(budget) + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _judge_each(batch: MutantBatch, mutants: Sequence[MutantSplice], original: bytes,
                life: Callable[[MutantSplice, Reporter], None], progress: Emit, children: int, how: str) -> int:
    """Fork ``life`` once per mutant, ``children`` at a time, and pass on what they report;
    every verdict says ``how`` it was judged. Returns how many were judged."""
    module_file = str(Path.cwd() / batch.request.module)
    waiting = list(mutants)
    running: list[Child] = []
    done = 0
    told: TestMarker | None = None  # the last marker passed on
    with selectors.DefaultSelector() as selector:
        while waiting or running:
            while waiting and len(running) < max(1, children):
                child = start_child(waiting.pop(0), original, life, module_file)
                selector.register(child.stream, selectors.EVENT_READ, child)
                running.append(child)
            for key, _ in selector.select(_POLL):
                child = key.data
                read_child(child)
                if not child.open:
                    selector.unregister(child.stream)
                    child.stream.close()
                    _, child.status = os.waitpid(child.pid, 0)
            while running and running[0].status is not None:
                finished = running.pop(0)
                marker = finished.marker
                if marker is not None and marker != told:
                    progress(marker)  # the last test it started (the caller's killer if the batch dies now)
                progress(replace(result_of(finished, batch.plan), fresh=how))
                finished.slot.close()
                done += 1
            current = running[0].marker if running else None
            if current is not None and current != told:
                told = current  # the oldest's test now, so a batch killed now resumes after the right one
                progress(current)
    return done
