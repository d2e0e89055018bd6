"""``sva trust``'s progress line: the first line before any mutant, the time left per kind of mutant.

:class:`sva.trust.progress.TimeLeft` on a clock written here: the docstring's worked example, and
(Hypothesis) an estimate that is exact once two results of each kind are in when every mutant of
a kind takes the same time; :class:`sva.trust.progress.MutantProgress` in a log.
"""

from __future__ import annotations

import io

from hypothesis import given, strategies as st

from sva.progress import ProgressLine
from sva.trust.progress import PACE_RESULTS, MutantProgress, MutationOutlook, TimeLeft
from sva.trust.protocol import MutantResult


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _outlook(fresh: int, swapped: int, fresh_work: float, swapped_work: float) -> MutationOutlook:
    work = {index: fresh_work if index < fresh else swapped_work for index in range(fresh + swapped)}
    return MutationOutlook(fresh + swapped, frozenset(range(fresh)), work)


def test_the_worked_example_of_the_docstring():
    clock = _Clock()
    estimate = TimeLeft(_outlook(31, 970, 0.5, 0.02), clock)
    clock.now = 4.0
    estimate.record(MutantResult(0, True, "t", None))
    for index in range(1, 11):
        clock.now += 4.0
        estimate.record(MutantResult(index, True, "t", None))
    assert abs(estimate.seconds() - (40 / 10 * 20 + 970 * 0.02)) < 1e-9
    # one rate over both kinds, what the line said before, is 40 times that
    assert 39 < 44 / 11 * 990 / estimate.seconds() < 40


@given(st.integers(PACE_RESULTS + 1, 40), st.integers(PACE_RESULTS + 1, 300), st.floats(0.1, 20), st.floats(0.001, 2), st.floats(0, 10),
       st.floats(0, 10), st.data())
def test_the_estimate_is_exact_when_each_kind_keeps_its_pace(fresh, swapped, fresh_cost, swapped_cost, start_up,
                                                               switch, data):
    """Fresh mutants first, then swapped ones, each kind at its own constant pace after a
    start-up: once ten results of a kind after its first are in, its part of the estimate is
    exact; before that its part is the plan's prior."""
    clock = _Clock()
    prior = data.draw(st.floats(0.0, 1.0))
    estimate = TimeLeft(_outlook(fresh, swapped, 1.0, prior), clock)
    assert abs(estimate.seconds() - (fresh * 1.0 + swapped * prior)) < 1e-6
    clock.now = start_up
    for index in range(fresh):
        clock.now += fresh_cost
        estimate.record(MutantResult(index, True, "t", None))
        left = fresh_cost * (fresh - index - 1) if index >= PACE_RESULTS else (fresh - index - 1) * 1.0
        expected = left + swapped * prior
        assert abs(estimate.seconds() - expected) < 1e-6 * max(1.0, expected)
    clock.now += switch
    for index in range(fresh, fresh + swapped):
        clock.now += swapped_cost
        estimate.record(MutantResult(index, False, None, None))
        pending = fresh + swapped - index - 1
        expected = swapped_cost * pending if index >= fresh + PACE_RESULTS else prior * pending
        assert abs(estimate.seconds() - expected) < 1e-6 * max(1.0, expected)
    assert estimate.seconds() == 0.0


def test_the_first_line_comes_when_the_mutants_are_planned_and_names_the_killing_subtest():
    log = io.StringIO()
    progress = MutantProgress(log)
    progress.planned(_outlook(3, 37, 0.5, 0.01))
    first = log.getvalue().splitlines()
    assert len(first) == 1 and first[0].startswith("[........................] 0/40 mutants, 0 killed, ")
    assert first[0].endswith("| 3 in a fresh import (first), 37 swapped in")
    assert "~0m02s left" in first[0]  # 3 x 0.5 + 37 x 0.01 = 1.87 s, the plan's prior
    for index in range(40):
        progress.result(MutantResult(index, index != 5, "test_m.py::T::test_a", "call (n=1): x", subtest="(n=1)"))
    lines = log.getvalue().splitlines()
    assert 1 < len(lines) <= 1 + 20
    assert lines[-1].startswith(f"[{'#' * 24}] 40/40 mutants, 39 killed, ")
    assert lines[-1].endswith("| mutant 39 killed by test_m.py::T::test_a (n=1)")


def test_a_log_gets_a_line_at_least_every_so_many_seconds():
    quiet, timed = io.StringIO(), io.StringIO()
    for stream, seconds in ((quiet, None), (timed, 0.0)):
        line = ProgressLine(10, "mutants", "killed", stream=stream, every=100, every_seconds=seconds)
        for index in range(10):
            line.update(f"mutant {index}")
    assert len(quiet.getvalue().splitlines()) == 1  # only the last
    assert len(timed.getvalue().splitlines()) == 10  # each one: the seconds had passed
