"""The second opinion on a within-spec relation: a linear mixed model with spec and family as random effects.

For a comprehensibility metric x and a trust outcome y over the distinct artifacts of a scope,

    y_i = b0 + b1 * r_i + u_family(i) + v_spec(i) + e_i,

where r_i is x's rank **within its spec** scaled to [0, 1] (0 for the spec's lowest, 1 for its
highest; 0.5 for a spec's only artifact), so b1 is the change in y from a spec's lowest- to its
highest-ranked artifact; u and v are normal random intercepts (family, and spec as a variance
component inside family; spec alone when the scope holds one family) and e is normal noise. Ranks
within spec carry no between-spec difference, and the intercepts absorb spec difficulty, so b1
reads within specs, like the stratified rank correlation (:mod:`sva.results.strata`) it backs up
(a slope on ranks over the whole scope would mix in spec difficulty: random intercepts do not
remove a covariate's between-spec part). Fitted by statsmodels' ``MixedLM`` (REML);
b1 with its Wald 95% interval and p. A binary outcome (verified) is fitted as a linear
probability model: a description of direction and size, not the test the verdicts use.

Worked example: 12 specs of 10 artifacts in 4 families, y = 0.3 x + spec offset + noise
gives b1 near 0.3 * (the spread of x between its lowest and highest rank); with every
artifact of a spec sharing one y the within-spec slope is 0 whatever the offsets.

statsmodels and pandas are imported on the first fit, so reading results stays light.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass
from typing import Any, Sequence

import numpy as np
from scipy import stats as _scipy

__all__ = ["MixedFit", "mixed_slope"]


@dataclass(frozen=True)
class MixedFit:
    """b1 of the model in the module docstring with its 95% interval and p, over ``n``
    artifacts in ``specs`` specs; ``None`` values with a ``note`` when it cannot be fitted."""

    slope: float | None
    low: float | None
    high: float | None
    p_value: float | None
    n: int
    specs: int
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _ranks_within(x: np.ndarray, specs: Sequence[str]) -> np.ndarray:
    """Each value's rank among its spec's values, scaled to [0, 1] (0.5 for a spec of one value)."""
    ranks = np.full(x.size, 0.5)
    for spec in dict.fromkeys(specs):
        index = np.array([i for i, name in enumerate(specs) if name == spec])
        if index.size > 1:
            ranks[index] = (_scipy.rankdata(x[index]) - 1) / (index.size - 1)
    return ranks


def mixed_slope(x: Sequence[float], y: Sequence[float], specs: Sequence[str], families: Sequence[str]) -> MixedFit:
    """Fit the model of the module docstring (see there); never raises for data it cannot fit."""
    n, groups = len(x), len(set(specs))
    if n < 6 or groups < 2 or len(set(x)) < 2 or len(set(y)) < 2:
        return MixedFit(None, None, None, None, n, groups, "too few artifacts, specs or values to fit")
    import pandas as pd
    import statsmodels.formula.api as smf

    ranks = _ranks_within(np.asarray(x, dtype=float), list(specs))
    frame = pd.DataFrame({"y": np.asarray(y, dtype=float), "r": ranks, "spec": list(specs), "family": list(families)})
    several = frame["family"].nunique() > 1
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = smf.mixedlm("y ~ r", frame, groups="family" if several else "spec",
                                vc_formula={"spec": "0 + C(spec)"} if several else None)
            fit = model.fit(reml=True)
        low, high = (float(value) for value in fit.conf_int().loc["r"])
        slope, p = float(fit.params["r"]), float(fit.pvalues["r"])
    except (ValueError, np.linalg.LinAlgError, KeyError) as error:
        return MixedFit(None, None, None, None, n, groups, f"not fitted: {error}")
    if not all(np.isfinite(value) for value in (slope, low, high, p)):
        return MixedFit(None, None, None, None, n, groups, "not fitted: the fit did not converge")
    return MixedFit(slope, low, high, p, n, groups)
