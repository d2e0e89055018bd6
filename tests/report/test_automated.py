"""sva.report.automated: the section "Automated design against search", from the claims' records."""

from __future__ import annotations

import pytest

from sva.report.automated import automated_section
from sva.report.build import build_report
from sva.results.claims import claim
from sva.results.matching import match_claim
from sva.results.trustclaim import trust_claim


def _row(spec, family, generator, seed, **fields):
    sha = f"{spec}-{generator}" if generator in ("design", "design-auto") else f"{spec}-{generator}-{seed}"
    return {"cell": f"{spec}/{generator}/seed-{seed}", "config_hash": "c0", "spec": spec, "family": family,
            "generator": generator, "seed": seed, "status": "done", "sha256": sha, **fields}


def _rows(families=(("feynman", 8, 1.0), ("boolean", 4, 0.5))):
    """Per family, ``count`` specs: design 1.0, design-auto ``held`` (100 evaluations), search's three
    runs 0.6 (17,000 evaluations; design-auto spends 20,000 on the family's first spec)."""
    rows = []
    for family, count, held in families:
        for k in range(count):
            spec = f"{family}-{k}"
            rows.append(_row(spec, family, "design", 0, held_out_pass_rate=1.0, explanation_length=30 + k))
            rows.append(_row(spec, family, "design-auto", 0, held_out_pass_rate=held, explanation_length=35 + k,
                             search_evaluations=20_000 if k == 0 else 100))
            rows += [_row(spec, family, "search", seed, held_out_pass_rate=0.6, training_pass_rate=1.0,
                          explanation_length=40 + seed, search_evaluations=17_000) for seed in range(3)]
    return rows


def _results(rows):
    specs = list(dict.fromkeys(row["spec"] for row in rows))
    return [trust_claim(claim(name), rows, specs, 0) for name in ("auto_trusted", "auto_comprehensible")] + [
        match_claim(claim("auto_recovers_design"), rows, specs, 0)]


def test_the_table_is_the_claims_records_overall_at_matched_budgets_and_per_family():
    results = _results(_rows())
    section = automated_section(results)
    assert section.title == "Automated design against search" and section.head[5:7] == ("design-auto", "search")
    scopes = [(row[0], row[1]) for row in section.rows]
    assert scopes == [("every spec", "held-out pass rate"), ("every spec", "held-out pass rate at matched budgets"),
                      ("feynman", "held-out pass rate"), ("boolean", "held-out pass rate")]
    overall, matched, feynman, boolean = section.rows
    held = results[0].numbers["differences"][0]
    assert overall[4:8] == (12, held.first, pytest.approx(0.6), held.mean) and overall[7] == pytest.approx((8 * 0.4 - 4 * 0.1) / 12)
    assert overall[2:4] == (held.verdict, held.direction) and matched[4] == 10  # the first spec of each family spent more
    assert feynman[2:4] == ("supported", "design-auto more trusted") and boolean[7] == pytest.approx(-0.1)
    assert boolean[2] == "contradicted" and boolean[3].startswith("search at least as trusted")
    assert ("Budgets (evaluations spent): on feynman design-auto spent a median 0.00588 times search's evaluations "
            "over 8 specs (search spent more); design-auto spent more than search on 1 spec: feynman-0") in section.intro
    assert "Against hand design, held-out pass rate [undecided]: design-auto at least as trusted as design on 8 of 12" in section.intro
    assert "Comprehensibility: explanation length E [supported: design-auto more comprehensible]" in section.intro


def test_no_section_without_design_auto():
    rows = [row for row in _rows() if row["generator"] != "design-auto"]
    assert automated_section(_results(rows)) is None


def test_the_report_shows_the_section(tmp_path):
    files = build_report(tmp_path, tmp_path / "report", rows=_rows((("feynman", 8, 1.0),)))
    markdown = (files.out_dir / "specs.md").read_text()
    assert "## Automated design against search" in markdown
    assert "| every spec | held-out pass rate | supported | design-auto more trusted | 8 | 1 | 0.6 | 0.4 |" in markdown
    assert 'id="automated"' in (files.out_dir / "specs.html").read_text()
    # the main page compares design-auto with search beside design, when the run has it
    main = files.markdown.read_text()
    assert "### Automated design is trusted more than search: **supported**" in main
    assert ("| held-out pass rate (higher is better) | 1 | 0.6 | +0.40 [+0.40, +0.40] | 8 | supported design-auto more "
            "trusted |") in main
