"""Timing two evaluators fairly: one process, alternating order, medians (shared by the benchmarks).

Each round is timed twice: wall-clock seconds (``time.perf_counter``) and CPU seconds, this
process's (``time.process_time``) plus those of every child it waited for in the round
(``os.times``' ``children_user + children_system``), so an evaluator that runs pytest or a peer
tool in a subprocess is charged its CPU too. Wall time is what a user waits on an idle machine;
CPU time is what the work costs and what a busy machine slows down less: the benchmarks print
both ratios side by side (:attr:`Timing.ratio` and :attr:`Timing.cpu_ratio`).
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Timing:
    """Seconds per round of each evaluator, and whether their answers agreed in every round."""

    reference_times: list[float]
    our_times: list[float]
    identical: bool
    #: CPU seconds per round (this process and its waited-for children), in the same order
    reference_cpu: list[float] | None = None
    our_cpu: list[float] | None = None

    @property
    def reference_median(self) -> float:
        return statistics.median(self.reference_times)

    @property
    def our_median(self) -> float:
        return statistics.median(self.our_times)

    @property
    def ratio(self) -> float:
        """Median of the per-round ratios reference / ours (paired, so drift cancels)."""
        return statistics.median(r / o for r, o in zip(self.reference_times, self.our_times))

    @property
    def cpu_ratio(self) -> float | None:
        """Median of the per-round CPU-time ratios reference / ours (``None`` when not measured)."""
        if not self.reference_cpu or not self.our_cpu:
            return None
        return statistics.median(r / max(o, 1e-9) for r, o in zip(self.reference_cpu, self.our_cpu))


def cpu_seconds() -> float:
    """CPU seconds so far of this process and of every child it has waited for."""
    times = os.times()
    return time.process_time() + times.children_user + times.children_system


def alternate(reference: Callable[[], Any], ours: Callable[[], Any], rounds: int) -> Timing:
    """Run both ``rounds`` times, the reference first in even rounds and second in odd ones, so
    neither always gets the warm (or the cold) machine; compare their answers every round."""
    reference_times: list[float] = []
    our_times: list[float] = []
    reference_cpu: list[float] = []
    our_cpu: list[float] = []
    identical = True

    def timed(evaluator: Callable[[], Any], walls: list[float], cpus: list[float]) -> Any:
        started, cpu_started = time.perf_counter(), cpu_seconds()
        answer = evaluator()
        walls.append(time.perf_counter() - started)
        cpus.append(cpu_seconds() - cpu_started)
        return answer

    for round_number in range(rounds):
        if round_number % 2 == 0:
            reference_answer = timed(reference, reference_times, reference_cpu)
            our_answer = timed(ours, our_times, our_cpu)
        else:
            our_answer = timed(ours, our_times, our_cpu)
            reference_answer = timed(reference, reference_times, reference_cpu)
        identical = identical and reference_answer == our_answer
    return Timing(reference_times, our_times, identical, reference_cpu, our_cpu)
