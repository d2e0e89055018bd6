"""A test's outcome as plain pytest reports it, subtests included, and the CPU budget inside subtests.

:func:`sva.trust.worker.runners.outcome_of` reads every report pytest sends while a test runs
(setup, call, teardown and each subtest's) by pytest's own rule: a report that failed and is no
expected failure fails the test. In process on report records built here; then through the
sandbox on small projects written here: unittest ``self.subTest`` and pytest's ``subtests``
fixture kill mutants and name the subtest, and a test whose subtests spin past the budget is a
timeout.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from sva.cli.trust import format_report
from sva.trust import MutantProgress, TrustConfig, evaluate, prepare
from sva.trust.mutants.generation import generate_mutants
from sva.trust.worker.runners import outcome_of, subtest_name


@dataclass
class _Context:
    msg: str | None
    kwargs: dict[str, Any]


@dataclass
class _Report:
    """The fields of a pytest TestReport that the rule reads."""

    outcome: str
    when: str = "call"
    longrepr: Any = None
    xfail: bool = False
    context: _Context | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.xfail:
            self.wasxfail = "reason"
        if self.context is None:
            del self.context

    @property
    def failed(self) -> bool:
        return self.outcome == "failed"

    @property
    def skipped(self) -> bool:
        return self.outcome == "skipped"


def _sub(outcome: str, msg: str | None = None, **kwargs: Any) -> _Report:
    return _Report(outcome, longrepr="E   AssertionError: 3 != 4" if outcome == "failed" else None,
                   context=_Context(msg, kwargs))


def test_pytest_s_outcomes_by_its_own_rule():
    passed = [_Report("passed", "setup"), _Report("passed"), _Report("passed", "teardown")]
    assert outcome_of(passed, False, 5, 0.1).status == "passed"
    # a failed subtest fails the test whose own call report passed (pytest prints SUBFAILED)
    sub = outcome_of([passed[0], _sub("passed", i=1), _sub("failed", i=2), _sub("failed", i=3), *passed[1:]],
                     False, 5, 0.1)
    assert (sub.status, sub.subtest) == ("failed", "(i=2)")
    assert sub.reason == "call (i=2): E   AssertionError: 3 != 4"
    named = outcome_of([_sub("failed", "short input", n=0), *passed], False, 5, 0.1)
    assert named.subtest == "[short input] (n=0)"
    # an error in a fixture's teardown, an xfail that passed under strict (no wasxfail: failed)
    assert outcome_of([*passed[:2], _Report("failed", "teardown", "boom")], False, 5, 0.1).reason == "teardown: boom"
    assert outcome_of([passed[0], _Report("failed", longrepr="[XPASS(strict)] r"), passed[2]],
                      False, 5, 0.1).status == "failed"
    # xfailed is pytest's skipped outcome; a non-strict xpass passes
    assert outcome_of([passed[0], _Report("skipped", xfail=True), passed[2]], False, 5, 0.1).status == "skipped"
    assert outcome_of([passed[0], _Report("passed", xfail=True), passed[2]], False, 5, 0.1).status == "passed"
    # the alarm fired during the test: a timeout, whoever caught its exception
    timeout = outcome_of([_sub("failed", i=7), *passed], True, 2, 2.5)
    assert (timeout.status, timeout.reason) == ("timeout", "timed out after 2 s of CPU in call (i=7)")
    assert subtest_name(_sub("failed")) == "(<subtest>)" and subtest_name(passed[1]) is None


_REPORTS = st.builds(_Report, outcome=st.sampled_from(["passed", "failed", "skipped"]),
                     when=st.sampled_from(["setup", "call", "teardown"]), longrepr=st.just("E   x"),
                     xfail=st.booleans(),
                     context=st.none() | st.builds(_Context, st.none() | st.text(max_size=3),
                                                   st.dictionaries(st.sampled_from("ij"), st.integers(0, 9))))


@settings(max_examples=60)
@given(st.lists(_REPORTS, max_size=6), st.booleans())
def test_a_test_fails_exactly_when_pytest_counts_a_failure(reports, overran):
    """pytest's session counts a failure for every report that failed without ``wasxfail``
    (``Session.pytest_runtest_logreport``); the test fails (or times out) exactly then."""
    outcome = outcome_of(reports, overran, 1, 0.0)
    counted = [r for r in reports if r.failed and not hasattr(r, "wasxfail")]
    if overran:
        assert outcome.status == "timeout"
    elif counted:
        assert outcome.status == "failed" and outcome.subtest == subtest_name(counted[0])
    else:
        assert outcome.status == ("skipped" if any(r.skipped for r in reports) else "passed")
        assert outcome.subtest is None


_MODULE = """\
def last_two(xs):
    return xs[len(xs) - 2:]
"""

_UNITTEST = """\
import unittest

from pairs import last_two


class LastTwo(unittest.TestCase):
    def test_cases(self):
        for xs, expected in [([1, 2, 3], [2, 3]), ([5], [5]), ([], [])]:
            with self.subTest(xs=xs):
                self.assertEqual(last_two(xs), expected)
"""

_FIXTURE = """\
from pairs import last_two


def test_cases(subtests):
    for xs, expected in [([1, 2, 3], [2, 3]), ([4, 5], [4, 5])]:
        with subtests.test("pairs", xs=xs):
            assert last_two(xs) == expected
"""


class _Heard(MutantProgress):
    """The progress line, also keeping each mutant's result."""

    def __init__(self) -> None:
        super().__init__(io.StringIO())
        self.results: list[Any] = []

    def result(self, result: Any) -> None:
        self.results.append(result)
        super().result(result)


@pytest.mark.parametrize("style", ["unittest", "fixture"])
def test_subtests_kill_mutants_and_the_killer_names_its_subtest(tmp_path: Path, style: str):
    (tmp_path / "pairs.py").write_text(_MODULE)
    (tmp_path / "test_pairs.py").write_text(_UNITTEST if style == "unittest" else _FIXTURE)
    heard = _Heard()
    report = evaluate(prepare(tmp_path / "pairs.py", tests=[tmp_path / "test_pairs.py"]),
                      TrustConfig(examples=10, test_seconds=5.0), progress=heard)
    assert report.failure is None and report.mutation_error is None
    assert [record.status for record in report.tests] == ["passed"]
    mutants = generate_mutants(_MODULE)
    # today's worker read only the test's own reports: every mutant survived
    assert report.mutants_killed == report.mutants_total - 1  # xs[len(xs) - 2:] -> xs[False - 2:]
    killers = {mutants[r.mutant].before + " -> " + mutants[r.mutant].after: r.subtest
               for r in heard.results if r.killed}
    first, later = ("(xs=[1, 2, 3])", "(xs=[5])") if style == "unittest" else (
        "[pairs] (xs=[1, 2, 3])", "[pairs] (xs=[4, 5])")
    assert killers["len(xs) - 2 -> (len(xs) + 2)"] == first  # fails every case: the first is named
    assert killers["len(xs) - 2 -> True"] == later  # xs[1:] is right for three items
    name = f"test_pairs.py::{'LastTwo::' if style == 'unittest' else ''}test_cases"
    assert f"killed by {name} {later}" in heard.stream.getvalue()


_SPINNING = {
    "unittest": """\
import unittest


class Spin(unittest.TestCase):
    def test_spins(self):
        for i in range(60):
            with self.subTest(i=i):
                while True:
                    i += 1
""",
    "fixture": """\
def test_spins(subtests):
    for i in range(60):
        with subtests.test(i=i):
            while True:
                i += 1
""",
}


@pytest.mark.parametrize("style", ["unittest", "fixture"])
def test_the_cpu_budget_holds_inside_subtests(tmp_path: Path, style: str):
    """Sixty subtests that spin forever, against a budget of 0.5 s: each would catch the alarm's
    exception and go on to the next, 30 s of CPU, past the sandbox's CPU limit of 20 s (the run
    would crash). The test is a timeout in its first subtest, and the run goes on."""
    (tmp_path / "pairs.py").write_text(_MODULE)
    (tmp_path / "test_spin.py").write_text(_SPINNING[style])
    report = evaluate(prepare(tmp_path / "pairs.py", tests=[tmp_path / "test_spin.py"]),
                      TrustConfig(examples=10, test_seconds=0.5, mutate=False))
    assert TrustConfig().limits.cpu_seconds < 60 * 0.5
    assert report.failure is None
    (record,) = report.tests
    assert (record.status, record.reason, record.subtest) == (
        "timeout", "timed out after 0.5 s of CPU in call (i=0)", "(i=0)")


_TWO = """\
def double(x):
    return x + x


def count_up(n):
    total = 0
    for i in range(n):
        total += i % 3
    return total
"""

_TWO_TESTS = """\
from two import count_up, double


def test_double():
    assert double(0) == 0


def test_count_up_long():
    assert count_up(10**9) > 0
"""


def test_a_test_past_its_time_on_the_original_leaves_its_mutants_unchecked(tmp_path: Path):
    """``test_count_up_long`` runs past its 0.5 s on the original, so no test that could judge
    ``count_up``'s mutants runs on them: they are unchecked, not survivors (plain pytest, with no
    limit, may kill them), and the score is killed over judged. ``double``'s weak test leaves
    real survivors, still listed."""
    (tmp_path / "two.py").write_text(_TWO)
    (tmp_path / "test_two.py").write_text(_TWO_TESTS)
    report = evaluate(prepare(tmp_path / "two.py", tests=[tmp_path / "test_two.py"]),
                      TrustConfig(examples=10, test_seconds=0.5))
    assert report.failure is None and report.mutation_error is None
    assert {r.name.rpartition("::")[2]: r.status for r in report.tests} == {
        "test_double": "passed", "test_count_up_long": "timeout"}
    mutants = generate_mutants(_TWO)
    in_count_up = {m.index for m in mutants if m.function == "count_up"}
    assert in_count_up and {s.index for s in report.unchecked} == in_count_up
    assert all(s.slow_tests == ("test_two.py::test_count_up_long",) for s in report.unchecked)
    assert report.survivors and all(s.unit == "double" and not s.slow_tests for s in report.survivors)
    judged = report.mutants_total - len(in_count_up)
    assert report.mutants_killed == judged - len(report.survivors)
    assert report.mutation_score == pytest.approx(report.mutants_killed / judged)
    text = format_report(report)
    assert f"{len(in_count_up)} unchecked, left out of the score" in text
    assert (f"unchecked ({len(in_count_up)}): not killed, and 1 test(s) that would run them ran past their "
            "time of 0.5 s on the original (test_two.py::test_count_up_long)") in text


_PROFILED_TEST = """\
import sys

from two import double


def test_double_unless_profiled():
    assert double(3) == 6
    while sys.getprofile() is not None:  # the baseline's tracing, made endless
        pass
"""


def test_a_test_past_its_budget_only_under_tracing_is_judged_untraced(tmp_path: Path):
    """The baseline's profile hook and coverage can slow a test tenfold (more-itertools'
    ``test_primes``: 9 s plain, past 40 s traced). A test past its budget traced runs again
    untraced, as mutants and plain pytest run it: here it spins only while profiled, so it passes
    untraced, keeps the calls traced before it was stopped, and kills ``double``'s mutants."""
    (tmp_path / "two.py").write_text(_TWO)
    (tmp_path / "test_two.py").write_text(_PROFILED_TEST)
    report = evaluate(prepare(tmp_path / "two.py", tests=[tmp_path / "test_two.py"]),
                      TrustConfig(examples=10, test_seconds=0.5, lines=(2,)))
    (record,) = report.tests
    assert record.status == "passed" and record.reason is not None
    assert record.reason.startswith("past 0.5 s of CPU traced, ") and record.seconds < 0.5
    assert record.direct_units == ("double",)
    assert report.unchecked == () and report.mutants_total and report.mutants_killed == report.mutants_total


_STOPPING_TEST = """\
import unittest

from two import double


class Cases(unittest.TestCase):
    def test_cases(self):
        broken = False
        for i in range(1, 50):
            with self.subTest(i=i):
                while broken:  # endless once a case failed
                    pass
                broken = True
                self.assertEqual(double(i), 2 * i)
                broken = False
"""


def test_on_a_mutant_a_test_stops_at_its_first_failed_subtest(tmp_path: Path):
    """Only the verdict counts on a mutant: the test stops at the subtest that failed, so the
    next subtest, endless after a failure, never runs; the kill is that subtest's failure, not a
    timeout (every mutant of ``x + x`` breaks ``double(1)``)."""
    (tmp_path / "two.py").write_text(_TWO)
    (tmp_path / "test_two.py").write_text(_STOPPING_TEST)
    heard = _Heard()
    report = evaluate(prepare(tmp_path / "two.py", tests=[tmp_path / "test_two.py"]),
                      TrustConfig(examples=10, test_seconds=2.0, lines=(2,)), progress=heard)
    assert report.mutants_total and report.mutants_killed == report.mutants_total
    assert report.mutants_timeout == 0
    first_failing = {}
    for mutant in generate_mutants(_TWO):
        if mutant.line == 2:
            scope: dict[str, Any] = {}
            exec(mutant.apply(_TWO), scope)  # the mutants of x + x: plain arithmetic
            first_failing[mutant.index] = next(f"(i={i})" for i in range(1, 50) if scope["double"](i) != 2 * i)
    assert {result.mutant: result.subtest for result in heard.results} == first_failing
