"""sva.results.headline: each claim in one line, read from the numbers the verdicts already hold."""

from __future__ import annotations

from hypothesis import given, strategies as st

from sva.results.claims import evaluate_claims
from sva.results.headline import Headline, claim_headlines, effect_text, headlines, line, overall

from tests.results.test_claims import _row


def _rows(held=(0.5, 0.6, 0.7, 0.8, 0.9, 0.4, 0.55, 0.65)):
    """Two families; design passes every held-out case, search's runs less; longer search
    explanations hold up worse within each spec."""
    rows = []
    for index, value in enumerate(held):
        family = "boolean" if index % 2 else "sorting"
        spec = f"p-{index}"
        rows.append(_row(spec, "design", 0, family=family, held_out_pass_rate=1.0, explanation_length=30))
        for seed in range(4):
            rows.append(_row(spec, "search", seed, family=family, held_out_pass_rate=value - 0.1 * seed,
                             explanation_length=40 + 10 * seed))
    return rows


def _by_name(rows):
    return {result.name: result for result in evaluate_claims(rows)}


def test_trust_headline_is_the_primary_difference_with_its_interval():
    results = _by_name(_rows())
    found = overall(results["design_trusted"])
    primary = results["design_trusted"].numbers["differences"][0]
    assert (found.effect, found.low, found.high) == (primary.mean, primary.interval.low, primary.interval.high)
    assert found.specs == 8 and found.verdict == results["design_trusted"].verdict
    assert found.direction == "design more trusted" and found.better == "higher" and found.claimed == 1
    assert found.measure == "held-out pass rate" and found.confirmatory


def test_correlation_headline_reads_the_within_spec_rho():
    results = _by_name(_rows())
    found = overall(results["explanation_tracks_trust"])
    within = results["explanation_tracks_trust"].numbers["correlations"][0]["within"]
    assert found.effect == within["rho"] and found.effect < 0 and found.specs == within["strata"]
    assert found.claimed == -1 and found.direction.startswith("lower explanation length E with higher")


def test_comparison_headline_has_an_interval_per_family():
    results = _by_name(_rows())
    rows = claim_headlines(results["shorter_explanations"])
    assert [row.family for row in rows] == ["", "sorting", "boolean"]
    # design 30 tokens against search's median 55: -25 on every spec, design shorter (lower is better)
    assert all(row.effect == -25 and row.low == -25 and row.high == -25 for row in rows)
    assert rows[0].direction == "favours design" and rows[0].better == "lower" and rows[1].specs == 4


def test_no_data_says_why_and_invents_no_figure():
    found = overall(_by_name(_rows())["auto_trusted"])
    assert found.verdict == "no data" and found.effect is None and found.low is None
    assert "design-auto" in line(found) and "[" not in line(found)


def test_confirmatory_only_keeps_the_four_and_their_families():
    found = headlines(evaluate_claims(_rows()), confirmatory_only=True)
    assert list(dict.fromkeys(row.claim for row in found)) == ["shorter_explanations", "design_trusted",
                                                              "explanation_tracks_trust", "auto_trusted"]
    assert all(row.confirmatory for row in found)


def test_line_is_short_and_says_which_side_is_better():
    for found in headlines(evaluate_claims(_rows()), confirmatory_only=True):
        text = line(found)
        assert len(text) <= 170 and "\n" not in text, text
        if found.effect is not None:
            assert effect_text(found) in text and found.better in ("higher", "lower")


@given(st.floats(-5, 5), st.floats(0, 5), st.floats(0, 5))
def test_effect_text_keeps_the_interval_around_the_effect(effect, below, above):
    found = Headline("c", "C", False, "undecided", "", "m", "higher", "", effect, effect - below, effect + above, 3)
    text = effect_text(found)
    shown = [float(part) for part in text.replace("[", "").replace("]", "").replace(",", " ").split()]
    assert shown[1] <= shown[0] <= shown[2]
