"""Automated design against search and against hand design: sva.results.trustclaim (two-sided between
any two generators), .budgets, .matching and the claims auto_trusted, auto_recovers_design and
auto_comprehensible, on synthetic rows whose verdict each test sets."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from sva.families import all_families
from sva.results.budgets import Budget, family_budgets, matched_specs, spec_budgets
from sva.results.claims import claim, evaluate_claims
from sva.results.matching import match_claim, share_of
from sva.results.sentences import budget_part
from sva.results.stats import wilson
from sva.results.trustclaim import MARGIN, by_construction, difference, judged, trust_claim
from sva.results.verdicts import ALPHA, CONFIRMATORY_ALPHA, plain

OUTCOMES = ("held_out_pass_rate", "shift_pass_rate", "trusted", "symbolic_solution")


def _row(spec, generator, seed, family="feynman", **fields):
    sha = f"{spec}-{generator}" if generator in ("design", "design-auto") else f"{spec}-{generator}-{seed}"
    return {"cell": f"{spec}/{generator}/seed-{seed}", "config_hash": "c0", "spec": spec, "family": family,
            "generator": generator, "seed": seed, "status": "done", "sha256": sha, **fields}


def _auto(held, search, specs=12, family="feynman", evaluations=(100, 1000), **extra):
    """``specs`` specs: design 1.0, design-auto ``held(k)``, search's four runs ``search(k, seed)``."""
    rows = []
    for k in range(specs):
        spec = f"{family}-{k}"
        rows.append(_row(spec, "design", 0, family, held_out_pass_rate=1.0, explanation_length=30,
                         decomposability=0.5 + 0.01 * k))
        rows.append(_row(spec, "design-auto", 0, family, held_out_pass_rate=held(k), search_evaluations=evaluations[0],
                         **{name: value(k) for name, value in extra.items()}))
        rows += [_row(spec, "search", seed, family, held_out_pass_rate=search(k, seed), training_pass_rate=1.0,
                      search_evaluations=evaluations[1], explanation_length=50 + seed, decomposability=0.0)
                 for seed in range(4)]
    return rows


def _n(result):
    """The result's numbers as ``claims.json`` holds them (the records as JSON)."""
    return plain(result.numbers)


def _judge(rows, name):
    """Claim ``name`` judged on ``rows`` by its own rule (what :func:`evaluate_claims` calls for it)."""
    entry = claim(name)
    rule = {"trust": trust_claim, "match": match_claim}[entry.kind]
    return rule(entry, rows, list(dict.fromkeys(row["spec"] for row in rows)), 0)


def test_evaluate_claims_judges_the_three_claims_on_automated_design():
    rows = _auto(lambda k: 1.0, lambda k, seed: 0.5, specs=5)
    results = {result.name: result for result in evaluate_claims(rows)}
    assert results["auto_trusted"].as_json() == _judge(rows, "auto_trusted").as_json()
    assert results["auto_recovers_design"].verdict == "supported"  # 5 of 5: [0.57, 1]
    assert results["auto_comprehensible"].verdict == "no data"  # design-auto's E not measured here


# --- auto_trusted: two-sided, confirmatory ------------------------------------------------------

def test_auto_trusted_is_confirmatory_two_sided_design_auto_against_search():
    entry = claim("auto_trusted")
    assert (entry.kind, entry.confirmatory, entry.sides) == ("trust", True, ("design-auto", "search"))
    assert entry.metrics == OUTCOMES and CONFIRMATORY_ALPHA == pytest.approx(0.05 / 4)


def test_design_auto_more_trusted_is_supported_and_not_by_construction():
    result = _judge(_auto(lambda k: 1.0, lambda k, seed: 0.5 + 0.02 * k), "auto_trusted")
    assert result.verdict == "supported", result.sentence
    first = _n(result)["differences"][0]
    assert first["direction"] == "design-auto more trusted" and first["sides"] == ["design-auto", "search"]
    assert first["p_value"] == pytest.approx(2 / 2 ** 12) and first["mean"] == pytest.approx(0.5 - 0.02 * 5.5)
    assert "by construction" not in result.sentence and _n(result)["by_construction"] == []
    assert result.kind == "empirical"


def test_search_more_trusted_contradicts():
    result = _judge(_auto(lambda k: 0.3 + 0.01 * k, lambda k, seed: 0.9), "auto_trusted")
    assert result.verdict == "contradicted", result.sentence
    assert _n(result)["differences"][0]["direction"] == "search more trusted"
    assert "[contradicted: search more trusted]: design-auto 0.35 vs search 0.90 over 12 specs" in result.sentence


def test_search_at_least_as_trusted_contradicts_without_significance():
    result = _judge(_auto(lambda k: 1.0 if k % 2 else 0.99, lambda k, seed: 1.0 if seed else 0.98), "auto_trusted")
    held = _n(result)["differences"][0]
    assert held["interval"]["high"] <= MARGIN and result.verdict == "contradicted"
    assert held["direction"] == "search at least as trusted (design-auto's advantage under 0.05)"


def test_undecided_when_the_specs_disagree():
    result = _judge(_auto(lambda k: 1.0 if k % 2 else 0.2, lambda k, seed: 0.6), "auto_trusted")
    assert result.verdict == "undecided", result.sentence


def test_every_outcome_and_the_symbolic_solution_per_family():
    rows = _auto(lambda k: 1.0, lambda k, seed: 0.5, shift_pass_rate=lambda k: 0.9, symbolic_solution=lambda k: k % 2)
    rows += _auto(lambda k: 0.4, lambda k, seed: 0.8, specs=6, family="boolean")
    for row in rows:
        if row["generator"] == "search":
            row.update(shift_pass_rate=0.5, symbolic_solution=0 if row["family"] == "feynman" else None)
    result = _judge(rows, "auto_trusted")
    by_metric = {entry["metric"]: entry for entry in _n(result)["differences"]}
    assert by_metric["symbolic_solution"]["specs"] == 12 and by_metric["symbolic_solution"]["mean"] == 0.5
    assert by_metric["shift_pass_rate"]["mean"] == pytest.approx(0.4)
    families = _n(result)["by_family"]
    assert families["feynman"]["verdict"] == "supported" and families["boolean"]["verdict"] == "contradicted"
    # six specs: p = 2/2^6 misses the confirmatory level, but the interval lies below the margin
    assert families["boolean"]["differences"][0]["direction"].startswith("search at least as trusted")
    assert families["boolean"]["differences"][0]["mean"] == pytest.approx(-0.4)
    assert "symbolic solution" in result.sentence and "On the boolean family" in families["boolean"]["sentence"]


def test_trusted_counts_only_where_training_is_not_the_whole_domain():
    """On parity-3 (its whole table is training) trusted is passing training, which a decomposition of
    the table does by how it is made; parity-3-half's half table leaves the other half to trust."""
    rows = []
    for spec in ("parity-3", "parity-3-half"):
        rows.append(_row(spec, "design-auto", 0, "boolean", trusted=True))
        rows += [_row(spec, "search", seed, "boolean", trusted=False) for seed in range(3)]
    trusted = difference(rows, "trusted", ("design-auto", "search"))
    assert trusted.specs == 1 and trusted.mean == 1.0


def test_no_family_declares_design_auto_correct_by_construction():
    families = [family for family in all_families() if family.construction]
    assert families and not any(fact.generator == "design-auto" for family in families for fact in family.construction)
    rows = [_row("x", "design-auto", 0, family.name) for family in all_families()]
    assert all(by_construction(rows, "design-auto", outcome) == [] for outcome in OUTCOMES + ("verified",))
    assert by_construction(rows, "design", "held_out_pass_rate")  # hand design's are declared


@given(st.lists(st.floats(-1, 1, allow_nan=False).map(lambda value: round(value, 2)), min_size=2, max_size=14))
def test_swapping_the_sides_swaps_the_verdict(per_spec):
    """Two-sided: the first side's support is the second side's contradiction, and back."""
    rows = []
    for k, value in enumerate(per_spec):
        rows.append(_row(f"s{k}", "design-auto", 0, explanation_length=50 + 10 * value))
        rows.append(_row(f"s{k}", "search", 0, explanation_length=50.0))
    there = difference(rows, "explanation_length", ("design-auto", "search"))
    back = difference(rows, "explanation_length", ("search", "design-auto"))
    assert there.p_value == back.p_value
    verdicts = [judged(found, found.p_value, ALPHA, "comprehensible").verdict for found in (there, back)]
    swapped = {"supported": "contradicted", "contradicted": "supported", "undecided": "undecided"}
    assert verdicts[1] == swapped[verdicts[0]]


# --- budgets ------------------------------------------------------------------------------------

def test_budgets_worked_example():
    rows = [_row("feynman-I.12.1", "design-auto", 0, search_evaluations=300),
            *(_row("feynman-I.12.1", "search", seed, search_evaluations=16_000 + 1_000 * seed) for seed in range(3)),
            _row("feynman-I.14.3", "design-auto", 0, search_evaluations=20_000),
            *(_row("feynman-I.14.3", "search", seed, search_evaluations=10_000) for seed in range(3))]
    budgets = spec_budgets(rows, ("design-auto", "search"))
    assert [round(budget.ratio, 4) for budget in budgets] == [round(300 / 17_000, 4), 2.0]
    (summary,) = family_budgets(budgets)
    assert summary.median_ratio == pytest.approx((300 / 17_000 + 2) / 2) and summary.spent_more == "design-auto"
    assert summary.first_more == ("feynman-I.14.3",) and matched_specs(budgets) == ["feynman-I.12.1"]
    assert Budget("s", "f", ("a", "b"), None, 5.0).ratio is None and Budget("s", "f", ("a", "b"), 1.0, 0.0).ratio is None
    silent = spec_budgets([*rows, _row("feynman-I.8.14", "design-auto", 0), _row("feynman-I.8.14", "search", 0,
                                                                                   search_evaluations=9)],
                          ("design-auto", "search"))
    (summary,) = family_budgets(silent)
    assert (summary.specs, summary.unrecorded) == (2, 1) and matched_specs(silent) == ["feynman-I.12.1"]
    assert "(1 spec without both recorded left out)" in budget_part([summary])


def test_the_claim_states_budgets_and_names_specs_where_design_auto_spent_more():
    rows = _auto(lambda k: 1.0, lambda k, seed: 0.5)
    for row in rows:
        if row["generator"] == "design-auto" and row["spec"] in ("feynman-3", "feynman-7"):
            row["search_evaluations"] = 5000
    result = _judge(rows, "auto_trusted")
    (summary,) = _n(result)["budgets_by_family"]
    assert summary["median_ratio"] == pytest.approx(0.1) and summary["spent_more"] == "search"
    assert summary["first_more"] == ["feynman-3", "feynman-7"]
    assert ("budgets (evaluations spent): on feynman design-auto spent a median 0.1 times search's evaluations over "
            "12 specs (search spent more); design-auto spent more than search on 2 specs: feynman-3, feynman-7"
            in result.sentence)
    matched = _n(result)["matched_budgets"][0]
    assert matched["specs"] == 10 and matched["scope"] == "matched_budgets"
    assert "held-out pass rate at matched budgets (design-auto spent at most search's mean)" in result.sentence


def test_no_budget_line_when_the_first_side_records_no_evaluations():
    result = _judge(_auto(lambda k: 1.0, lambda k, seed: 0.5), "design_trusted")
    assert "budgets" not in result.sentence and _n(result)["budgets"] == []
    assert "matched_budgets" not in _n(result)


# --- auto_recovers_design: the share of specs as trusted as hand design ------------------------

def test_wilson_worked_examples():
    assert (wilson(8, 10).low, wilson(8, 10).high) == (pytest.approx(0.4902, abs=1e-4), pytest.approx(0.9433, abs=1e-4))
    assert wilson(10, 10).high == 1.0 and wilson(0, 4).low == 0.0
    with pytest.raises(Exception, match="successes"):
        wilson(3, 2)


@given(st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_holds_the_share_inside_zero_one(pair):
    met, trials = pair
    interval = wilson(met, trials)
    assert 0.0 <= interval.low <= interval.estimate <= interval.high <= 1.0
    assert interval.low < interval.high


@pytest.mark.parametrize("met, specs, verdict", [(8, 10, "undecided"), (40, 50, "supported"), (5, 40, "contradicted")])
def test_recovery_share_and_its_verdict(met, specs, verdict):
    rows = []
    for k in range(specs):
        rows.append(_row(f"s{k}", "design", 0, held_out_pass_rate=1.0))
        rows.append(_row(f"s{k}", "design-auto", 0, held_out_pass_rate=1.0 if k < met else 0.9))
    share = share_of(rows, "held_out_pass_rate", ("design-auto", "design"))
    assert (share.met, share.specs, share.share, share.verdict) == (met, specs, met / specs, verdict)
    assert share.unmet == tuple(f"s{k}" for k in range(met, specs))
    result = _judge(rows, "auto_recovers_design")
    assert result.verdict == verdict and _n(result)["shares"][0]["low"] == pytest.approx(wilson(met, specs).low)
    assert f"design-auto at least as trusted as design on {met} of {specs} specs" in result.sentence
    assert "design is a reference here" in result.sentence  # design's trust is the known answer's
    assert result.spec("s0").verdict == "supported" and result.spec(f"s{specs - 1}").verdict == (
        "contradicted" if met < specs else "supported")


# --- auto_comprehensible ------------------------------------------------------------------------

def test_comprehensibility_against_search_and_design_within_specs():
    rows = _auto(lambda k: 1.0, lambda k, seed: 0.5, explanation_length=lambda k: 40 + k,
                 decomposability=lambda k: 0.3 + 0.02 * k)
    result = _judge(rows, "auto_comprehensible")
    assert result.verdict == "supported", result.sentence  # E: 40..51 against search's mean 51.5
    numbers = _n(result)
    (e_search, d_search) = numbers["differences"]
    assert e_search["direction"] == "design-auto more comprehensible" and e_search["specs"] == 12
    assert d_search["verdict"] == "structural" and "search emits the whole artifact as one function" in d_search["note"]
    e_design, d_design = numbers["against"]
    assert e_design["sides"] == ["design-auto", "design"] and e_design["verdict"] == "contradicted"
    assert e_design["direction"] == "design more comprehensible" and e_design["mean"] == pytest.approx(15.5)
    assert d_design["verdict"] == "contradicted" and d_design["mean"] == pytest.approx(-0.2 + 0.01 * 5.5)
    longer = _judge(_auto(lambda k: 1.0, lambda k, seed: 0.5, explanation_length=lambda k: 60 + k), "auto_comprehensible")
    assert longer.verdict == "contradicted"
