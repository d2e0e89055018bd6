"""``docs/results.md`` is generated from the committed run (``runs/default``), never by hand.

:func:`sva.report.resultsdoc.render_results` turns result rows into the Markdown; these tests
check that the committed file is what the committed database gives, that its numbers are the
rows' (computed here with plain Python, not through the module), that row order does not
change a byte, that ``sva report`` writes it beside the report, and that the README's headline
lines are the document's confirmatory lines.
"""

from __future__ import annotations

import random
from pathlib import Path
from statistics import median

import pytest

from sva.report import build_report
from sva.report.resultsdoc import render_results, results_doc
from sva.results.order import canonical_order
from sva.results.programs import with_programs
from sva.results.store import load_rows

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "runs" / "default"
#: one spec of each family: a small run whose document takes seconds
SMALL = ("parity-3-half", "sort-4", "feynman-I.12.1", "psb-smallest")


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return with_programs(load_rows(RUN), RUN)


@pytest.fixture(scope="module")
def doc() -> str:
    return results_doc(RUN)


def _row_of(text: str, spec: str) -> list[str]:
    """The cells of the per-spec table's line for ``spec``."""
    found = [line for line in text.splitlines() if line.startswith(f"| {spec} | ") and " / " in line]
    assert len(found) == 1, found
    return [cell.strip() for cell in found[0].strip("|").split("|")]


@pytest.mark.slow
def test_committed_results_doc_is_what_the_committed_run_gives(doc):
    committed = (ROOT / "docs" / "results.md").read_text(encoding="utf-8")
    if committed != doc:
        pytest.fail("docs/results.md differs from what runs/default/results.sqlite gives: run `make results-doc`",
                    pytrace=False)


@pytest.mark.slow
def test_header_names_the_run(doc, rows):
    finished = max(str(row["finished_at"]) for row in rows)
    assert f"Preset default: {len(rows)} cells ({len(rows)} done, 0 failed)" in doc
    assert f"finished at {finished}." in doc
    assert "holding 464 distinct programs" in doc  # 540 cells, fewer programs: copies counted once


@pytest.mark.slow
def test_spec_rows_are_the_rows_medians_and_counts(doc, rows):
    search = [row for row in rows if row["spec"] == "sort-16" and row["generator"] == "search"]
    design = [row for row in rows if row["spec"] == "sort-16" and row["generator"] == "design"]
    cells = _row_of(doc, "sort-16")
    e_design, e_search = median(r["explanation_length"] for r in design), median(r["explanation_length"] for r in search)
    assert cells[2] == f"{e_design:.0f} / {e_search:.0f}"  # E design / search
    parity = [row for row in rows if row["spec"] == "parity-6" and row["generator"] == "search"]
    verified = sum(1 for row in parity if row["verified"])
    solved = sum(1 for row in parity if row["search_success"])
    assert (verified, solved) == (2, 5)  # the run's own figures, so the next lines test the document
    assert _row_of(doc, "parity-6")[7] == f"1/1 / {verified}/{len(parity)}"
    assert _row_of(doc, "parity-6")[9] == f"{solved}/{len(parity)}"


@pytest.mark.slow
def test_confirmatory_claims_are_marked_with_their_verdicts(doc):
    lines = [line for line in doc.splitlines() if line.startswith("- **Confirmatory.**")]
    assert len(lines) >= 3
    trusted = next(line for line in lines if "trusted more than search artifacts" in line)
    assert ": supported;" in trusted and "held-out pass rate +0.17" in trusted


def test_readme_headline_is_the_documents_confirmatory_lines():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- headline:", 1)[1].split("<!-- end headline -->", 1)[0].splitlines()[1:]
    committed = (ROOT / "docs" / "results.md").read_text(encoding="utf-8").splitlines()
    expected = [line for line in committed if line.startswith("- **Confirmatory.**")]
    assert expected, "docs/results.md has no confirmatory line"
    if [line for line in block if line.strip()] != expected:
        pytest.fail("README.md's headline lines differ from docs/results.md's confirmatory lines: copy them after "
                    "`make results-doc`", pytrace=False)


def test_row_order_changes_no_byte(rows):
    small = [row for row in rows if row["spec"] in SMALL]
    assert len(small) == 4 * 12
    first = render_results(small, preset="default")
    shuffled = list(small)
    random.Random(7).shuffle(shuffled)
    assert canonical_order(shuffled) == canonical_order(small)
    assert render_results(list(reversed(small)), preset="default") == first
    assert render_results(shuffled, preset="default") == first


@pytest.mark.slow
def test_sva_report_writes_results_md_beside_the_report(rows, tmp_path, monkeypatch):
    import sva.report.build as build
    import sva.report.resultsdoc as resultsdoc

    small = [row for row in rows if row["spec"] in SMALL]
    calls = []
    evaluate = build.evaluate_claims
    monkeypatch.setattr(build, "evaluate_claims", lambda *a, **k: calls.append("report") or evaluate(*a, **k))
    monkeypatch.setattr(resultsdoc, "evaluate_claims", lambda *a, **k: calls.append("results") or evaluate(*a, **k))
    files = build_report(RUN, tmp_path / "report", rows=small)
    assert calls == ["report"]  # the results tables reuse the report's claims, evaluated once
    monkeypatch.undo()
    assert files.results == tmp_path / "report" / "results.md"
    written = files.results.read_text(encoding="utf-8")
    assert written == render_results(small)  # rows handed in: the preset comes from their configuration (none)
    assert "| sort-4 | " in written and "## Design against search, per spec" in written
