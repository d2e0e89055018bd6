"""Trust in one warm sandbox per artifact gives the report separate cold jobs give.

The artifact below has mutants of each verdict: killed by a failing test (``i < n`` to
``i <= n``), killed by timeout (``i += 1`` to ``i -= 1`` never ends), and surviving (every
mutant of ``untested``, which no test executes). The report of :func:`sva.trust.evaluate`
warm (the default) equals the cold one field by field, timings aside.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from sva.trust import TrustConfig, evaluate, prepare
from sva.trust.assessment import preload_of

ARTIFACT = """\
def count_up(n):
    i = 0
    while i < n:
        i += 1
    return i


def untested(x):
    return x * 2
"""

TESTS = """\
from counter import count_up


def test_counts_to_five():
    assert count_up(5) == 5
"""


def _comparable(report) -> dict:
    data = asdict(report)
    data.pop("timings")
    for test in data["tests"]:
        test.pop("seconds")
    return data


@pytest.mark.slow
def test_the_warm_report_equals_the_cold_one_with_killed_surviving_and_timed_out_mutants(tmp_path: Path):
    (tmp_path / "counter.py").write_text(ARTIFACT, encoding="utf-8")
    (tmp_path / "test_counter.py").write_text(TESTS, encoding="utf-8")
    config = TrustConfig(test_seconds=2.0, mutant_timeout_floor=0.5)

    def report(warm: bool):
        return evaluate(prepare(tmp_path / "counter.py", tests=[tmp_path / "test_counter.py"]), config, warm=warm)

    cold, warm = report(False), report(True)
    assert _comparable(warm) == _comparable(cold)
    assert warm.mutants_killed is not None and 0 < warm.mutants_killed < warm.mutants_total
    assert warm.mutants_timeout is not None and warm.mutants_timeout >= 1
    assert any(survivor.unit == "untested" for survivor in warm.survivors)


def test_the_server_preloads_only_what_both_jobs_import_anyway(tmp_path: Path):
    (tmp_path / "counter.py").write_text(ARTIFACT, encoding="utf-8")
    (tmp_path / "test_counter.py").write_text(TESTS, encoding="utf-8")
    with_tests = preload_of(prepare(tmp_path / "counter.py", tests=[tmp_path / "test_counter.py"]))
    scan = "hypothesis.internal.conjecture.providers:_get_local_constants"
    assert with_tests == ("sva.trust.worker.jobs", "hypothesis", "pytest", "_pytest.runner", scan)
    from sva.families import all_specs

    spec = next(spec for spec in all_specs() if spec.name == "parity-3")
    from sva.trust.request import TrustInput

    alone = preload_of(TrustInput(tmp_path / "counter.py", ARTIFACT, spec, "count_up", ()))
    assert alone == ("sva.trust.worker.jobs", "hypothesis", "sva.families:spec_names", scan)
