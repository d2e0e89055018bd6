"""``sva trust``'s progress: a first line as soon as the mutants are planned, then mutants done,
killed, and a time left that is honest from the start.

The line itself is :class:`sva.progress.ProgressLine`; this module feeds it. Mutation analysis
(:func:`sva.trust.batch.mutation_analysis`) tells a :class:`MutantProgress` two things: the
plan (:class:`MutationOutlook`), right after the baseline, before any mutant runs (the first
line: how many mutants, how many in a fresh import), and each :class:`MutantResult` as the
worker reports it.

**Time left** (:class:`TimeLeft`). The two kinds of mutant cost very different amounts and run
one kind after the other: the *fresh* ones first (each imports the module and collects the
tests anew, then may run every test: :mod:`sva.trust.worker.fresh`), then the *swapped* ones
(each runs only the tests that executed its function). A single rate over both, elapsed / done
x left, carries the fresh ones' cost over to the cheap swapped ones and overstates the time
left several times over for as long as the fresh ones run. So each kind k is estimated on its own
and the two added:

    left_s = sum over k of  (wall_k / done_k) x left_k         once done_k >= PACE_RESULTS (10),
             or           work_left_k                          before that,

where ``wall_k`` is the wall time between one result and the one before, summed over the
results of kind k but the first, and ``done_k`` counts those results: fresh mutants judged two
at a time count at the pace they arrive, and the first result of each kind, which also pays for
starting the worker (importing pytest, or the module and its tests), sets no pace. Results
reach the caller in chunks of the worker's output, several within a millisecond, so a pace
read off fewer than ten of them can be far too fast; the prior stands until then. ``left_k``
counts the mutants of kind k not judged yet, and ``work_left_k`` is the plan's prior for them:
the CPU seconds on the original of the tests each can run (every usable test for a fresh one,
which also pays one import; those that executed its function for a swapped one).
The prior is what a surviving mutant costs on an idle machine; a killed one stops at its first
failing test, so before the first swapped result the estimate errs high, not by the fresh
ones' cost. Worked example: of 31 fresh and 970 swapped mutants, each swapped one's tests taking
0.02 s on the original, the first fresh result came after 4 s and the next 10 in 40 s: time
left = 40/10 x 20 + 970 x 0.02 = 99.4 s (one rate over both: 44/11 x 990 = 3,960 s).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from sva.progress import ProgressLine
from sva.trust.protocol import MutantResult

__all__ = ["PACE_RESULTS", "MutantProgress", "MutationOutlook", "TimeLeft"]

#: In a log, a line at least this often (seconds), even between two twentieths of the mutants.
LOG_SECONDS = 30.0

#: Results of a kind (after its first) before its own pace replaces the plan's prior.
PACE_RESULTS = 10


@dataclass(frozen=True)
class MutationOutlook:
    """What the plan says before any mutant runs: the mutants (by index) judged in a fresh
    import, and each mutant's prior cost, the CPU seconds of the tests it can run on the original."""

    total: int
    fresh: frozenset[int]
    work: Mapping[int, float]


@dataclass
class TimeLeft:
    """The time-left estimate of the module docstring: per kind, the observed pace once a result
    of that kind is in, else the plan's prior."""

    outlook: MutationOutlook
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self.last = self.clock()
        self.done: set[int] = set()
        self.started: set[bool] = set()  # the kinds with a first result in
        self.wall = {True: 0.0, False: 0.0}  # by kind (fresh or not): wall seconds of its results
        self.count = {True: 0, False: 0}  # results in
        self.pending = {True: 0, False: 0}  # not judged yet, and their prior work
        self.work = {True: 0.0, False: 0.0}
        for index, work in self.outlook.work.items():
            kind = index in self.outlook.fresh
            self.pending[kind] += 1
            self.work[kind] += work

    def record(self, result: MutantResult) -> None:
        """One more mutant judged, now."""
        now = self.clock()
        kind = result.mutant in self.outlook.fresh
        if result.mutant not in self.done and result.mutant in self.outlook.work:
            if kind in self.started:  # the first of its kind paid for a start-up too: no pace
                self.wall[kind] += now - self.last
                self.count[kind] += 1
            self.started.add(kind)
            self.done.add(result.mutant)
            self.pending[kind] -= 1
            self.work[kind] -= self.outlook.work[result.mutant]
        self.last = now

    def seconds(self) -> float:
        """The estimated seconds left."""
        return sum(self.wall[kind] / self.count[kind] * self.pending[kind] if self.count[kind] >= PACE_RESULTS
                   else max(0.0, self.work[kind]) for kind in (True, False))


class MutantProgress:
    """``sva trust``'s progress line on stderr (also with ``--json``): a first line when the
    mutants are planned, then mutants done, killed and time left (:class:`TimeLeft`); in a log,
    about twenty lines and at least one every :data:`LOG_SECONDS`."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream
        self.line: ProgressLine | None = None
        self.estimate: TimeLeft | None = None

    def planned(self, outlook: MutationOutlook) -> None:
        """The plan is made: write the first line."""
        extra = {"stream": self.stream} if self.stream is not None else {}
        self.line = ProgressLine(outlook.total, "mutants", "killed", every=max(1, -(-outlook.total // 20)),
                                 every_seconds=LOG_SECONDS, **extra)
        self.estimate = TimeLeft(outlook)
        self.line.start(f"{len(outlook.fresh)} in a fresh import (first), {outlook.total - len(outlook.fresh)} "
                        f"swapped in", left=self.estimate.seconds())

    def result(self, result: MutantResult) -> None:
        """One mutant judged."""
        if self.line is None or self.estimate is None:
            return
        self.estimate.record(result)
        killer = f"{result.by} {result.subtest}" if result.subtest else result.by
        self.line.update(f"mutant {result.mutant}", counted=result.killed,
                         note=f"killed by {killer}" if result.killed else "survived", left=self.estimate.seconds())
