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

:func:`judge_fresh` judges them: it forks the worker (which has imported pytest and Hypothesis,
but neither the artifact nor its tests) once per mutant, :data:`FRESH_CHILDREN` at a time; each
child serves the mutated text for the artifact's file from memory (every source loader reading
that file gets it: an import by name and a load by path alike; the file on disk stays the
original and no bytecode cache is read), imports it, collects the
tests and runs every test with no failure on the original, smallest region first, until one fails. The child reports over a pipe: a
:class:`~sva.trust.protocol.TestMarker` before the import and before each test (passed on
to the caller's progress stream, so the sandbox's silence watch covers it) and the verdict
last. A child that dies instead (CPU limit, ``os._exit``, a signal) is killed by the test that
was running. Its CPU time is limited to the sum of its tests' budgets plus one import budget.
"""

from __future__ import annotations

import json
import os
import resource
import selectors
import signal
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from sva.trust.worker.loading import ServedSource
from sva.trust.protocol import MutantBatch, MutantResult, MutantSplice, Progress, TestMarker, progress_from_json
from sva.trust.worker.timer import Alarm, cpu_seconds, failure_line

__all__ = ["FRESH_CHILDREN", "IMPORT", "judge_fresh"]

#: How many fresh imports run at once (the 2 cores of the machines this was built on; each is
#: limited by CPU time, so how many run together changes no verdict, only the wall time).
FRESH_CHILDREN = 2

#: The killer's name for a mutant that does not load (or whose tests then do not collect).
IMPORT = "<import>"


@dataclass
class _Child:
    """One forked child in flight: its mutant, process, pipe, and what it has said so far."""

    mutant: MutantSplice
    pid: int
    stream: Any
    marker: TestMarker | None = None
    verdict: dict[str, Any] | None = None
    buffer: str = ""
    open: bool = True
    status: int | None = None


def judge_fresh(batch: MutantBatch, mutants: Sequence[MutantSplice], original: bytes,
                judge: Callable[..., MutantResult],
                progress: Callable[[Progress], None], children: int = FRESH_CHILDREN) -> int:
    """Judge ``mutants``, each in a forked child that imports it afresh, ``children`` at a time;
    ``judge(alarm, index, emit)`` is a child's work after the fork (import, collect, run:
    :mod:`sva.trust.worker.batch`) and returns its verdict, a :class:`MutantResult`.
    Results go to ``progress`` in the order of ``mutants``, each preceded by the markers of the
    oldest child in flight (so a batch killed now resumes after the right mutant). Returns how
    many were judged."""
    module_file = str(Path.cwd() / batch.request.module)
    waiting = list(mutants)
    running: list[_Child] = []
    done = 0
    with selectors.DefaultSelector() as selector:
        while waiting or running:
            while waiting and len(running) < max(1, children):
                child = _start(batch, waiting.pop(0), original, judge, module_file)
                selector.register(child.stream, selectors.EVENT_READ, child)
                running.append(child)
                if len(running) == 1 and child.marker is not None:
                    progress(child.marker)
            for key, _ in selector.select():
                child = key.data
                _read(child, progress if child is running[0] else None)
                if not child.open:
                    selector.unregister(child.stream)
                    child.stream.close()
                    _, child.status = os.waitpid(child.pid, 0)
            while running and running[0].status is not None:
                finished = running.pop(0)
                progress(_result(finished, batch.plan))
                done += 1
                if running and running[0].marker is not None:
                    progress(running[0].marker)  # the new oldest: what it is running now
    return done


def _start(batch: MutantBatch, mutant: MutantSplice, original: bytes, judge: Callable[..., MutantResult],
           module_file: str) -> _Child:
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: judge, report, and leave without running anyone's exit handlers
        os.close(read_end)
        ServedSource(module_file).serve(mutant.apply(original).encode("utf-8"))
        _child(batch, mutant, judge, write_end)
    os.close(write_end)
    os.set_blocking(read_end, False)
    return _Child(mutant, pid, os.fdopen(read_end, "rb", buffering=0))


def _read(child: _Child, progress: Callable[[Progress], None] | None) -> None:
    """Take in what the child wrote; pass its markers on when it is the oldest in flight."""
    try:
        data = child.stream.read()
    except BlockingIOError:
        return
    if not data:
        child.open = False
        return
    child.buffer += data.decode("utf-8")
    *lines, child.buffer = child.buffer.split("\n")
    for line in filter(None, lines):
        record = json.loads(line)
        if record["kind"] == "test":
            child.marker = TestMarker(child.mutant.index, int(record["step"]))
            if progress is not None:
                progress(child.marker)
        else:
            child.verdict = record


def _result(child: _Child, plan: Sequence[Any]) -> MutantResult:
    """The child's verdict, or, when it died first, a kill by the test it was running."""
    mutant, verdict, status = child.mutant, child.verdict, child.status or 0
    if verdict is not None:
        result = progress_from_json(verdict["result"])
        assert isinstance(result, MutantResult)
        return replace(result, seconds=round(verdict["cpu"], 4))
    step = child.marker.step if child.marker is not None else -1
    by = plan[step].name if step >= 0 else IMPORT
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        overran = number in (signal.SIGXCPU, signal.SIGKILL)
        what = "ran past its CPU limit" if number == signal.SIGXCPU else f"was killed by signal {number}"
        return MutantResult(mutant.index, True, by, f"its process {what}", None, None, overran)
    return MutantResult(mutant.index, True, by, f"its process exited with status {os.WEXITSTATUS(status)}",
                        None, None, False)


def _child(batch: MutantBatch, mutant: MutantSplice, judge: Callable[..., MutantResult], write_end: int) -> None:
    """The forked child's whole life: limits, the judgement, its report; never returns."""
    stream = os.fdopen(write_end, "w", encoding="utf-8")

    def emit(record: Any) -> None:
        stream.write(json.dumps(record.to_json()) + "\n")
        stream.flush()

    def tell(result: MutantResult) -> None:
        stream.write(json.dumps({"kind": "verdict", "result": result.to_json(), "cpu": cpu_seconds()}) + "\n")
        stream.flush()

    code = 0
    try:
        budget = sum(step.budget for step in batch.plan) + batch.request.settings.test_seconds + 2
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = int(budget) + 1
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        tell(judge(Alarm(), mutant.index, emit))
    except BaseException as error:  # noqa: BLE001 - whatever escapes is the mutant's doing
        try:
            tell(MutantResult(mutant.index, True, IMPORT, f"the mutant broke the worker: {failure_line(error)}", 0))
        except BaseException:  # noqa: BLE001 - nothing left to tell
            code = 3
    finally:
        os._exit(code)
