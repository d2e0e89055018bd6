"""The statistics of the experiment: small pure functions, each with its formula and a worked example.

Pure functions and frozen records, no I/O, no result rows and no global random state (every
resampling draws from ``numpy.random.default_rng(seed)``). A sample is any iterable of finite
numbers; an empty one, or one holding NaN or infinity, is a :class:`~sva.errors.UsageError`.
The tables over the results rows (design against search per spec, comprehensibility against
trust) are built from these in :mod:`sva.results.samples`.

Formulas, each with a worked example on a tiny table:

Median: the middle value of the sorted sample, the mean of the two middle ones for an even count.
``median([3, 1, 2]) = 2``; ``median([1, 2, 3, 10]) = 2.5``.

Mann-Whitney U (two-sided): ``U = #{(i, j): a_i > b_j} + 0.5 * #{(i, j): a_i = b_j}``, the statistic
of the first sample; ``U(a) + U(b) = len(a) * len(b)``. For ``a = [1, 2, 3]``, ``b = [4, 5, 6]``:
U = 0. The p-value is ``P(|U - mu| >= |u - mu|)`` with ``mu = len(a) len(b) / 2``, under the null
that the labels "a" and "b" are exchangeable. Method, chosen on purpose:

- ``"exact"`` when ``len(a) + len(b) <= 50``: the exact permutation distribution of U given the
  observed values, ties included (midranks). Every way to pick ``len(a)`` of the pooled values is
  equally likely; a dynamic programme counts the subsets by their (doubled, so integral) rank sum,
  so no subset is enumerated. Above: C(6, 3) = 20 subsets, only ``{1, 2, 3}`` gives U = 0 and only
  ``{4, 5, 6}`` gives U = 9, so p = 2/20 = 0.1. Why exact: the experiment compares 5 design seeds
  with 5 search seeds and design artifacts are deterministic (all five design values tie), which
  is exactly where the normal approximation is poor and scipy's no-ties exact method is invalid.
- ``"asymptotic"`` above 50 values (e.g. 30 seeds per group): the normal approximation with the
  tie correction of the variance and a continuity correction (scipy's ``mannwhitneyu``). At that
  size the approximation is good and the exact count would overflow exact float arithmetic.

With every value tied, U always equals ``mu`` and p = 1.0.

Cliff's delta: ``delta = (#{a_i > b_j} - #{a_i < b_j}) / (len(a) len(b))``, in [-1, 1]; equal to
``2 U / (len(a) len(b)) - 1``. For ``a = [1, 2, 3]``, ``b = [4, 5, 6]``: (0 - 9)/9 = -1. For
``a = [1, 3]``, ``b = [2, 3]``: pairs (1,2) <, (1,3) <, (3,2) >, (3,3) =, so delta = (1 - 2)/4 =
-0.25. Magnitude (Romano et al. 2006): |delta| < 0.147 negligible, < 0.33 small, < 0.474 medium,
else large.

Bootstrap interval of the difference of medians ``median(a) - median(b)``: draw ``resamples``
resamples of each group independently, with replacement and of the group's own size, take the
difference of their medians, and report the ``(1 - confidence)/2`` and ``(1 + confidence)/2``
quantiles (percentile bootstrap). For ``a = [5, 5, 5]``, ``b = [1, 1, 1]`` every resample gives 4,
so the interval is [4, 4].

Spearman's rho: Pearson's correlation of the ranks (midranks for ties). For x = [1, 2, 3, 4],
y = [1, 3, 2, 4]: the rank differences are 0, -1, 1, 0, so rho = 1 - 6 * 2 / (4 * (16 - 1)) = 0.8.
Its two-sided p-value is exact for up to 8 pairs (``method="exact"``): the share of the n!
orderings of y (midranks kept) whose |rho| is at least the observed one; for the table above 8 of
the 24 orderings reach |rho| >= 0.8 (the identity, its three adjacent swaps and their mirror
images), so p = 1/3. Above 8 pairs it is scipy's t-approximation with n - 2 degrees of freedom
(``"t"``), which for tiny n is far too small (it gives 0 for a perfect rho). A constant x or y has no
ranks to correlate: rho and p are ``None`` and the record says why. The bootstrap interval of rho
resamples (x, y) pairs; a resample in which x or y is constant has no rho and is dropped (the
record counts the usable resamples).

Holm's step-down correction over a family of m tests: sort the p-values ascending
``p_(1) <= ... <= p_(m)``, adjust ``q_(k) = max over j <= k of min(1, (m - j + 1) p_(j))`` and put
each back in its place. For [0.01, 0.04, 0.03]: sorted 0.01, 0.03, 0.04 become 3 * 0.01 = 0.03,
2 * 0.03 = 0.06, max(0.06, 1 * 0.04) = 0.06, so the answer is [0.03, 0.06, 0.06]. ``None`` entries
(untestable) are passed through and do not count towards m.

Wilcoxon signed-rank test (two-sided) of differences ``d_i`` from a reference value (a
deterministic generator's one value, or 0): zero differences are dropped, the rest ranked by
``|d_i|`` (midranks for ties), ``W+`` sums the ranks of the positive ones and ``W = min(W+, W-)``.
The p-value is exact for up to :data:`SIGNED_RANK_EXACT_LIMIT` non-zero differences: under the
null every one of the 2^n sign patterns is equally likely, and a dynamic programme counts the
patterns by their (doubled, so integral) W+, ties included; above that, the normal approximation
with the tie correction. For d = [1, 2, 3, 4, 5]: W+ = 15, W- = 0, W = 0, and only two of the 2^5
sign patterns are as extreme, so p = 2/32 = 0.0625. With every difference zero nothing is left to
rank: W = 0 and p = 1. Why this test, and why exact: the experiment compares a stochastic
generator's seeds with a deterministic generator's single value per spec (one-sample, n = the
seeds), and combines specs by one median difference per spec (one-sample over specs): no pair is
invented, and with n = 5 seeds the smallest possible p is 2/2^5 = 0.0625, which no approximation
should hide.

Wilson score interval of a share (:func:`wilson`): k successes of n, z = 1.96 for 95%; centre
``(k + z^2/2) / (n + z^2)``, half-width ``z / (n + z^2) * sqrt(k (n - k) / n + z^2 / 4)``. Unlike the
plain ``k/n +- z sqrt(p(1-p)/n)`` it stays inside [0, 1] and is not empty at k = n: 8 of 10 gives
[0.49, 0.94], 10 of 10 gives [0.72, 1.0], 0 of 4 gives [0, 0.49].

Seeds a test needs (:func:`seeds_needed`): the smallest n whose smallest possible two-sided
signed-rank p, 2/2^n, still falls below ``alpha`` after Holm multiplies it by the ``tests`` of its
family (Holm's first step multiplies the smallest p by the family size). For 68 tests at 0.05:
2^(1-n) * 68 < 0.05 needs 2^(n-1) > 1360, so n = 12 (2^11 = 2048).
"""

from __future__ import annotations

import functools
import itertools
import math
import warnings
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Sequence

import numpy as np
from scipy import stats as _scipy

from sva.errors import UsageError

__all__ = [
    "MannWhitney", "Interval", "Spearman", "median", "mann_whitney", "cliffs_delta", "magnitude",
    "bootstrap_difference", "spearman", "spearman_interval", "holm", "signed_rank", "seeds_needed", "wilson",
    "SignedRank", "EXACT_LIMIT", "SPEARMAN_EXACT_LIMIT", "SIGNED_RANK_EXACT_LIMIT",
]

#: Largest pooled sample size for which :func:`mann_whitney` uses the exact distribution.
EXACT_LIMIT = 50
#: Most non-zero differences for which :func:`signed_rank` counts the sign patterns exactly.
SIGNED_RANK_EXACT_LIMIT = 60
#: Most pairs for which :func:`spearman` enumerates every ordering (8! = 40,320) for an exact p.
SPEARMAN_EXACT_LIMIT = 8

#: Romano et al. (2006) thresholds on |delta|: negligible < 0.147 <= small < 0.33 <= medium < 0.474 <= large.
_MAGNITUDES = ((0.147, "negligible"), (0.33, "small"), (0.474, "medium"))


@dataclass(frozen=True)
class MannWhitney:
    """A two-sided Mann-Whitney U test: ``u`` is the first sample's statistic, ``method`` is
    ``"exact"`` or ``"asymptotic"``."""

    u: float
    p_value: float
    method: str


@dataclass(frozen=True)
class Interval:
    """A point estimate with a bootstrap confidence interval ``[low, high]``."""

    estimate: float
    low: float
    high: float

    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0

    def as_json(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class Spearman:
    """Spearman's rank correlation of ``n`` pairs; ``rho`` and ``p_value`` are ``None`` when it is
    undefined, and ``note`` says why."""

    rho: float | None
    p_value: float | None
    n: int
    note: str | None = None
    method: str | None = None


def _floats(sample: Iterable[Any], name: str) -> np.ndarray:
    array = np.asarray([float(value) for value in sample], dtype=float)
    if array.size == 0:
        raise UsageError(f"{name} is empty: a statistic needs at least one value")
    if not np.all(np.isfinite(array)):
        raise UsageError(f"{name} holds a non-finite value ({array[~np.isfinite(array)][0]}): drop it first")
    return array


def median(values: Iterable[float]) -> float:
    """The median of a non-empty sample."""
    return float(np.median(_floats(values, "values")))


def _counts(a: np.ndarray, b: np.ndarray) -> tuple[int, int, int]:
    """(#a > b, #a < b, #a == b) over all pairs."""
    greater = int(np.sum(a[:, None] > b[None, :]))
    less = int(np.sum(a[:, None] < b[None, :]))
    return greater, less, a.size * b.size - greater - less


def _exact_p(a: np.ndarray, b: np.ndarray, u: float) -> float:
    """Exact two-sided p of U under the permutation null, ties included (see the module docstring)."""
    n, total = a.size, a.size + b.size
    pooled = np.concatenate([a, b])
    doubled = np.rint(2 * _scipy.rankdata(pooled)).astype(int)  # midranks are multiples of 1/2
    top = int(doubled.sum())
    # ways[k, s]: number of k-subsets of the values seen so far whose doubled rank sum is s
    ways = np.zeros((n + 1, top + 1))
    ways[0, 0] = 1.0
    for rank in doubled:
        ways[1:, rank:] += ways[:-1, :top + 1 - rank].copy()
    sums = np.arange(top + 1)
    # U = R_a - n(n+1)/2, so 2U = (doubled rank sum) - n(n+1)
    two_u = sums - n * (n + 1)
    centre = n * b.size  # 2 * mu
    distance = np.abs(two_u - centre)
    observed = abs(round(2 * u) - centre)
    p = ways[n][distance >= observed].sum() / math.comb(total, n)
    return float(min(1.0, p))


def mann_whitney(a: Sequence[float], b: Sequence[float]) -> MannWhitney:
    """Two-sided Mann-Whitney U test of ``a`` against ``b`` (exact up to :data:`EXACT_LIMIT` pooled
    values, asymptotic with tie correction above; see the module docstring)."""
    x, y = _floats(a, "a"), _floats(b, "b")
    greater, _, ties = _counts(x, y)
    u = greater + 0.5 * ties
    if np.all(np.concatenate([x, y]) == x[0]):
        return MannWhitney(u, 1.0, "exact" if x.size + y.size <= EXACT_LIMIT else "asymptotic")
    if x.size + y.size <= EXACT_LIMIT:
        return MannWhitney(u, _exact_p(x, y, u), "exact")
    result = _scipy.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True)
    return MannWhitney(u, float(min(1.0, result.pvalue)), "asymptotic")


def cliffs_delta(a: Sequence[float], b: Sequence[float]) -> float:
    """Cliff's delta of ``a`` over ``b``: (#a > b - #a < b) / (len(a) len(b)), in [-1, 1]."""
    x, y = _floats(a, "a"), _floats(b, "b")
    greater, less, _ = _counts(x, y)
    return (greater - less) / (x.size * y.size)


def magnitude(delta: float) -> str:
    """Romano et al.'s label of |delta|: "negligible", "small", "medium" or "large"."""
    size = abs(delta)
    for threshold, label in _MAGNITUDES:
        if size < threshold:
            return label
    return "large"


def _check_resampling(resamples: int, confidence: float) -> None:
    if isinstance(resamples, bool) or not isinstance(resamples, int) or resamples < 1:
        raise UsageError(f"expected a positive int for resamples, got resamples={resamples!r}")
    if not 0 < confidence < 1:
        raise UsageError(f"expected a confidence between 0 and 1, got confidence={confidence!r}")


def bootstrap_difference(a: Sequence[float], b: Sequence[float], *, resamples: int = 2000,
                         confidence: float = 0.95, seed: int = 0) -> Interval:
    """``median(a) - median(b)`` with its percentile bootstrap interval, each group resampled on
    its own, reproducible from ``seed``."""
    _check_resampling(resamples, confidence)
    x, y = _floats(a, "a"), _floats(b, "b")
    rng = np.random.default_rng(seed)
    medians_a = np.median(x[rng.integers(0, x.size, size=(resamples, x.size))], axis=1)
    medians_b = np.median(y[rng.integers(0, y.size, size=(resamples, y.size))], axis=1)
    low, high = np.quantile(medians_a - medians_b, [(1 - confidence) / 2, (1 + confidence) / 2])
    return Interval(float(np.median(x) - np.median(y)), float(low), float(high))


def _pairs(x: Sequence[float], y: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    if len(x) != len(y):
        raise UsageError(f"x and y must pair up, got {len(x)} x values and {len(y)} y values")
    return _floats(x, "x"), _floats(y, "y")


def spearman(x: Sequence[float], y: Sequence[float], *, names: tuple[str, str] = ("x", "y")) -> Spearman:
    """Spearman's rho of paired samples with scipy's p-value; undefined (``None``) for constant input
    or fewer than three pairs, with a note that calls the samples by ``names``."""
    xs, ys = _pairs(x, y)
    if xs.size < 3:
        return Spearman(None, None, int(xs.size), f"only {xs.size} pairs: rho needs at least 3")
    constant = [name for name, sample in zip(names, (xs, ys)) if np.all(sample == sample[0])]
    if constant:
        return Spearman(None, None, int(xs.size), f"{' and '.join(constant)} constant: rho undefined")
    rho = float(_scipy.spearmanr(xs, ys).statistic)
    if xs.size <= SPEARMAN_EXACT_LIMIT:
        return Spearman(rho, _spearman_exact_p(xs, ys, rho), int(xs.size), method="exact")
    return Spearman(rho, float(_scipy.spearmanr(xs, ys).pvalue), int(xs.size), method="t")


@functools.lru_cache(maxsize=SPEARMAN_EXACT_LIMIT)
def _orderings(n: int) -> np.ndarray:
    """Every permutation of range(n), one per row (cached: 8! rows take a tenth of a second)."""
    orders = np.array(list(itertools.permutations(range(n))), dtype=np.intp).reshape(-1, n)
    orders.setflags(write=False)
    return orders


def _spearman_exact_p(xs: np.ndarray, ys: np.ndarray, rho: float) -> float:
    """Share of the orderings of y whose |rho| reaches the observed |rho| (ties kept as midranks)."""
    rx = _scipy.rankdata(xs) - (xs.size + 1) / 2
    ry = _scipy.rankdata(ys) - (ys.size + 1) / 2
    orders = _orderings(int(xs.size))
    rhos = (ry[orders] @ rx) / math.sqrt(float((rx ** 2).sum() * (ry ** 2).sum()))
    return float(np.mean(np.abs(rhos) >= abs(rho) - 1e-12))


def spearman_interval(x: Sequence[float], y: Sequence[float], *, resamples: int = 2000,
                      confidence: float = 0.95, seed: int = 0) -> Interval | None:
    """Percentile bootstrap interval of Spearman's rho (pairs resampled together; resamples with a
    constant side are dropped). ``None`` when rho itself is undefined or no resample is usable."""
    _check_resampling(resamples, confidence)
    estimate = spearman(x, y).rho
    if estimate is None:
        return None
    xs, ys = _pairs(x, y)
    rng = np.random.default_rng(seed)
    index = rng.integers(0, xs.size, size=(resamples, xs.size))
    rx = _scipy.rankdata(xs[index], axis=1)
    ry = _scipy.rankdata(ys[index], axis=1)
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean(axis=1, keepdims=True)
    scale = np.sqrt((rx ** 2).sum(axis=1) * (ry ** 2).sum(axis=1))
    usable = scale > 0
    if not usable.any():
        return None
    rhos = (rx * ry).sum(axis=1)[usable] / scale[usable]
    low, high = np.quantile(rhos, [(1 - confidence) / 2, (1 + confidence) / 2])
    return Interval(float(estimate), float(low), float(high))


def holm(p_values: Sequence[float | None]) -> list[float | None]:
    """Holm-adjusted p-values in the input order: monotone in the raw p, never below it, capped
    at 1; ``None`` entries pass through and do not count towards the family size."""
    present = [(p, i) for i, p in enumerate(p_values) if p is not None]
    for p, _ in present:
        if not 0 <= p <= 1 or math.isnan(p):
            raise UsageError(f"expected p-values in [0, 1], got {p!r}")
    adjusted: list[float | None] = [None] * len(p_values)
    running = 0.0
    m = len(present)
    for rank, (p, index) in enumerate(sorted(present)):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[index] = running
    return adjusted


@dataclass(frozen=True)
class SignedRank:
    """A two-sided Wilcoxon signed-rank test of ``n`` non-zero differences (``zeros`` dropped):
    ``w`` is min(W+, W-); ``p_value`` and ``w`` are ``None`` without any difference; ``method`` is
    ``"exact"`` or ``"normal"``."""

    w: float | None
    p_value: float | None
    n: int
    zeros: int
    method: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def signed_rank(differences: Sequence[float], reference: float = 0.0) -> SignedRank:
    """Wilcoxon signed-rank test of ``differences - reference`` (see the module docstring): exact up
    to :data:`SIGNED_RANK_EXACT_LIMIT` non-zero differences, normal with tie correction above."""
    if len(differences) == 0:
        return SignedRank(None, None, 0, 0, "exact")
    values = _floats(differences, "differences") - float(reference)
    nonzero = values[values != 0]
    zeros = int(values.size - nonzero.size)
    if nonzero.size == 0:
        return SignedRank(0.0, 1.0, 0, zeros, "exact")
    doubled = np.rint(2 * _scipy.rankdata(np.abs(nonzero))).astype(int)  # midranks: multiples of 1/2
    w_plus = int(doubled[nonzero > 0].sum())
    total = int(doubled.sum())
    w = min(w_plus, total - w_plus) / 2
    if nonzero.size <= SIGNED_RANK_EXACT_LIMIT:
        # ways[s]: sign patterns of the ranks seen so far whose positive ranks sum (doubled) to s
        ways = np.zeros(total + 1)
        ways[0] = 1.0
        for rank in doubled:
            ways[rank:] = ways[rank:] + ways[:total + 1 - rank].copy()
        sums = np.arange(total + 1)
        extreme = np.abs(2 * sums - total) >= abs(2 * w_plus - total)
        p = float(ways[extreme].sum() / 2.0 ** nonzero.size)
        return SignedRank(float(w), min(1.0, p), int(nonzero.size), zeros, "exact")
    n = nonzero.size
    _, counts = np.unique(doubled, return_counts=True)
    variance = n * (n + 1) * (2 * n + 1) / 24 - float((counts ** 3 - counts).sum()) / 48
    z = (w_plus / 2 - n * (n + 1) / 4) / math.sqrt(variance)
    return SignedRank(float(w), float(min(1.0, 2 * _scipy.norm.sf(abs(z)))), int(n), zeros, "normal")


def seeds_needed(tests: int, alpha: float = 0.05) -> int:
    """The fewest differences with which a two-sided signed-rank test can still reach ``alpha``
    after Holm over ``tests`` tests: the smallest n with 2^(1-n) * tests < alpha."""
    if tests < 1:
        raise UsageError(f"expected at least one test, got tests={tests!r}")
    n = 1
    while 2.0 ** (1 - n) * tests >= alpha:
        n += 1
    return n


#: The standard normal quantile of a two-sided 95% interval.
_Z95 = 1.959963984540054


def wilson(successes: int, trials: int) -> Interval:
    """The share ``successes / trials`` with its 95% Wilson score interval (see the module
    docstring); a :class:`UsageError` without trials or with successes outside 0..trials."""
    if trials < 1 or not 0 <= successes <= trials:
        raise UsageError(f"expected 0 <= successes <= trials and trials >= 1, got {successes} of {trials}")
    z2 = _Z95 ** 2
    centre = (successes + z2 / 2) / (trials + z2)
    half = _Z95 / (trials + z2) * math.sqrt(successes * (trials - successes) / trials + z2 / 4)
    low = 0.0 if successes == 0 else max(0.0, centre - half)  # exactly the ends: no rounding past the share
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return Interval(successes / trials, low, high)
