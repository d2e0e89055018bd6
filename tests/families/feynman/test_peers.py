"""The Feynman report's comparison table (:mod:`sva.families.feynman.peers`) from rows alone, and
the file ``benchmarks/bench_symreg.py --judged`` writes read back by it."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from sva.families import get_family
from sva.families.feynman import peers
from sva.families.feynman.peers import comparison_section, solution_rate
from tests.conftest import ROOT, load_benchmark


def _row(spec, generator, seed, symbolic, r2, accuracy=None, evaluations=None, sha=None):
    row = {"spec": spec, "generator": generator, "seed": seed, "symbolic_solution": symbolic, "r2_held_out": r2,
           "units_kept": True, "search_evaluations": evaluations, "sha256": sha or f"{spec}/{generator}/{seed}",
           "config": {"generator": {"population_size": 400, "generations": 50}} if evaluations else {}}
    if accuracy is not None:
        row["accuracy_solution"] = accuracy
    return row


def test_rate_is_the_mean_over_specs_of_the_share_of_seeds():
    rows = ([_row("A", "search", seed, seed < 2, 0.5) for seed in range(5)]
            + [_row("B", "search", seed, True, 1.0) for seed in range(5)])
    assert solution_rate(rows, lambda row: row["symbolic_solution"]) == pytest.approx((0.4 + 1.0) / 2)
    assert solution_rate([], lambda row: True) is None


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABC"), st.booleans()), min_size=1, max_size=30))
def test_rate_lies_between_the_worst_and_best_spec(pairs):
    rows = [{"spec": spec, "ok": ok} for spec, ok in pairs]
    shares = [sum(r["ok"] for r in rows if r["spec"] == s) / sum(r["spec"] == s for r in rows)
              for s in {r["spec"] for r in rows}]
    rate = solution_rate(rows, lambda row: row["ok"])
    assert min(shares) - 1e-12 <= rate <= max(shares) + 1e-12


def test_accuracy_is_the_judges_field_when_present_else_r2_above_0_999():
    rows = [_row("A", "search", 0, False, 0.9995), _row("A", "search", 1, False, 0.999),
            _row("B", "search", 0, False, 1.0, accuracy=False), _row("B", "search", 1, False, None)]
    section = comparison_section(rows)
    (search,) = [row for row in section.rows if row[0] == "search"]
    assert search[-1] == pytest.approx((0.5 + 0.0) / 2)  # 0.999 itself is not above 0.999
    assert search[-2] == 0.0


@pytest.fixture
def no_bench(monkeypatch, tmp_path):
    monkeypatch.setattr(peers, "GPLEARN_HERE", tmp_path / "missing.json")


def test_table_has_our_generators_then_the_published_rates_with_their_budget(no_bench):
    rows = [_row("A", "design", seed, True, 1.0, sha="one") for seed in range(3)] + \
           [_row("A", "search", seed, seed == 0, 0.9999, evaluations=1000 + seed) for seed in range(3)]
    section = comparison_section(rows)
    assert section.anchor == "feynman-srbench"
    names = [row[0] for row in section.rows]
    assert names[:2] == ["design", "search"]
    design, search = section.rows[0], section.rows[1]
    assert "reference" in design[1] and design[4] == "3 (1)"  # three cells, one artifact
    assert search[2] == "at most 20,400 evaluations (median 1,001 spent)"
    assert search[5] == pytest.approx(1 / 3) and search[6] == 1.0
    published = json.loads(peers.PUBLISHED.read_text())
    by_name = {row[0]: row for row in section.rows}
    for method in published["methods"]:
        row = by_name[f"{method['method']} (published)"]
        assert (row[5], row[6]) == (method["symbolic_solution_rate"], method["accuracy_solution_rate"])
        assert "not ours" in row[1] and "not ours" in row[2]
    assert by_name["AI Feynman (published)"][5] == 0.558 and by_name["gplearn (published)"][6] == 0.328
    assert "no results yet" in section.intro and "500,000 evaluations" in section.intro
    assert comparison_section([]) is None


def _bench_module():
    return load_benchmark("symreg_judged")


def test_the_benchmarks_file_is_read_over_this_runs_specs_only(monkeypatch, tmp_path):
    bench = _bench_module()
    run = bench.JudgedRun
    runs = [run("A", 0, "search", 800, 0.1, "x", 1.0, True, True), run("A", 0, "gplearn", 1200, 2.0, "x", 1.0, True, True),
            run("A", 1, "gplearn", 20400, 9.0, "y", 0.5, False, False),
            run("Z", 0, "gplearn", 20400, 9.0, "z", 1.0, True, True)]  # a spec this run does not have
    path = tmp_path / "gplearn_here.json"
    bench.write_judged(path, runs, seeds=2)
    monkeypatch.setattr(peers, "GPLEARN_HERE", path)
    section = comparison_section([_row("A", "search", 0, True, 1.0, evaluations=500)])
    by_name = {row[0]: row for row in section.rows}
    gplearn = by_name["gplearn"]
    assert gplearn[3] == 1 and gplearn[4] == "2 (2)"  # spec Z left out
    assert (gplearn[5], gplearn[6]) == (0.5, 0.5)
    assert gplearn[2] == "at most 20,400 evaluations (median 10,800 spent)"
    assert [row[0] for row in section.rows][:3] == ["search", "search", "gplearn"]
    versions = json.loads(path.read_text())["versions"]
    assert f"gplearn {versions['gplearn']} and our search as benchmarks/bench_symreg.py ran them (2 seeds per spec" in section.intro
    summary = bench.judged_summary(runs)["generators"]["gplearn"]
    assert summary["symbolic_solution_rate"] == pytest.approx((0.5 + 1.0) / 2)  # A: 1 of 2, Z: 1 of 1


def test_the_family_has_both_tables_in_the_report(no_bench):
    sections = get_family("feynman").report_sections([_row("feynman-I.12.1", "search", 0, True, 1.0, evaluations=400)])
    assert [section.anchor for section in sections] == ["feynman", "feynman-srbench"]
