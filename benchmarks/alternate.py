"""Timing two evaluators fairly: one process, alternating order, medians (shared by the benchmarks)."""

from __future__ import annotations

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


def alternate(reference: Callable[[], Any], ours: Callable[[], Any], rounds: int) -> Timing:
    """Run both ``rounds`` times, the reference first in even rounds and second in odd ones, so
    neither always gets the warm (or the cold) machine; compare their answers every round."""
    reference_times: list[float] = []
    our_times: list[float] = []
    identical = True

    def timed(evaluator: Callable[[], Any]) -> tuple[float, Any]:
        started = time.perf_counter()
        answer = evaluator()
        return time.perf_counter() - started, answer

    for round_number in range(rounds):
        if round_number % 2 == 0:
            reference_time, reference_answer = timed(reference)
            our_time, our_answer = timed(ours)
        else:
            our_time, our_answer = timed(ours)
            reference_time, reference_answer = timed(reference)
        identical = identical and reference_answer == our_answer
        reference_times.append(reference_time)
        our_times.append(our_time)
    return Timing(reference_times, our_times, identical)
