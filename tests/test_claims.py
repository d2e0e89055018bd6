"""analyzer.results.claims, the benchmarks/claims tests and ``sva claims`` on synthetic results."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from analyzer.results.claims import claim, claims, evaluate_claims
from analyzer.results.store import store_rows
from analyzer.results.stats import holm

from conftest import ROOT


def _row(spec, generator, seed, family="boolean", status="done", **fields):
    return {"cell": f"{spec}/{generator}/seed-{seed}", "config_hash": "c0", "spec": spec, "family": family,
            "generator": generator, "seed": seed, "status": status, **fields}


def _table(specs=("parity-3", "parity-4", "mux-6"), seeds=5, *, search_decomposability=None):
    """Design clearly better on D, E and localization, bigger on A; search unverified on seeds 3, 4."""
    rows = []
    for spec in specs:
        for seed in range(seeds):
            rows.append(_row(spec, "design", seed, decomposability=0.8, explanation_length=30, localization=0.6,
                             audit_length=60, verified=True, generate_seconds=0.01))
            rows.append(_row(spec, "search", seed,
                             decomposability=(search_decomposability or [0.0, 0.0, 0.1, 0.0, 0.0])[seed],
                             explanation_length=40 + seed, localization=0.0, audit_length=20 + seed,
                             verified=seed < 3, search_success=seed < 3, search_evaluations=1000 * (seed + 1),
                             generate_seconds=1.0 + seed))
    return rows


def _results(rows):
    return {result.name: result for result in evaluate_claims(rows)}


def test_registry_names_and_directions():
    assert [entry.name for entry in claims()] == ["more_decomposable", "shorter_explanations", "tests_localize",
                                                "comprehensibility_tracks_trust", "search_smaller"]
    assert claim("more_decomposable").sign("decomposability") == 1
    assert claim("shorter_explanations").sign("explanation_length") == -1
    assert claim("search_smaller").sign("audit_length") == 1  # search lower: design - search > 0
    tracks = claim("comprehensibility_tracks_trust")
    assert (tracks.kind, tracks.sign("decomposability"), tracks.sign("explanation_length")) == ("correlation", 1, -1)
    assert "not measured" in claim("search_smaller").statement
    with pytest.raises(KeyError, match="known"):
        claim("nope")


def test_search_smaller_reads_the_families_registered_when_claims_are_built(monkeypatch):
    import analyzer.results.fields as fields
    from analyzer.core.family import Family

    class Widgets(Family):
        name = "widgets"
        size_fields = ("widgets",)

    assert "widgets" not in claim("search_smaller").metrics
    registered = fields.all_families()
    monkeypatch.setattr(fields, "all_families", lambda: (*registered, Widgets()))
    assert claim("search_smaller").metrics[-1] == "widgets"
    assert claims()[-1].metrics == ("audit_length", *fields.family_size_metrics())


def test_supported_per_spec_and_overall():
    results = _results(_table())
    decomposable = results["more_decomposable"]
    assert decomposable.verdict == "supported"
    assert [verdict.verdict for verdict in decomposable.specs] == ["supported"] * 3
    numbers = decomposable.numbers["metrics"]["decomposability"]
    assert (numbers["pairs"], numbers["specs_supported"], numbers["delta"]) == (15, 3, 1.0)
    assert numbers["median_paired_difference"] == pytest.approx(0.8)
    assert "on 3 of 3 specs" in decomposable.sentence and "15 seed pairs" in decomposable.sentence
    parity = decomposable.spec("parity-3")
    assert parity.numbers["metrics"]["decomposability"]["delta"] == 1.0
    assert parity.sentence.startswith("On parity-3, the claim that design artifacts are more decomposable is "
                                      "supported: ")
    for name in ("shorter_explanations", "tests_localize", "search_smaller"):
        assert results[name].verdict == "supported", results[name].sentence


def test_overall_holm_runs_across_the_claims():
    results = _results(_table())
    tests = [(name, metric, results[name].numbers["metrics"][metric])
             for name in ("more_decomposable", "shorter_explanations", "tests_localize", "search_smaller")
             for metric in results[name].numbers["metrics"]]
    # comparators has no pairs (no sorting spec): untestable, so the family is the other four
    assert [metric for _, metric, _ in tests] == ["decomposability", "explanation_length", "localization",
                                                  "audit_length", "comparators"]
    raw = [numbers["p_value"] for _, _, numbers in tests]
    assert raw[-1] is None
    adjusted = [numbers["p_holm"] for _, _, numbers in tests]
    assert adjusted[-1] is None
    assert adjusted[:-1] == pytest.approx(holm(raw[:-1]))
    # the smallest of the four raw p-values is multiplied by the family size, 4
    smallest = min(raw[:-1])
    assert adjusted[raw.index(smallest)] == pytest.approx(4 * smallest)


def test_contradicted_when_search_is_more_decomposable():
    rows = _table(search_decomposability=[0.9, 0.95, 0.9, 0.92, 0.97])
    result = _results(rows)["more_decomposable"]
    assert [verdict.verdict for verdict in result.specs] == ["contradicted"] * 3
    assert result.verdict == "contradicted"
    assert "supported on 0 of 3 specs" in result.sentence


def test_inconclusive_when_the_groups_overlap():
    # delta = (10 - 10) / 25 = 0 on every spec; paired differences +0.8 / -0.2 do not agree
    rows = _table(search_decomposability=[0.0, 0.0, 1.0, 1.0, 0.8])
    result = _results(rows)["more_decomposable"]
    assert [verdict.verdict for verdict in result.specs] == ["inconclusive"] * 3
    assert result.verdict == "inconclusive"


def test_large_delta_with_an_interval_touching_zero_is_inconclusive():
    # design [1] x 5 against search [0, 0, 0, 0, 1]: delta 0.8 is large, but the interval is [0, 1]
    rows = [_row("p", "design", seed, localization=1.0) for seed in range(5)]
    rows += [_row("p", "search", seed, localization=float(seed == 4)) for seed in range(5)]
    verdict = _results(rows)["tests_localize"].spec("p")
    numbers = verdict.numbers["metrics"]["localization"]
    assert (numbers["delta"], numbers["magnitude"]) == (0.8, "large")
    assert (numbers["difference"]["low"], numbers["difference"]["high"]) == (0.0, 1.0)
    assert verdict.verdict == "inconclusive"


def test_no_data_when_nothing_is_measured_or_a_generator_is_missing():
    rows = [row for row in _table() if not (row["spec"] == "mux-6" and row["generator"] == "search")]
    for row in rows:
        row["localization"] = None
    results = _results(rows)
    assert results["tests_localize"].verdict == "no data"
    assert all(verdict.verdict == "no data" for verdict in results["tests_localize"].specs)
    mux = results["more_decomposable"].spec("mux-6")
    assert mux.verdict == "no data" and "no search artifact" in mux.sentence
    # failed cells never count: no spec, no verdict beyond "no data"
    failed = [_row("q", generator, 0, status="failed", decomposability=1.0) for generator in ("design", "search")]
    assert all(result.verdict == "no data" and result.specs == () for result in _results(failed).values())


def test_search_smaller_adds_comparators_on_sorting_specs():
    rows = []
    for seed in range(5):
        rows.append(_row("sort-6", "design", seed, family="sorting", audit_length=200, comparators=12))
        rows.append(_row("sort-6", "search", seed, family="sorting", audit_length=150 + seed,
                         comparators=14 + seed % 2, search_evaluations=500, generate_seconds=2.0,
                         search_success=True))
    result = _results(rows)["search_smaller"]
    verdict = result.spec("sort-6")
    assert verdict.numbers["metrics"]["audit_length"]["verdict"] == "supported"
    assert verdict.numbers["metrics"]["comparators"]["verdict"] == "contradicted"  # search needs more
    assert verdict.verdict == "inconclusive"
    assert verdict.numbers["search_cost"] == {"artifacts": 5, "median_evaluations": 500.0,
                                              "median_generate_seconds": 2.0, "successes": 5, "runs": 5}
    assert "500 evaluations" in verdict.sentence and "human cost is not measured" in verdict.sentence


def test_comprehensibility_tracks_trust_supported_and_contradicted():
    # ten specs' worth of artifacts: decomposable ones verified, monoliths not
    rows = []
    for index in range(20):
        good = index % 2 == 0
        rows.append(_row(f"s{index % 4}", "design" if good else "search", index,
                         decomposability=0.5 + index / 100 if good else index / 100,
                         explanation_length=30 + index if good else 80 + index, verified=good))
    result = _results(rows)["comprehensibility_tracks_trust"]
    assert result.verdict == "supported", result.sentence
    calls = {(entry["metric"], entry["outcome"]): entry["call"] for entry in result.numbers["correlations"]}
    assert calls == {("decomposability", "verified"): "for", ("explanation_length", "verified"): "for"}
    assert "held-out pass rate not measured" in result.sentence
    for row in rows:
        row["verified"] = not row["verified"]
    assert _results(rows)["comprehensibility_tracks_trust"].verdict == "contradicted"


def test_comprehensibility_tracks_trust_no_data_when_every_artifact_is_verified():
    rows = _table()
    for row in rows:
        row["verified"] = True
    result = _results(rows)["comprehensibility_tracks_trust"]
    assert result.verdict == "no data"
    assert "every artifact verified" in result.sentence
    assert all(verdict.verdict == "no data" for verdict in result.specs)


def test_results_are_json_and_reproducible():
    first = [result.as_json() for result in evaluate_claims(_table(), seed=3)]
    again = [result.as_json() for result in evaluate_claims(_table(), seed=3)]
    assert json.loads(json.dumps(first)) == again
    assert set(first[0]) == {"name", "statement", "verdict", "sentence", "numbers", "specs"}


# --- the claims tests and the command, on a synthetic results database ------------------------

@pytest.fixture(scope="module")
def results_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("results")
    store_rows(folder, _table(), preset="smoke")
    return folder


def _pytest_claims(*args, env=None):
    return subprocess.run([sys.executable, "-m", "pytest", "benchmarks/claims", "-q", "-p", "no:cacheprovider", *args],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


def test_benchmark_claims_pass_and_fail_as_evaluated(results_dir):
    process = _pytest_claims("--results", str(results_dir), "-rA")
    # 5 overall + 5 x 3 specs: over 30 artifacts comprehensibility tracks trust, but on one spec's
    # 10 artifacts Holm leaves rho(D, verified) = +0.58 at p = 0.08: those 3 fail, the other 17 pass
    assert process.returncode == 1, process.stdout
    assert re.search(r"\b3 failed, 17 passed\b", process.stdout), process.stdout
    assert ("FAILED benchmarks/claims/test_claims.py::test_claim_on_spec[comprehensibility_tracks_trust-parity-3]"
            in process.stdout)
    assert "On parity-3, the claim that comprehensibility goes with trust is inconclusive" in process.stdout


def test_benchmark_claims_need_a_database(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "SVA_RESULTS"}
    process = _pytest_claims(env=env)
    assert process.returncode == 2
    assert "no results database: pass --results DIR or set SVA_RESULTS" in process.stdout
    missing = _pytest_claims(env={**env, "SVA_RESULTS": str(tmp_path)})
    assert missing.returncode == 2 and "no results database here" in missing.stdout


def test_sva_claims_prints_and_writes(results_dir, sva):
    process = sva("claims", "--results", str(results_dir))
    assert process.returncode == 0, process.stderr
    lines = process.stdout.splitlines()
    assert re.match(r"more_decomposable\s+holds\s+Overall, the claim that design artifacts are more decomposable "
                    r"is supported", lines[0])
    assert any(re.match(r"  parity-3\s+does not hold\s+On parity-3, the claim that comprehensibility", line)
               for line in lines)
    assert "claims: 5 of 5 hold overall; on specs: 12 hold, 3 do not, 0 no data" in process.stdout
    document = json.loads((results_dir / "claims.json").read_text())
    assert [entry["name"] for entry in document["claims"]] == [entry.name for entry in claims()]
    first = document["claims"][0]
    assert (first["holds"], first["verdict"], len(first["specs"])) == ("holds", "supported", 3)
    assert first["numbers"]["metrics"]["decomposability"]["pairs"] == 15
    as_json = sva("claims", "--results", str(results_dir), "--json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout)["claims"] == document["claims"]


def test_sva_claims_exit_statuses(tmp_path, sva):
    missing = sva("claims", "--results", str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and "no results database here" in missing.stderr
    empty = tmp_path / "empty"
    store_rows(empty, [])
    nothing = sva("claims", "--results", str(empty))
    assert nothing.returncode == 1 and "no done cell" in nothing.stderr
    bad = sva("claims", "--frobnicate")
    assert bad.returncode == 2 and bad.stderr.startswith("sva: unrecognized arguments: --frobnicate")
