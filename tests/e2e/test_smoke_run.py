"""The whole experiment on the smoke preset, as a user runs it: run, report, claims.

The claims are research findings, not gates: this test requires that they run and give a
verdict, and records the verdicts (printed, and in ``claims.json``) without requiring any.
"""

from __future__ import annotations

import json
import re

import pytest

CLAIMS = {"more_decomposable", "shorter_explanations", "tests_localize", "comprehensibility_tracks_trust",
          "comprehensibility_tracks_trust_within", "design_trusted", "explanation_tracks_trust", "search_smaller",
          "pressed_search_trusted",
          "simplified_generalise", "factorization_recovers", "auto_trusted", "auto_recovers_design",
          "auto_comprehensible"}
VERDICTS = {"supported", "contradicted", "undecided", "structural", "degenerate", "no data"}


@pytest.fixture(scope="module")
def smoke(tmp_path_factory, sva_module):
    out = tmp_path_factory.mktemp("smoke") / "results"
    result = sva_module("run", "--preset", "smoke", "--out", str(out))
    return out, result


@pytest.fixture(scope="module")
def sva_module():
    from tests.conftest import run_sva

    return run_sva


@pytest.mark.slow
def test_sva_run_on_the_smoke_preset_stores_every_cell_and_writes_the_report(smoke):
    out, result = smoke
    assert result.returncode == 0, result.stderr
    from sva.results.store import load_rows
    from sva.experiment.presets import get_preset

    preset = get_preset("smoke")
    rows = load_rows(out)
    # design is deterministic: one cell per spec; search: one per seed
    assert len(rows) == len(preset.spec_names()) * (1 + preset.seeds)
    assert {row["status"] for row in rows} == {"done"}, [(r["cell"], r["reason"]) for r in rows]
    last = result.stdout.strip().splitlines()[-1]
    assert last == f"report: {out / 'report' / 'report.html'}"
    html = (out / "report" / "report.html").read_text(encoding="utf-8")
    assert '<section id="answer">' in html
    pages = [path.read_text(encoding="utf-8") for path in sorted((out / "report").glob("*.html"))]
    assert sum(page.count("<svg") for page in pages) >= 4  # the main page and the pages it links
    assert not any(re.search(r"""(src|href)=["']https?://""", page) for page in pages)
    for row in rows:
        if row["family"] == "sorting":
            assert row["comparators"] >= row["best_known_comparators"] or not row["verified"]
            assert row["network"] and len(row["network"]) == row["comparators"]


@pytest.mark.slow
def test_sva_claims_runs_every_claim_and_records_the_verdicts(smoke, sva_module):
    out, result = smoke
    assert result.returncode == 0, result.stderr
    claims = sva_module("claims", "--results", str(out), "--json")
    assert claims.returncode == 0, claims.stderr
    recorded = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    names = {claim["name"] for claim in (recorded["claims"] if isinstance(recorded, dict) else recorded)}
    assert names == CLAIMS
    by_name = {claim["name"]: claim for claim in recorded["claims"]}
    # search's one function and no tests make these two facts of construction, not findings
    for name in ("more_decomposable", "tests_localize"):
        assert (by_name[name]["kind"], by_name[name]["says"]) == ("structural", "by construction")
    # design runs once per spec: 3 design cells and 6 search cells, no copies
    pooled = by_name["comprehensibility_tracks_trust"]["numbers"]
    assert pooled["artifacts"] <= pooled["cells"] == 9
    print("\nclaims on the smoke preset (recorded, not required):\n" + claims.stdout)
