"""Within-spec inference: sva.results.strata, .within, .mixed, .programs, .trustclaim and the claims built on them.

Each test of a claim uses synthetic rows whose structure the old pooled rule misread (a Simpson's
paradox, a relation between generators only, copies that differ only in docstrings).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, strategies as st

from sva.results.claims import claim, claims, evaluate_claims, tally
from sva.results.mixed import mixed_slope
from sva.results.programs import program_key, with_programs
from sva.results.samples import distinct
from sva.results.stats import holm
from sva.results.store import store_rows
from sva.results.strata import (benjamini_hochberg, partial_rho, stratified_rho, strata_bootstrap,
                                within_permutation)
from sva.results.trustclaim import MARGIN
from sva.results.within import relation

from tests.conftest import ROOT


def _row(spec, generator, seed, family="feynman", **fields):
    sha = f"{spec}-design" if generator == "design" else f"{spec}-{generator}-{seed}"
    return {"cell": f"{spec}/{generator}/seed-{seed}", "config_hash": "c0", "spec": spec, "family": family,
            "generator": generator, "seed": seed, "status": "done", "sha256": sha, **fields}


def _results(rows):
    return {result.name: result for result in evaluate_claims(rows)}


# --- strata: the pure statistics ----------------------------------------------------------------

A, B = ([1, 2, 3], [0.0, 0.1, 0.2]), ([10, 11, 12], [1.0, 0.9, 0.8])


def test_stratified_rho_worked_example_and_between_strata_only():
    assert stratified_rho([A, ([10, 11, 12], [0.8, 0.9, 1.0])]).rho == pytest.approx(1.0)
    found = stratified_rho([A, B])
    assert (found.rho, found.strata, found.n) == (pytest.approx(0.0), 2, 6)
    assert strata_bootstrap([A, B]).low == pytest.approx(-1.0) and strata_bootstrap([A, B]).high == pytest.approx(1.0)
    # a stratum of 2 pairs, or one where y is constant, has no rho; none left: between strata only
    lonely = stratified_rho([([1, 2], [0, 1]), ([1, 2, 3], [5, 5, 5])])
    assert lonely.rho is None and "between strata only" in lonely.note
    assert within_permutation([([1, 2, 3], [5, 5, 5])]) is None


def test_weighting_by_stratum_size():
    big = ([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6])   # rho +1, n 6
    small = ([1, 2, 3], [3, 2, 1])                   # rho -1, n 3
    assert stratified_rho([big, small]).rho == pytest.approx((6 - 3) / 9)


@given(st.lists(st.lists(st.integers(0, 20), min_size=3, max_size=8), min_size=1, max_size=5),
       st.lists(st.floats(-100, 100), min_size=5, max_size=5), st.integers(0, 2 ** 16))
def test_spec_difficulty_cannot_move_the_within_statistics(ys, offsets, seed):
    """Shifting every trust value of a stratum by one constant (a spec's difficulty) leaves the
    stratified rho, its permutation p and its spec-resampled interval unchanged."""
    strata = [(list(range(len(y))), [float(v) for v in y]) for y in ys]
    shifted = [(x, [v + offsets[i] for v in y]) for i, (x, y) in enumerate(strata)]
    assert stratified_rho(strata) == stratified_rho(shifted)
    assert within_permutation(strata, resamples=50, seed=seed) == within_permutation(shifted, resamples=50, seed=seed)
    assert strata_bootstrap(strata, resamples=50, seed=seed) == strata_bootstrap(shifted, resamples=50, seed=seed)


def test_permutation_p_is_never_zero_and_small_for_a_consistent_relation():
    strata = [(list(range(8)), [float(v + 10 * s) for v in range(8)]) for s in range(4)]
    p = within_permutation(strata, resamples=999, seed=1)
    assert p == pytest.approx(1 / 1000)
    assert within_permutation(strata, resamples=999, seed=1) == p  # seeded


def test_partial_rho_formula_and_size_that_fixes_the_metric():
    x, y, z = [1, 2, 3, 4, 5], [2, 1, 4, 3, 5], [1, 2, 3, 5, 4]
    rxy, rxz, ryz = 0.8, 0.9, 0.6  # Spearman rhos of the three pairs, by hand (sum of d^2: 4, 2, 8)
    assert partial_rho(x, y, z) == pytest.approx((rxy - rxz * ryz) / np.sqrt((1 - rxz ** 2) * (1 - ryz ** 2)))
    assert partial_rho(x, y, x) is None  # size equal to the metric: nothing left to say


def test_benjamini_hochberg_worked_example_and_bounds():
    assert benjamini_hochberg([0.01, 0.04, 0.03, None]) == [pytest.approx(0.03), pytest.approx(0.04),
                                                          pytest.approx(0.04), None]


@given(st.lists(st.floats(0, 1), min_size=1, max_size=12))
def test_benjamini_hochberg_between_raw_and_holm(ps):
    adjusted = benjamini_hochberg(ps)
    for raw, bh, fwer in zip(ps, adjusted, holm(ps)):
        assert raw - 1e-12 <= bh <= fwer + 1e-12
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    assert all(adjusted[a] <= adjusted[b] + 1e-12 for a, b in zip(order, order[1:]))


# --- the claims on rows: Simpson's paradox, between generators only -----------------------------

def _simpson(specs=6, seeds=10):
    """Feynman-like search: harder specs give longer, less trusted formulas (pooled rho(E, held-out)
    strongly negative) but inside every spec the longer formulas hold up better (within rho +1)."""
    rows = []
    for k in range(specs):
        for seed in range(seeds):
            rows.append(_row(f"f-{k}", "search", seed, explanation_length=20 * k + seed, audit_length=20 * k + seed,
                             decomposability=0.0, held_out_pass_rate=1.0 - 0.15 * k + 0.01 * seed,
                             training_pass_rate=1.0 if seed % 2 else 0.5))
    return rows


def test_a_simpsons_paradox_is_read_within_specs():
    rows = _simpson()
    found = relation(rows, "explanation_length", "held_out_pass_rate", mixed=False)
    assert found.pooled < -0.7 and found.within.rho == pytest.approx(1.0)
    assert found.within.p_value < 0.01 and found.within.interval.low == pytest.approx(1.0)
    results = _results(rows)
    within = results["comprehensibility_tracks_trust_within"]
    # the old pooled rule: rho(E, held-out) -0.9 over one generator's artifacts, "supported"
    assert within.verdict == "contradicted", within.sentence
    assert "pooled rho -0.9" in within.sentence and "description only" in within.sentence
    confirmatory = results["explanation_tracks_trust"]
    assert confirmatory.verdict == "contradicted" and claim("explanation_tracks_trust").confirmatory
    assert confirmatory.numbers["by_family"]["feynman"]["verdict"] == "contradicted"


def test_fit_and_size_controls_are_reported():
    rows = _simpson()
    found = relation(rows, "explanation_length", "held_out_pass_rate", mixed=False)
    assert found.fit.n == 30 and found.fit.rho == pytest.approx(1.0)  # the perfect training fits only
    assert found.sized.rho is None  # E equals audit length: size says all of it
    assert "size partialled out: undefined" in _results(rows)["explanation_tracks_trust"].sentence


def test_a_relation_between_generators_only_is_never_a_finding():
    """Design: D 0.8, E 30, always right; search: D 0, E 40, held-out varying. The pooled rho(D,
    held-out) is +0.6, but inside each generator D and E never vary: the generator label."""
    rows = []
    for spec in ("f-a", "f-b", "f-c"):
        for seed in range(5):
            rows.append(_row(spec, "design", seed, decomposability=0.8, explanation_length=30,
                             held_out_pass_rate=1.0))
            rows.append(_row(spec, "search", seed, decomposability=0.0, explanation_length=40,
                             held_out_pass_rate=0.2 * seed))
    result = _results(rows)["comprehensibility_tracks_trust"]
    assert (result.verdict, result.kind) == ("degenerate", "degenerate"), result.sentence
    assert "between generators only" in result.sentence and "pooled rho +0.6" in result.sentence
    assert "comprehensibility_tracks_trust" in tally([result])["degenerate"]


# --- programs, not bytes ------------------------------------------------------------------------

def test_programs_differing_in_docstrings_comments_and_names_are_one():
    seed0 = 'def parity_3(a, b, c):\n    """seed 0."""\n    return a ^ b ^ c  # evolved\n'
    seed4 = '"""Found by search, seed 4."""\n\n\ndef parity_3_half(x, y, z):\n    return x ^ y ^ z\n'
    assert program_key(seed0) == program_key(seed4) != program_key("def f(a, b, c):\n    return a ^ b\n")
    assert program_key("def (:") is None


def test_distinct_artifacts_count_programs(tmp_path: Path):
    (tmp_path / "a.py").write_text('"""seed 0"""\ndef f(a):\n    return a + 1\n')
    (tmp_path / "b.py").write_text('"""seed 1"""\ndef f(a):\n    return a + 1\n')
    (tmp_path / "c.py").write_text('"""seed 2"""\ndef f(a):\n    return a + 2\n')
    rows = [_row("s", "search", seed, module=name, sha256=f"bytes-{seed}")
            for seed, name in enumerate(("a.py", "b.py", "c.py", "missing.py"))]
    keyed = with_programs(rows, tmp_path)
    assert len(distinct(rows)) == 4 and len(distinct(keyed)) == 3  # a and b are one program
    assert keyed[3]["program"] == "bytes-3"  # unreadable: its byte hash


def test_twin_specs_share_one_design_program_in_pooled_counts(tmp_path: Path):
    (tmp_path / "d1.py").write_text('"""adder-2 by design."""\ndef adder_2(a, b):\n    return a ^ b\n')
    (tmp_path / "d2.py").write_text('"""adder-2-half by design."""\ndef adder_2_half(a, b):\n    return a ^ b\n')
    rows = with_programs([_row("adder-2", "design", 0, module="d1.py"),
                          _row("adder-2-half", "design", 0, module="d2.py")], tmp_path)
    assert len(distinct(rows)) == 1


# --- design against search on trust, two-sided --------------------------------------------------

def _trust(search_held, fit_held=None, specs=10, family="boolean"):
    rows = []
    for k in range(specs):
        rows.append(_row(f"s-{k}", "design", 0, family=family, held_out_pass_rate=1.0, training_pass_rate=1.0))
        for seed, value in enumerate(search_held):
            fit = fit_held is not None and seed % 2 == 0
            rows.append(_row(f"s-{k}", "search", seed, family=family, held_out_pass_rate=fit_held if fit else value,
                             training_pass_rate=1.0 if fit else 0.8))
    return _results(rows)["design_trusted"]


def test_design_more_trusted_is_supported_and_says_it_holds_by_construction():
    result = _trust([0.5, 0.6, 0.7, 0.6])
    assert result.verdict == "supported", result.sentence
    first = result.numbers["differences"][0]
    assert first.direction == "design more trusted" and first.mean == pytest.approx(0.4)
    assert first.p_value == pytest.approx(2 / 2 ** 10)  # ten specs, every difference positive
    assert "by construction: boolean: the design templates write down the known circuit" in result.sentence


def test_search_at_least_as_trusted_is_a_verdict():
    result = _trust([1.0, 0.99, 1.0, 1.0])
    assert result.verdict == "contradicted", result.sentence
    assert result.numbers["differences"][0].direction.startswith("search at least as trusted")
    assert result.numbers["differences"][0].interval.high <= MARGIN


def test_conditional_on_training_success():
    """Unfit search runs fail held-out; the perfect training fits are right: design is more
    trusted than search overall but not than search's perfect fits."""
    result = _trust([0.2, 0.3, 0.2, 0.3], fit_held=1.0)
    assert result.verdict == "supported"
    conditional = result.numbers["conditional_on_training_fit"][0]
    assert conditional.metric == "held_out_pass_rate" and conditional.verdict == "contradicted"
    assert "among search's perfect training fits [contradicted: search at least as trusted" in result.sentence


# --- confirmatory and exploratory, the mixed model ----------------------------------------------

def test_the_confirmatory_claims_are_the_ones_fixed_in_the_docs():
    confirmatory = [entry.name for entry in claims() if entry.confirmatory]
    assert confirmatory == ["shorter_explanations", "design_trusted", "explanation_tracks_trust", "auto_trusted"]
    text = (ROOT / "docs" / "claims.md").read_text()
    fixed = text.split("## Confirmatory claims", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{name}`" in fixed for name in confirmatory)
    assert not any(f"`{entry.name}`" in fixed for entry in claims() if not entry.confirmatory)


def test_mixed_model_slope_reads_within_specs():
    rng = np.random.default_rng(0)
    x, y, specs, families = [], [], [], []
    for k in range(12):
        for i in range(10):
            value = rng.normal()
            x.append(value), specs.append(f"s{k}"), families.append("ab"[k % 2])
            y.append(0.5 * value + 3.0 * k + rng.normal(scale=0.1))
    fit = mixed_slope(x, y, specs, families)
    assert fit.slope > 0 and fit.low > 0 and fit.p_value < 0.001 and fit.specs == 12
    assert mixed_slope([1, 2], [1, 2], ["a", "b"], ["f", "f"]).note.startswith("too few")


def test_comparisons_are_also_given_per_family_where_pooling_hides_opposite_effects():
    """Design shorter on every sorting spec, longer on every Feynman spec: pooled, the signed-rank
    test over specs sees no direction; per family each is clear."""
    rows = []
    for family, sign, count in (("sorting", -1, 8), ("feynman", 1, 8)):
        for k in range(count):
            spec = f"{family}-{k}"
            rows.append(_row(spec, "design", 0, family=family, explanation_length=100 + sign * (20 + k)))
            rows += [_row(spec, "search", seed, family=family, explanation_length=100 + seed) for seed in range(3)]
    result = _results(rows)["shorter_explanations"]
    numbers = result.numbers["metrics"]["explanation_length"]
    assert numbers["p_value"] > 0.4 and numbers["verdict"] == "undecided"  # pooled over 16 specs: nothing
    by_family = numbers["by_family"]
    assert by_family["sorting"]["median_difference"] < 0 < by_family["feynman"]["median_difference"]
    assert by_family["sorting"]["p_value"] == by_family["feynman"]["p_value"] == pytest.approx(2 / 2 ** 8)
    assert "per family: feynman 22.50 over 8 specs" in result.sentence  # specs unknown to the registry: by name
    assert "sorting -24.50 over 8 specs" in result.sentence


def test_sva_claims_counts_distinct_programs(tmp_path: Path, sva):
    """Four search runs whose modules differ only in the seed named in the docstring, and one
    that differs in code: ``sva claims`` counts two search artifacts (by bytes it would be five)."""
    rows = []
    for seed in range(5):
        module = f"artifacts/s/search/seed-{seed}.py"
        (tmp_path / module).parent.mkdir(parents=True, exist_ok=True)
        body = "a + 1" if seed < 4 else "a + 2"
        (tmp_path / module).write_text(f'"""seed {seed}."""\ndef f(a):\n    return {body}\n')
        rows.append(_row("s", "search", seed, module=module, explanation_length=3 + seed // 4,
                         held_out_pass_rate=0.5 + 0.1 * (seed // 4)))
    store_rows(tmp_path, rows, preset="smoke")
    process = sva("claims", "--results", str(tmp_path), "--json")
    assert process.returncode == 0, process.stderr
    found = {entry["name"]: entry for entry in json.loads(process.stdout)["claims"]}
    assert found["explanation_tracks_trust"]["numbers"]["artifacts"] == 2
    assert found["explanation_tracks_trust"]["numbers"]["cells"] == 5
