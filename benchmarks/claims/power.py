"""Power of the confirmatory claims by simulation: how many search seeds the default preset needs.

``python benchmarks/claims/power.py [--simulations N]`` prints, for each confirmatory test of
docs/claims.md and each number of search seeds k, the share of simulated runs in which the test
rejects at its threshold (0.05 / 3, Bonferroni over the three confirmatory claims), under the
assumptions below (each one stated in docs/claims.md beside the table). The tests are the ones
``sva claims`` runs (:mod:`sva.results.strata`, :func:`sva.results.stats.signed_rank`); only the
data are simulated. Seeded (``numpy.random.default_rng``): the same table on every run.

Assumptions (from the default run's families and a 10-spec, 4-seed run of the same preset):

- ``explanation_tracks_trust``: S = 20 specs where search's held-out pass rate varies (of 45;
  on the rest every search run is right or trust is not measured); per spec, k search runs of
  which 90% are distinct programs; (E, held-out) bivariate normal with a within-spec Spearman
  rho of -0.3 (Pearson 2 sin(pi rho / 6)); tested by the within-spec permutation test.
- ``design_trusted``: S = 36 specs with a held-out pass rate; d_s = delta + b_s + mean of k
  seed errors, delta = 0.10, between-spec spread b_s ~ N(0, 0.20), seed spread N(0, 0.25);
  tested by the exact signed-rank test over specs.
- ``shorter_explanations``: S = 44 specs; per spec the difference of design's E and the median of
  k search runs, standardized effect 0.3 between-spec spread 1 (opposite signs across families
  included), seed spread 1; the signed-rank test over specs.
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from sva.results.stats import signed_rank
from sva.results.strata import within_permutation

LEVEL = 0.05 / 3
SEEDS = (5, 8, 10, 11, 12, 15)


def _correlated(rng: np.random.Generator, n: int, rho_s: float) -> tuple[np.ndarray, np.ndarray]:
    r = 2 * math.sin(math.pi * rho_s / 6)
    x = rng.normal(size=n)
    return x, r * x + math.sqrt(1 - r * r) * rng.normal(size=n)


def explanation_power(k: int, rng: np.random.Generator, simulations: int, specs: int = 20,
                      rho_s: float = -0.3) -> float:
    hits = 0
    for _ in range(simulations):
        distinct = max(3, round(0.9 * k))
        strata = [_correlated(rng, distinct, rho_s) for _ in range(specs)]
        p = within_permutation([(list(x), list(y)) for x, y in strata], resamples=300,
                               seed=int(rng.integers(2 ** 31)))
        hits += p is not None and p < LEVEL
    return hits / simulations


def _over_specs(differences: np.ndarray) -> bool:
    return signed_rank(differences.tolist()).p_value < LEVEL


def trust_power(k: int, rng: np.random.Generator, simulations: int, specs: int = 36, delta: float = 0.10,
                between: float = 0.20, seed_sd: float = 0.25) -> float:
    hits = 0
    for _ in range(simulations):
        d = delta + rng.normal(0, between, specs) + rng.normal(0, seed_sd, (specs, k)).mean(axis=1)
        hits += _over_specs(d)
    return hits / simulations


def explanation_length_power(k: int, rng: np.random.Generator, simulations: int, specs: int = 44,
                             effect: float = 0.3) -> float:
    hits = 0
    for _ in range(simulations):
        d = effect + rng.normal(0, 1, specs) - np.median(rng.normal(0, 1, (specs, k)), axis=1)
        hits += _over_specs(d)
    return hits / simulations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--simulations", type=int, default=400)
    args = parser.parse_args()
    rng = np.random.default_rng(20261207)
    print(f"{'seeds':>5} {'cells':>5} {'explanation_tracks_trust':>25} {'design_trusted':>15} "
          f"{'shorter_explanations':>21}")
    for k in SEEDS:
        print(f"{k:>5} {45 * (k + 1):>5} {explanation_power(k, rng, args.simulations):>25.2f} "
              f"{trust_power(k, rng, args.simulations):>15.2f} {explanation_length_power(k, rng, args.simulations):>21.2f}")


if __name__ == "__main__":
    main()
