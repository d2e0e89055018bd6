"""Mutants judged in a fresh import: what a plain ``pytest`` run of the mutated file would say.

Swapping a mutant's code objects into the live module (:mod:`analyzer.trust.swap`) is exact
only for code that runs after the import. A mutant whose effect happens at import time is not:
a deleted module-level ``TABLE = [...]`` leaves the old binding in place, ``rest = True`` for
``rest = partial(drop, 1)`` never reaches a test's ``from m import rest``, and a mutant inside a
helper that fills rule tables while the module loads changes tables that were filled already.
The caller (:func:`analyzer.trust.mutation.plan_mutation`) marks those mutants ``fresh``:
module-level code (class bodies included), every function the original executed while it was
imported or its tests collected (the baseline traces that), and any mutant whose code cannot be
swapped exactly (a closure of another shape).

:func:`judge_fresh` judges one: it writes the mutated file in place of the original, forks the
worker (which has imported pytest and Hypothesis, but neither the artifact nor its tests), and
the child imports the mutant, collects the tests and runs every test that passed on the
original, smallest region first, until one fails. The child reports over a pipe: a
:class:`~analyzer.trust.protocol.TestMarker` before the import and before each test (passed on
to the caller's progress stream, so the sandbox's silence watch covers it) and the verdict
last. A child that dies instead (CPU limit, ``os._exit``, a signal) is killed by the test that
was running. Its CPU time is limited to the sum of its tests' budgets plus one import budget.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
from pathlib import Path
from typing import Any, Callable

from analyzer.trust.protocol import MutantBatch, MutantResult, MutantSplice, Progress, TestMarker
from analyzer.trust.timer import Alarm, failure_line

__all__ = ["IMPORT", "judge_fresh"]

#: The killer's name for a mutant that does not load (or whose tests then do not collect).
IMPORT = "<import>"


def judge_fresh(batch: MutantBatch, mutant: MutantSplice, original: bytes,
                judge: Callable[[Any, int, Callable[[Progress], None]], tuple], progress: Callable[[Progress], None]
                ) -> MutantResult:
    """Judge ``mutant`` in a forked child that imports it afresh; ``judge(alarm, index, emit)``
    is the child's work after the fork (import, collect, run: :mod:`analyzer.trust.mutant_worker`)
    and returns ``(killed, by, reason, tests_run, timeout)``."""
    path = Path.cwd() / batch.request.module
    path.write_text(mutant.apply(original), encoding="utf-8")
    started = _children_cpu()
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: judge, report, and leave without running anyone's exit handlers
        os.close(read_end)
        _child(batch, mutant, judge, write_end)
    os.close(write_end)
    marker, verdict = None, None
    with os.fdopen(read_end, "r", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if record["kind"] == "test":
                marker = TestMarker(mutant.index, record["test"])
                progress(marker)
            else:
                verdict = record
    _, status = os.waitpid(pid, 0)
    used = round(_children_cpu() - started, 4)
    if verdict is not None:
        return MutantResult(mutant.index, verdict["killed"], verdict["by"], verdict["reason"], verdict["tests_run"],
                            used, verdict["timeout"])
    by = marker.test if marker is not None else IMPORT
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        overran = number in (signal.SIGXCPU, signal.SIGKILL)
        what = "ran past its CPU limit" if number == signal.SIGXCPU else f"was killed by signal {number}"
        return MutantResult(mutant.index, True, by, f"its process {what}", None, used, overran)
    return MutantResult(mutant.index, True, by, f"its process exited with status {os.WEXITSTATUS(status)}",
                        None, used, False)


def _children_cpu() -> float:
    """CPU seconds of every child this process has waited for (it only grows)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _child(batch: MutantBatch, mutant: MutantSplice, judge: Callable[..., tuple], write_end: int) -> None:
    """The forked child's whole life: limits, the judgement, its report; never returns."""
    stream = os.fdopen(write_end, "w", encoding="utf-8")

    def emit(record: Any) -> None:
        stream.write(json.dumps(record.to_json()) + "\n")
        stream.flush()

    code = 0
    try:
        budget = sum(step.budget for step in batch.plan) + batch.request.settings.test_seconds + 2
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = int(budget) + 1
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        killed, by, reason, tests_run, timeout = judge(Alarm(), mutant.index, emit)
        stream.write(json.dumps({"kind": "verdict", "killed": killed, "by": by, "reason": reason,
                                 "tests_run": tests_run, "timeout": timeout}) + "\n")
        stream.flush()
    except BaseException as error:  # noqa: BLE001 - whatever escapes is the mutant's doing
        try:
            stream.write(json.dumps({"kind": "verdict", "killed": True, "by": IMPORT,
                                     "reason": f"the mutant broke the worker: {failure_line(error)}",
                                     "tests_run": 0, "timeout": False}) + "\n")
            stream.flush()
        except BaseException:  # noqa: BLE001 - nothing left to tell
            code = 3
    finally:
        os._exit(code)
