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
