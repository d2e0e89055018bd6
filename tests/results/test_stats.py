"""sva.results.stats and sva.results.samples: hand-computed values on tiny tables, and the
properties of each statistic."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats as scipy_stats

from sva.errors import UsageError
from sva.results import samples as result_samples
from sva.results import stats


def test_median_odd_and_even():
    assert stats.median([3, 1, 2]) == 2
    assert stats.median([1, 2, 3, 10]) == 2.5


def test_mann_whitney_separated_samples_exact():
    # C(6, 3) = 20 splits; only {1,2,3} gives U = 0 and only {4,5,6} gives U = 9: p = 2/20
    result = stats.mann_whitney([1, 2, 3], [4, 5, 6])
    assert (result.u, result.method) == (0.0, "exact")
    assert result.p_value == pytest.approx(0.1)
    assert stats.mann_whitney([4, 5, 6], [1, 2, 3]).u == 9.0


def test_mann_whitney_ties_exact_by_hand():
    # a = [1, 2], b = [2, 3]: pairs <, <, =, <  ->  U = 0.5. Pooled midranks 1, 2.5, 2.5, 4; the six
    # 2-subsets give U = 0.5, 0.5, 2, 2, 3.5, 3.5 around mu = 2, four as far out as 0.5: p = 4/6.
    result = stats.mann_whitney([1, 2], [2, 3])
    assert result.u == 0.5
    assert result.p_value == pytest.approx(4 / 6)


def test_mann_whitney_five_tied_design_values_against_five_search_values():
    # The experiment's usual shape: design deterministic (all tied), search all below: the most
    # extreme split of 10 values into 5 + 5, p = 2 / C(10, 5) = 2/252.
    result = stats.mann_whitney([0.8] * 5, [0.0, 0.0, 0.1, 0.0, 0.2])
    assert result.u == 25.0
    assert result.p_value == pytest.approx(2 / 252)


def test_mann_whitney_everything_tied_is_p_one():
    result = stats.mann_whitney([1, 1], [1, 1, 1])
    assert (result.u, result.p_value) == (3.0, 1.0)


def test_mann_whitney_asymptotic_above_the_exact_limit():
    # 30 vs 30 separated: U = 0, z = (0 - 450 + 0.5) / sqrt(30 * 30 * 61 / 12) (no ties)
    result = stats.mann_whitney(range(30), range(30, 60))
    assert result.method == "asymptotic"
    z = 449.5 / math.sqrt(30 * 30 * 61 / 12)
    assert result.p_value == pytest.approx(math.erfc(z / math.sqrt(2)), rel=1e-9)


@given(st.lists(st.integers(0, 60), min_size=2, max_size=14, unique=True), st.integers(1, 13))
def test_mann_whitney_exact_matches_scipy_without_ties(values, cut):
    cut = min(cut, len(values) - 1)
    a, b = values[:cut], values[cut:]
    ours = stats.mann_whitney(a, b)
    theirs = scipy_stats.mannwhitneyu(a, b, method="exact")
    assert ours.u == theirs.statistic
    assert ours.p_value == pytest.approx(theirs.pvalue, abs=1e-12)


@given(st.lists(st.integers(0, 3), min_size=1, max_size=8), st.lists(st.integers(0, 3), min_size=1, max_size=8))
def test_mann_whitney_symmetry(a, b):
    forward, backward = stats.mann_whitney(a, b), stats.mann_whitney(b, a)
    assert forward.u + backward.u == len(a) * len(b)
    assert forward.p_value == pytest.approx(backward.p_value)
    assert 0 < forward.p_value <= 1


def test_cliffs_delta_by_hand():
    assert stats.cliffs_delta([1, 2, 3], [4, 5, 6]) == -1.0
    # (1,2) <, (1,3) <, (3,2) >, (3,3) =  ->  (1 - 2) / 4
    assert stats.cliffs_delta([1, 3], [2, 3]) == -0.25


@pytest.mark.parametrize("delta, label", [(0.0, "negligible"), (0.146, "negligible"), (0.147, "small"),
                                          (-0.329, "small"), (0.33, "medium"), (0.473, "medium"),
                                          (0.474, "large"), (-1.0, "large")])
def test_magnitude_thresholds(delta, label):
    assert stats.magnitude(delta) == label


samples = st.lists(st.integers(-5, 5), min_size=1, max_size=10)


@given(samples, samples)
def test_cliffs_delta_properties(a, b):
    delta = stats.cliffs_delta(a, b)
    assert -1 <= delta <= 1
    assert stats.cliffs_delta(b, a) == -delta
    assert delta == pytest.approx(2 * stats.mann_whitney(a, b).u / (len(a) * len(b)) - 1)


def test_bootstrap_constant_groups_give_a_point_interval():
    assert stats.bootstrap_difference([5, 5, 5], [1, 1, 1]) == stats.Interval(4.0, 4.0, 4.0)


def test_bootstrap_reproducible_and_contains_the_estimate():
    a, b = [3.0, 4.0, 5.0, 6.0, 9.0], [1.0, 2.0, 2.5, 4.0, 4.5]
    first = stats.bootstrap_difference(a, b, seed=7)
    assert first == stats.bootstrap_difference(a, b, seed=7)
    assert first.estimate == 5.0 - 2.5
    assert first.low <= first.estimate <= first.high
    assert first.low < first.high
    wider_a, wider_b = [1.3, 2.9, 3.1, 4.7, 5.2, 6.8, 7.4, 8.1, 9.6], [0.2, 1.1, 1.9, 2.4, 3.3, 4.0, 5.5, 6.1, 7.7]
    assert stats.bootstrap_difference(wider_a, wider_b, seed=7) != stats.bootstrap_difference(wider_a, wider_b, seed=8)


def test_bootstrap_interval_can_touch_zero_despite_a_large_delta():
    # delta 0.8 (large), yet a search resample whose median is 1 happens often enough (P ~ 6 %)
    # that the 2.5 % quantile of the difference is 0.
    interval = stats.bootstrap_difference([1] * 5, [0, 0, 0, 0, 1])
    assert (interval.estimate, interval.low, interval.high) == (1.0, 0.0, 1.0)
    assert not interval.excludes_zero()


@pytest.mark.parametrize("kwargs", [{"resamples": 0}, {"resamples": 2.5}, {"confidence": 1.0}])
def test_bootstrap_rejects_bad_settings(kwargs):
    with pytest.raises(UsageError):
        stats.bootstrap_difference([1, 2], [3, 4], **kwargs)


def test_empty_and_non_finite_samples_are_refused():
    with pytest.raises(UsageError, match="empty"):
        stats.mann_whitney([], [1])
    with pytest.raises(UsageError, match="non-finite"):
        stats.cliffs_delta([1, float("nan")], [1])


def test_spearman_four_points_by_hand():
    # ranks differ by 0, -1, 1, 0: rho = 1 - 6 * 2 / (4 * 15) = 0.8. Exact p: of the 24 orderings of y,
    # the identity (rho 1), its three adjacent swaps (0.8) and their mirror images reach |rho| >= 0.8
    result = stats.spearman([1, 2, 3, 4], [1, 3, 2, 4])
    assert (result.rho, result.n, result.method) == (pytest.approx(0.8), 4, "exact")
    assert result.p_value == pytest.approx(8 / 24)
    # a perfect rho on four points is still 2 orderings in 24, not the t-approximation's 0
    assert stats.spearman([1, 2, 3, 4], [2, 4, 6, 8]).p_value == pytest.approx(2 / 24)


def test_spearman_t_approximation_above_eight_pairs():
    # rho = 1 - 6 * 2 / (9 * 80) = 59/60; t = rho sqrt(7 / (1 - rho^2)), two-sided with 7 df
    result = stats.spearman(range(9), [0, 2, 1, 3, 4, 5, 6, 7, 8])
    rho = 59 / 60
    assert (result.rho, result.method) == (pytest.approx(rho), "t")
    t = rho * math.sqrt(7 / (1 - rho ** 2))
    assert result.p_value == pytest.approx(2 * scipy_stats.t.sf(t, 7))


def test_spearman_ties_use_midranks():
    # x ranks 1.5, 1.5, 3, 4; y ranks 1, 2, 3, 4: Pearson of the ranks = 2.25 / sqrt(4.5 * 5)
    assert stats.spearman([1, 1, 2, 3], [1, 2, 3, 4]).rho == pytest.approx(4.5 / math.sqrt(4.5 * 5))


def test_spearman_undefined_for_constant_input():
    result = stats.spearman([1, 2, 3], [7, 7, 7], names=("decomposability", "verified"))
    assert (result.rho, result.p_value, result.n) == (None, None, 3)
    assert "verified constant" in result.note
    assert stats.spearman_interval([1, 2, 3], [7, 7, 7]) is None
    assert stats.spearman([1, 2], [1, 2]).rho is None


def test_spearman_interval_reproducible_and_bounded():
    x, y = [1, 2, 3, 4, 5, 6, 7, 8], [2, 1, 4, 3, 6, 5, 8, 7]
    interval = stats.spearman_interval(x, y, seed=3)
    assert interval == stats.spearman_interval(x, y, seed=3)
    assert interval.estimate == pytest.approx(stats.spearman(x, y).rho)
    assert -1 <= interval.low <= interval.estimate <= interval.high <= 1
    assert interval.low > 0  # a strong monotone trend stays positive in every usable resample's bulk


def test_holm_by_hand():
    assert stats.holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert stats.holm([0.6, 0.7]) == [1.0, 1.0]
    assert stats.holm([None, 0.02, None, 0.01]) == [None, 0.02, None, 0.02]
    assert stats.holm([]) == []


@given(st.lists(st.floats(0, 1), min_size=1, max_size=12))
def test_holm_properties(p_values):
    adjusted = stats.holm(p_values)
    assert all(q >= p for p, q in zip(p_values, adjusted))
    assert all(q <= 1 for q in adjusted)
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    assert all(adjusted[i] <= adjusted[j] for i, j in zip(order, order[1:]))


def test_signed_rank_worked_example_and_edge_cases():
    result = stats.signed_rank([1, 2, 3, 4, 5])
    assert (result.w, result.n, result.method) == (0.0, 5, "exact")
    assert result.p_value == pytest.approx(2 / 32)  # 2 of 2^5 sign patterns
    assert (stats.signed_rank([0, 0, 0]).w, stats.signed_rank([0, 0, 0]).p_value) == (0.0, 1.0)
    assert stats.signed_rank([]).p_value is None
    result = stats.signed_rank([1, -2, 3, 4, 5])
    assert (result.w, result.p_value) == (2.0, pytest.approx(6 / 32))  # W- = 2: W <= 2 on 6 of 32 patterns
    # against a reference value: five runs 120..140 against design's one value 56
    assert stats.signed_rank([120, 131, 98, 140, 117], reference=56).p_value == pytest.approx(2 / 32)
    # zeros are dropped and counted; ties get midranks: [0.5, 0.5, 0.5, -0.5] has W+ = 7.5 of 10,
    # and 10 of the 16 sign patterns are as far from 5 (W+ in {0, 2.5, 7.5, 10})
    result = stats.signed_rank([0.5, 0.5, 0.5, -0.5, 0.0])
    assert (result.n, result.zeros, result.w) == (4, 1, 2.5)
    assert result.p_value == pytest.approx(10 / 16)


@given(st.sets(st.integers(1, 60), min_size=1, max_size=14), st.randoms(use_true_random=False))
def test_signed_rank_exact_p_equals_scipy_when_there_are_no_ties(magnitudes, chooser):
    differences = [value if chooser.random() < 0.5 else -value for value in sorted(magnitudes)]
    expected = scipy_stats.wilcoxon(differences, method="exact").pvalue
    assert stats.signed_rank(differences).p_value == pytest.approx(expected)


def test_signed_rank_normal_above_the_exact_limit_equals_scipy():
    differences = [((i * 37) % 101) - 45.5 for i in range(stats.SIGNED_RANK_EXACT_LIMIT + 20)]
    result = stats.signed_rank(differences)
    assert result.method == "normal"
    assert result.p_value == pytest.approx(scipy_stats.wilcoxon(differences, method="approx").pvalue)


def test_seeds_needed_worked_example():
    # 2^(1-n) * 68 < 0.05 needs 2^(n-1) > 1360: n = 12 (2^11 = 2048; 2^10 = 1024 is not enough)
    assert stats.seeds_needed(68) == 12
    assert stats.seeds_needed(1) == 6  # 2/2^5 = 0.0625 is not below 0.05 even alone; 2/2^6 is
    with pytest.raises(UsageError):
        stats.seeds_needed(0)


# --- the table builders over result rows --------------------------------------------------------

def _row(spec, generator, seed, status="done", **fields):
    return {"cell": f"{spec}/{generator}/seed-{seed}", "spec": spec, "family": "boolean",
            "generator": generator, "seed": seed, "status": status, **fields}


def test_compare_tests_search_runs_against_designs_one_value():
    # three design cells are copies of one artifact (same hash): one value, not three
    rows = [_row("p3", "design", seed, sha256="d", decomposability=0.8, audit_length=60) for seed in range(3)]
    rows += [_row("p3", "search", 0, sha256="s0", decomposability=0.0, audit_length=20),
             _row("p3", "search", 1, sha256="s1", decomposability=0.0, audit_length=None),
             _row("p3", "search", 2, sha256="s2", decomposability=0.2, audit_length=22),
             _row("p3", "search", 3, status="failed", decomposability=5.0),
             _row("m6", "design", 0, decomposability=0.5)]  # no search row: no comparison
    table = result_samples.compare(rows, ["decomposability", "audit_length"])
    assert [(entry.spec, entry.metric) for entry in table] == [("p3", "decomposability"), ("p3", "audit_length")]
    first, second = table
    assert (first.n_first, first.n_second, first.artifacts_first, first.artifacts_second) == (1, 3, 1, 3)
    assert (first.median_first, first.median_second, first.test, first.single, first.runs) == (
        0.8, 0.0, "signed-rank", "design", 3)
    assert (first.delta, first.magnitude, first.method) == (1.0, "large", "exact")
    assert first.p_value == pytest.approx(2 / 8)  # every one of 3 runs below 0.8: 2 of 2^3 sign patterns
    assert first.difference.estimate == pytest.approx(0.8)
    assert (second.n_second, second.median_second, second.p_value) == (2, 21.0, pytest.approx(2 / 4))
    assert [entry.p_holm for entry in table] == pytest.approx([0.5, 0.5])  # Holm over the family of two


def test_compare_uses_mann_whitney_when_design_varies_with_the_seed():
    # a design that gives a different artifact per seed is a sample, not one value
    rows = [_row("p3", "design", seed, sha256=f"d{seed}", decomposability=0.8 + 0.01 * seed) for seed in range(3)]
    rows += [_row("p3", "search", seed, sha256=f"s{seed}", decomposability=0.1 * seed) for seed in range(3)]
    (entry,) = result_samples.compare(rows, ["decomposability"])
    assert (entry.test, entry.n_first, entry.statistic, entry.method) == ("mann-whitney", 3, 9.0, "exact")
    assert entry.p_value == pytest.approx(0.1)  # 2 / C(6, 3)


def test_distinct_keeps_one_row_per_module_hash():
    rows = [_row("p3", "design", seed, sha256="d") for seed in range(5)] + [_row("p3", "search", 0, sha256="s"),
                                                                           _row("p3", "search", 1)]
    kept = result_samples.distinct(rows)
    assert [(row["generator"], row["seed"]) for row in kept] == [("design", 0), ("search", 0), ("search", 1)]


def test_compare_default_metrics_come_from_fields():
    names = result_samples.default_compare_metrics()
    assert names[0] == "decomposability" and "held_out_pass_rate" in names and "comparators" in names
    assert len(names) == len(set(names))


def test_correlate_tiny_table():
    rows = [_row("p3", "search", seed, decomposability=d, held_out_pass_rate=h, verified=v, shift_pass_rate=1.0)
            for seed, (d, h, v) in enumerate([(1, 1, False), (2, 3, False), (3, 2, True), (4, 4, True)])]
    rows.append(_row("p3", "search", 9, status="failed", decomposability=9, held_out_pass_rate=0))
    table = {(entry.metric, entry.outcome): entry for entry in
             result_samples.correlate(rows, ["decomposability"], ["held_out_pass_rate", "verified", "shift_pass_rate"])}
    held_out = table["decomposability", "held_out_pass_rate"]
    assert (held_out.rho, held_out.n) == (pytest.approx(0.8), 4)
    assert held_out.p_value == pytest.approx(1 / 3)
    # verified as 0/1: ranks 1.5, 1.5, 3.5, 3.5 against 1..4 -> 4 / sqrt(4 * 5)
    assert table["decomposability", "verified"].rho == pytest.approx(4 / math.sqrt(20))
    shift = table["decomposability", "shift_pass_rate"]
    assert (shift.rho, shift.p_holm) == (None, None) and "shift_pass_rate constant" in shift.note
    verified = table["decomposability", "verified"]
    # exact p of verified: rho reaches |0.894| when the two 1s land on the two largest (or the two
    # smallest) decomposabilities: 2 x 2! x 2! = 8 of the 24 orderings
    assert verified.p_value == pytest.approx(1 / 3)
    # Holm over the two defined correlations (the constant shift is not a test): 2 x 1/3 each
    assert held_out.p_holm == verified.p_holm == pytest.approx(2 / 3)
    assert held_out.interval.estimate == pytest.approx(0.8)


def test_correlate_counts_distinct_artifacts_once():
    # five copies of one design artifact and four search artifacts: n = 5, not 9
    rows = [_row("p3", "design", seed, sha256="d", decomposability=0.9, held_out_pass_rate=1.0) for seed in range(5)]
    rows += [_row("p3", "search", seed, sha256=f"s{seed}", decomposability=0.1 * seed, held_out_pass_rate=0.2 * seed)
             for seed in range(4)]
    (entry,) = result_samples.correlate(rows, ["decomposability"], ["held_out_pass_rate"])
    assert (entry.n, entry.rho) == (5, pytest.approx(1.0))


def test_values_and_done_rows():
    rows = [_row("p3", "design", 0, decomposability=0.8), _row("p3", "search", 0, decomposability=0.0),
            _row("p3", "search", 1, decomposability=0.1), _row("p3", "design", 2, decomposability=None),
            _row("p3", "search", 2, decomposability=0.3)]
    assert result_samples.values(rows, "decomposability") == [0.8, 0.0, 0.1, 0.3]
    assert result_samples.done_rows(rows + [_row("p3", "search", 3, status="failed")]) == rows
