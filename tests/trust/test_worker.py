"""The trust worker's pieces, in process, on entry functions written here (no generated code).

The Boolean specs all have finite domains and no shift; these tests drive the paths an
infinite domain takes (a sampled spec test, a shrunk Hypothesis counterexample, a sampled
shifted domain) with a small integer spec built from the real spec model.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import strategies as st

from sva.core.spec import Domain, Property, Spec, oracle_property
from sva.trust.worker.baseline import unit_qualname
from sva.trust.protocol import CheckSettings, Counterexample
from sva.trust.worker.spec_checks import run_spec_checks, sample_cases
from sva.sandbox.hypothesis_tables import PREFIX, table_files
from sva.trust.worker.timer import Alarm, TimeBudgetExceeded


def _absolute_spec() -> Spec:
    """abs over the integers: oracle abs, non-negative output, held-out and shifted inputs."""
    return Spec(
        name="absolute", family="test", kind="absolute", entry="absolute", params=("x",), outputs=("y",),
        primitives=(), oracle=abs,
        properties=(oracle_property(abs),
                    Property("non_negative", "the output is never negative", lambda f, case: f(*case) >= 0)),
        domain=Domain("integers from -100 to 100", lambda: st.integers(-100, 100)),
        training=((1,), (-1,)), held_out=((5,), (-5,), (-20,), (30,)),
        shifted=Domain("integers from -10^6 to -10^3", lambda: st.integers(-10**6, -10**3)),
        size=1, description="the absolute value of x")


def _wrong_below_minus_ten(x: int) -> int:
    return x if x < -10 else abs(x)


SETTINGS = CheckSettings(examples=200, shifted_examples=50, test_seconds=5.0)


def test_hypothesis_shrinks_the_counterexample_to_the_boundary():
    checks = run_spec_checks(_absolute_spec(), _wrong_below_minus_ten, SETTINGS, Alarm())
    oracle, non_negative = checks.properties
    assert oracle.passed is False and non_negative.passed is False
    # the smallest failing input by Hypothesis's order is the one nearest zero: -11
    assert oracle.counterexample == Counterexample({"x": -11}, "matches_oracle", 11, -11)
    assert oracle.counterexample.to_json() == {"args": {"x": -11}, "property": "matches_oracle", "expected": 11,
                                               "got": -11}
    assert checks.exhaustive is None  # an infinite domain is not enumerated
    # held-out: 5, -5 and 30 pass, -20 fails
    assert (checks.held_out.cases, checks.held_out.passed) == (4, 3)
    # every shifted input is below -10: none passes
    assert checks.shifted.passed == 0 and checks.shifted.cases >= 40


def test_a_correct_entry_passes_everything():
    checks = run_spec_checks(_absolute_spec(), abs, SETTINGS, Alarm())
    assert all(p.passed and p.counterexample is None for p in checks.properties)
    assert checks.held_out.passed == 4 and checks.shifted.passed == checks.shifted.cases


def test_samples_are_the_same_every_time_and_have_no_duplicates():
    first = sample_cases(st.integers(0, 5), 100)
    assert first == sample_cases(st.integers(0, 5), 100)
    assert sorted(first) == [(n,) for n in range(6)]  # six distinct values, each once
    assert len(sample_cases(st.integers(), 30)) <= 30


def test_the_alarm_counts_cpu_time_interrupts_a_loop_and_can_be_disarmed():
    from sva.trust.worker.timer import cpu_seconds

    alarm = Alarm()
    started = cpu_seconds()
    alarm.arm(0.2)
    with pytest.raises(TimeBudgetExceeded):
        try:
            while True:
                pass
        finally:
            alarm.disarm()
    # it fired once the loop had spent about its CPU budget: the kernel charges ITIMER_PROF by
    # scheduler ticks, so it can fire a tick or two (4-10 ms each) before process_time reads 0.2
    assert cpu_seconds() - started >= 0.15
    alarm.arm(0.05)
    alarm.disarm()
    time.sleep(0.1)  # disarmed: nothing fires
    alarm.arm(0.05)
    try:
        time.sleep(0.2)  # waiting spends no CPU: the budget is not spent (the sandbox's wall clock is for this)
    finally:
        alarm.disarm()


def _outer():
    def inner():
        return [lambda: 0 for _ in range(1)]
    return inner


class _Holder:
    def method(self):
        return (lambda: 1).__code__


def test_unit_names_drop_locals_and_fold_lambdas_into_their_function():
    assert unit_qualname(_outer.__code__) == "_outer"
    assert unit_qualname(_outer().__code__) == "_outer.inner"
    lambda_code = _outer()()[0].__code__
    assert lambda_code.co_qualname == "_outer.<locals>.inner.<locals>.<listcomp>.<lambda>"
    assert unit_qualname(lambda_code) == "_outer.inner"
    assert unit_qualname(_Holder().method()) == "_Holder.method"
    assert unit_qualname(compile("x = 1", "m.py", "exec")) is None


_COUNT_EVENTS = """
import sys
from pathlib import Path
from sva.trust.worker.loading import prepare_machinery
from sva.trust.protocol import CheckSettings, WorkerRequest
if sys.argv[1] == "prepared":
    prepare_machinery(Path.cwd(), WorkerRequest("m.py", (), None, None, CheckSettings(1, 1, 1.0)), shrink=True)
from hypothesis import strategies as st
events = 0
def count(frame, event, arg):
    global events
    events += 1
    if events > 1_000_000:
        sys.setprofile(None)
sys.setprofile(count)
st.text().validate()
st.characters().validate()
sys.setprofile(None)
print(events)
"""


@pytest.mark.parametrize("mode", ["prepared", "copied", "bare"])
def test_hypothesis_character_tables_are_built_before_any_test_is_traced(mode, tmp_path):
    """A first ``text()`` strategy tabulates every code point: 31 million profile events in a
    fresh folder (9.8 s of CPU under the baseline's tracers, a passing test timed out in CI).
    With the tables ``sandbox_files`` copies in, it is a quarter of a million (reading them back);
    after ``prepare_machinery``, which reads them before any clock, a few hundred."""
    if mode == "copied":
        for name, data in table_files().items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_bytes(data)
    root = str(Path(__file__).resolve().parents[2])
    env = {key: value for key, value in os.environ.items() if not key.startswith("HYPOTHESIS")}
    env["PYTHONPATH"] = root
    done = subprocess.run([sys.executable, "-c", _COUNT_EVENTS, mode], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=True)
    events = int(done.stdout.split()[-1])
    if mode == "prepared":
        assert events < 5_000  # built: nothing left to do
    elif mode == "copied":
        assert events < 500_000  # read back from the files: 259,241 events
    else:
        assert events > 1_000_000  # neither: the tables are built under the tracer


def test_the_tables_are_built_once_and_then_read_from_the_cache_folder(tmp_path, monkeypatch):
    from sva.sandbox import hypothesis_tables as tables

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tables.table_files.cache_clear()
    try:
        built = tables.table_files()
        names = sorted(Path(name).name for name in built)
        assert names == ["charmap.json.gz", "codec-v2-utf-8.json.gz"]
        assert all(Path(name).parts[:2] == PREFIX.parts for name in built)
        stored = sorted(path.name for path in (tmp_path / "sva" / "hypothesis-tables").rglob("*.json.gz"))
        assert stored == names
        tables.table_files.cache_clear()
        monkeypatch.setattr(tables, "_built", lambda: pytest.fail("built again although cached"))
        assert tables.table_files() == built
    finally:
        tables.table_files.cache_clear()


def test_every_trust_job_s_folder_holds_the_tables_and_the_project_s_files(tmp_path):
    from sva.trust.request import prepare, sandbox_files

    (tmp_path / "doubler.py").write_text("def double(x):\n    return 2 * x\n", encoding="utf-8")
    (tmp_path / "test_doubler.py").write_text("from doubler import double\n\n\ndef test_double():\n"
                                              "    assert double(2) == 4\n", encoding="utf-8")
    files = sandbox_files(prepare(tmp_path / "doubler.py", tests=[tmp_path / "test_doubler.py"]))
    assert files["doubler.py"] == "def double(x):\n    return 2 * x\n"
    assert {name: data for name, data in files.items() if name.startswith(str(PREFIX))} == table_files()
    assert len(table_files()) == 2
