"""Within-stratum statistics: a relation estimated inside each stratum (a spec) and combined across them.

Artifacts are nested in specs and specs in families. A correlation over the pooled artifacts of
many specs can come from spec difficulty alone (hard specs give long untrusted formulas, easy
ones short exact formulas: Simpson's paradox), so every relation between comprehensibility and
trust is estimated **within** each stratum first. Pure functions over strata, each stratum a
tuple of equal-length samples ``(x, y)`` or ``(x, y, z)``; every resampling draws from
``numpy.random.default_rng(seed)``.

Stratified rank correlation (:func:`stratified_rho`): Spearman's rho inside each stratum s whose
x and y both vary (n_s >= 3 pairs), combined as the n-weighted mean

    rho_w = sum_s n_s rho_s / sum_s n_s   over the strata where rho_s is defined.

Worked example (a Simpson's table): stratum A has x = [1, 2, 3], y = [0.0, 0.1, 0.2] (rho +1),
stratum B has x = [10, 11, 12], y = [0.8, 0.9, 1.0] (rho +1): rho_w = +1, although every pair
(x, y) of B lies right of and above every one of A only because B is the other stratum; with B's
y reversed, y = [1.0, 0.9, 0.8] (rho -1), rho_w = (3 * 1 - 3 * 1) / 6 = 0 while the pooled rho
over all six pairs is +0.77. With no stratum where both vary the relation is **between strata
only**: rho_w is ``None`` (:attr:`Stratified.note`), and nothing is tested.

Partial rank correlation (:func:`partial_rho`): rho of x and y with z partialled out, from the
three Spearman rhos, ``(r_xy - r_xz r_yz) / sqrt((1 - r_xz^2)(1 - r_yz^2))``; stratified the same
way (``control=True``: each stratum is (x, y, z)). For r_xy = 0.5, r_xz = 0.5, r_yz = 0.5:
(0.5 - 0.25) / 0.75 = 0.33. A stratum where z fixes x or y (|r_xz| = 1 or |r_yz| = 1) has no
partial rho and is left out.

Permutation test within strata (:func:`within_permutation`): under the null that y is
exchangeable with x inside each stratum, y is shuffled within each stratum ``resamples`` times
(strata never mix) and rho_w recomputed; the two-sided p is ``(1 + #{|rho_w*| >= |rho_w|}) /
(1 + resamples)``, never 0. Spec difficulty cannot make it small: it moves every artifact of a
stratum together, and the shuffle keeps that.

Bootstrap over strata (:func:`strata_bootstrap`): resample the strata (whole specs) with
replacement, ``resamples`` times, recompute rho_w, and report the percentile interval; strata,
not artifacts, are the independent units. With strata A (rho +1, n 3) and B (rho -1, n 3), a
resample is AA (+1), AB or BA (0) or BB (-1), so the 95% interval is [-1, +1].

Benjamini-Hochberg (:func:`benjamini_hochberg`): sort the m p-values ascending, q_(k) =
min over j >= k of min(1, m p_(j) / j), each put back in its place; ``None`` entries pass
through. For [0.01, 0.04, 0.03]: 3 * 0.01 / 1 = 0.03, 3 * 0.03 / 2 = 0.045, 3 * 0.04 / 3 = 0.04;
the running minimum from the top gives [0.03, 0.04, 0.04].
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Sequence

import numpy as np
from scipy import stats as _scipy

from sva.errors import UsageError
from sva.results.stats import Interval

__all__ = ["Stratified", "benjamini_hochberg", "partial_rho", "stratified_rho", "strata_bootstrap",
           "within_permutation"]

#: A stratum: (x, y) or (x, y, z) samples of one spec, equal lengths.
Stratum = Sequence[Sequence[float]]


@dataclass(frozen=True)
class Stratified:
    """A within-strata correlation: ``rho`` the n-weighted mean of the strata's rhos (``None``
    when no stratum has one: ``note`` says why), ``strata`` how many had one, ``n`` their pairs,
    ``p_value`` of the within-strata permutation test and ``interval`` from resampling strata."""

    rho: float | None
    strata: int
    n: int
    p_value: float | None = None
    interval: Interval | None = None
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _centred_ranks(values: Sequence[float]) -> np.ndarray:
    array = np.asarray([float(value) for value in values], dtype=float)
    if not np.all(np.isfinite(array)):
        raise UsageError("a stratum holds a non-finite value: drop it first")
    ranks = _scipy.rankdata(array)
    return ranks - ranks.mean()


def _rho(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pearson correlation of centred rank vectors, along the last axis (``nan`` where one is constant)."""
    scale = np.sqrt((a ** 2).sum(axis=-1) * (b ** 2).sum(axis=-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(scale > 0, (a * b).sum(axis=-1) / np.where(scale > 0, scale, 1.0), np.nan)


def _partial(rxy: np.ndarray, rxz: np.ndarray, ryz: np.ndarray) -> np.ndarray:
    denominator = (1 - rxz ** 2) * (1 - ryz ** 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 1e-12, (rxy - rxz * ryz) / np.sqrt(np.where(denominator > 1e-12,
                                                                                    denominator, 1.0)), np.nan)


def partial_rho(x: Sequence[float], y: Sequence[float], z: Sequence[float]) -> float | None:
    """Spearman's partial rho of ``x`` and ``y`` given ``z`` (``None`` when undefined)."""
    rx, ry, rz = (_centred_ranks(sample) for sample in (x, y, z))
    value = float(_partial(_rho(rx, ry), _rho(rx, rz), _rho(ry, rz)))
    return None if math.isnan(value) else value


class _Prepared:
    """The strata as centred ranks, checked once; ``rhos(ry)`` gives each stratum's (partial) rho."""

    def __init__(self, strata: Sequence[Stratum], control: bool):
        width = 3 if control else 2
        self.ranks: list[tuple[np.ndarray, ...]] = []
        for stratum in strata:
            if len(stratum) != width or len({len(sample) for sample in stratum}) != 1:
                raise UsageError(f"a stratum must hold {width} samples of one length")
            if len(stratum[0]) >= 3:
                self.ranks.append(tuple(_centred_ranks(sample) for sample in stratum))
        self.control = control

    def rho(self, index: int, ry: np.ndarray) -> np.ndarray:
        ranks = self.ranks[index]
        value = _rho(ranks[0], ry)
        if self.control:
            value = _partial(value, _rho(ranks[0], ranks[2]), _rho(ry, ranks[2]))
        return value


def _weighted(rhos: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """n-weighted mean over the last axis, ignoring ``nan`` strata (``nan`` when none is left)."""
    weights = np.where(np.isnan(rhos), 0.0, sizes)
    total = weights.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (np.nan_to_num(rhos) * weights).sum(axis=-1) / np.where(total > 0, total, 1), np.nan)


def _observed(prepared: _Prepared) -> tuple[np.ndarray, np.ndarray]:
    rhos = np.array([prepared.rho(i, ranks[1]) for i, ranks in enumerate(prepared.ranks)], dtype=float)
    sizes = np.array([ranks[0].size for ranks in prepared.ranks], dtype=float)
    return rhos, sizes


@dataclass(frozen=True)
class _Observed:
    """The strata prepared for one statistic, their rhos and sizes, and the stratified rho."""

    prepared: _Prepared
    rhos: np.ndarray
    sizes: np.ndarray
    value: float


def _defined(strata: Sequence[Stratum], control: bool) -> _Observed | None:
    """The observed stratified rho and what it was computed from; ``None`` when it is undefined."""
    prepared = _Prepared(strata, control)
    rhos, sizes = _observed(prepared)
    observed = _weighted(rhos, sizes)
    if np.isnan(observed):
        return None
    return _Observed(prepared, rhos, sizes, float(observed))


def stratified_rho(strata: Sequence[Stratum], *, control: bool = False) -> Stratified:
    """The n-weighted mean of the strata's Spearman rhos (partial rhos given z when ``control``);
    no test (see :func:`within_permutation` and :func:`strata_bootstrap`)."""
    prepared = _Prepared(strata, control)
    rhos, sizes = _observed(prepared)
    defined = ~np.isnan(rhos)
    if not defined.any():
        return Stratified(None, 0, 0, note="no stratum where both vary: between strata only")
    return Stratified(float(_weighted(rhos, sizes)), int(defined.sum()), int(sizes[defined].sum()))


def within_permutation(strata: Sequence[Stratum], *, control: bool = False, resamples: int = 2000,
                       seed: int = 0) -> float | None:
    """Two-sided p of the stratified rho when y is shuffled within each stratum (``None`` when
    the stratified rho is undefined)."""
    found = _defined(strata, control)
    if found is None:
        return None
    prepared, rhos, sizes = found.prepared, found.rhos, found.sizes
    rng = np.random.default_rng(seed)
    drawn = np.empty((resamples, len(prepared.ranks)))
    for i, ranks in enumerate(prepared.ranks):
        shuffled = rng.permuted(np.broadcast_to(ranks[1], (resamples, ranks[1].size)), axis=1)
        drawn[:, i] = prepared.rho(i, shuffled) if not np.isnan(rhos[i]) else np.nan
    statistics = _weighted(drawn, sizes)
    extreme = np.sum(np.abs(statistics) >= abs(found.value) - 1e-12)
    return float((1 + extreme) / (1 + resamples))


def strata_bootstrap(strata: Sequence[Stratum], *, control: bool = False, resamples: int = 2000,
                     confidence: float = 0.95, seed: int = 0) -> Interval | None:
    """Percentile interval of the stratified rho over resamples of whole strata (``None`` when
    it is undefined)."""
    found = _defined(strata, control)
    if found is None:
        return None
    rhos, sizes = found.rhos, found.sizes
    rng = np.random.default_rng(seed)
    index = rng.integers(0, rhos.size, size=(resamples, rhos.size))
    statistics = _weighted(rhos[index], sizes[index])
    usable = statistics[~np.isnan(statistics)]
    low, high = np.quantile(usable, [(1 - confidence) / 2, (1 + confidence) / 2])
    return Interval(found.value, float(low), float(high))


def benjamini_hochberg(p_values: Sequence[float | None]) -> list[float | None]:
    """Benjamini-Hochberg adjusted p-values (step-up), ``None`` passed through and not counted."""
    present = [(i, float(p)) for i, p in enumerate(p_values) if p is not None]
    adjusted: list[float | None] = [None] * len(p_values)
    m = len(present)
    running = 1.0
    for rank, (i, p) in reversed(list(enumerate(sorted(present, key=lambda item: item[1]), start=1))):
        running = min(running, m * p / rank)
        adjusted[i] = min(1.0, running)
    return adjusted
