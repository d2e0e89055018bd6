"""The trust claim that can fail both ways: design against search on every trust outcome, two-sided.

For each trust outcome (every field of ``fields.TRUST``: held-out and shift pass rates, verified,
and any the families' judges add) and each spec where both generators have a value, the spec's
difference is

    d_s = design's value (its one artifact) - the mean of search's runs on s.

Over specs (the units; no seed is paired with a copy of design): the mean difference, its 95%
interval from resampling specs (seeded), and the exact two-sided signed-rank test of the d_s
against 0. The verdicts:

- **contradicted**, either "search more trusted" (p < level, interval below 0) or **"search at
  least as trusted"**: the interval's top is at most :data:`MARGIN` (design's advantage, if any,
  is under 0.05 of a pass rate, however consistent);
- **supported** (design more trusted): otherwise, p < the claim's level and the interval above 0;
- **undecided** otherwise.

The same is given **conditional on search's training success**: search's runs restricted to those
that fit training perfectly (``training_pass_rate`` = 1), so the claim asks whether a search
artifact that passes every training case is trusted less than design. Every figure is also given
per family. Where a family declares design correct by construction for an outcome
(:attr:`sva.core.family.Family.construction`), the claim says so: design's side of it is a
reference that writes down the known answer, and the comparison measures search against it.

Worked example: three specs, design 1.0 on each, search's runs averaging 0.6, 0.9 and 1.0:
d = 0.4, 0.1, 0; the zero is dropped and two positive differences give exact p = 0.5: undecided,
though the mean difference (0.17) is positive; with ten specs each at d = 0.1 p = 0.002 and the
claim is supported.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from sva.families import all_families
from sva.results import sentences as words
from sva.results.fields import TRUST
from sva.results.kinds import EMPIRICAL, verifiable
from sva.results.samples import distinct, values
from sva.results.stats import Interval, signed_rank
from sva.results.strata import benjamini_hochberg
from sva.results.verdicts import ALPHA, CONFIRMATORY_ALPHA, Claim, ClaimResult, Verdict

__all__ = ["MARGIN", "TrustDifference", "by_construction", "spec_differences", "trust_claim", "trust_difference"]

#: The largest advantage of design that still reads "search at least as trusted".
MARGIN = 0.05


@dataclass(frozen=True)
class TrustDifference:
    """Design minus search on one trust outcome over ``specs`` specs (see the module docstring)."""

    outcome: str
    specs: int
    mean: float | None
    interval: Interval | None
    p_value: float | None
    design: float | None
    search: float | None
    p_adjusted: float | None = None
    verdict: str = "no data"
    direction: str = ""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def spec_differences(rows: Sequence[Mapping[str, Any]], outcome: str, sides: tuple[str, str],
                     fit_only: bool = False) -> list[tuple[str, float, float]]:
    """(spec, first side's value, second side's mean) per spec where both have ``outcome``;
    ``fit_only`` keeps only the second side's runs that fit training perfectly; ``verified`` only
    where training is not the whole domain (:func:`sva.results.kinds.verifiable`)."""
    if outcome == "verified":
        rows = verifiable(rows)
    found = []
    for spec in dict.fromkeys(str(row["spec"]) for row in rows):
        mine = [row for row in rows if str(row["spec"]) == spec and row.get(outcome) is not None]
        first = values(distinct([row for row in mine if row.get("generator") == sides[0]]), outcome)
        second_rows = [row for row in mine if row.get("generator") == sides[1]]
        if fit_only:
            second_rows = [row for row in second_rows if row.get("training_pass_rate") == 1]
        second = values(second_rows, outcome)
        if first and second:
            found.append((spec, float(np.mean(first)), float(np.mean(second))))
    return found


def _interval(differences: np.ndarray, seed: int, resamples: int = 2000) -> Interval:
    rng = np.random.default_rng(seed)
    means = differences[rng.integers(0, differences.size, size=(resamples, differences.size))].mean(axis=1)
    low, high = np.quantile(means, [0.025, 0.975])
    return Interval(float(differences.mean()), float(low), float(high))


def trust_difference(rows: Sequence[Mapping[str, Any]], outcome: str, sides: tuple[str, str] = ("design", "search"),
                     *, fit_only: bool = False, seed: int = 0) -> TrustDifference:
    """The unadjusted :class:`TrustDifference` of ``outcome`` over the specs of ``rows``."""
    found = spec_differences(rows, outcome, sides, fit_only)
    if not found:
        return TrustDifference(outcome, 0, None, None, None, None, None)
    differences = np.array([first - second for _, first, second in found])
    return TrustDifference(outcome, len(found), float(differences.mean()), _interval(differences, seed),
                           signed_rank(differences.tolist()).p_value, float(np.mean([f for _, f, _ in found])),
                           float(np.mean([s for _, _, s in found])))


def judged(found: TrustDifference, p_adjusted: float | None, level: float) -> TrustDifference:
    """``found`` with its adjusted p, verdict and direction (see the module docstring)."""
    if found.interval is None:
        return found
    interval = found.interval
    significant = p_adjusted is not None and p_adjusted < level
    if significant and interval.high < 0:
        verdict, direction = "contradicted", "search more trusted"
    elif interval.high <= MARGIN:
        verdict, direction = "contradicted", f"search at least as trusted (design's advantage under {MARGIN})"
    elif significant and interval.low > 0:
        verdict, direction = "supported", "design more trusted"
    else:
        verdict, direction = "undecided", "design more trusted" if (found.mean or 0) > 0 else "search more trusted"
    return TrustDifference(**{**asdict(found), "interval": interval, "p_adjusted": p_adjusted,
                              "verdict": verdict, "direction": direction})


def by_construction(rows: Sequence[Mapping[str, Any]], generator: str, outcome: str) -> list[str]:
    """Why ``generator``'s ``outcome`` holds by construction in the families of ``rows``: each
    family's declared fact (:attr:`sva.core.family.Family.construction`), once."""
    present = {str(row.get("family") or "") for row in rows}
    facts = []
    for family in all_families():
        if family.name in present:
            for fact in family.construction:
                if fact.generator == generator and outcome in fact.outcomes and fact.why not in facts:
                    facts.append(f"{family.name}: {fact.why}")
    return facts


def _outcomes(entry: Claim) -> tuple[str, ...]:
    return entry.metrics or tuple(info.name for info in TRUST)


def _scope(entry: Claim, rows: Sequence[Mapping[str, Any]], seed: int) -> list[TrustDifference]:
    """Every outcome, then every outcome conditional on training success; the first is the
    claim's primary test (tested at the claim's level), the rest exploratory (BH)."""
    found = [trust_difference(rows, outcome, entry.sides, seed=seed) for outcome in _outcomes(entry)]
    found += [trust_difference(rows, outcome, entry.sides, fit_only=True, seed=seed) for outcome in _outcomes(entry)]
    level = CONFIRMATORY_ALPHA if entry.confirmatory else ALPHA
    primary = [judged(found[0], found[0].p_value, level)]
    rest = benjamini_hochberg([item.p_value for item in found[1:]])
    return primary + [judged(item, p, ALPHA) for item, p in zip(found[1:], rest)]


def _result(entry: Claim, rows: Sequence[Mapping[str, Any]], seed: int, scope: str) -> tuple[str, str, dict[str, Any]]:
    found = _scope(entry, rows, seed)
    count = len(_outcomes(entry))
    parts = [words.trust_part(item, conditional=i >= count) for i, item in enumerate(found) if item.specs]
    facts = [fact for outcome in _outcomes(entry) for fact in by_construction(rows, entry.sides[0], outcome)]
    facts = list(dict.fromkeys(facts))
    if facts:
        parts.append("by construction: " + "; ".join(facts) + " (design is a reference here: the comparison "
                     "measures search against the known answer)")
    verdict = found[0].verdict
    numbers = {"differences": [item.as_json() for item in found[:count]],
               "conditional_on_training_fit": [item.as_json() for item in found[count:]],
               "by_construction": facts, "margin": MARGIN}
    return verdict, words.sentence(entry.headline, scope, verdict, parts or ["no spec has both generators"]), numbers


def trust_claim(entry: Claim, done: Sequence[Mapping[str, Any]], specs: Sequence[str], seed: int) -> ClaimResult:
    """The two-sided trust claim overall (per family in the numbers) and per spec."""
    per_spec = []
    for spec in specs:
        verdict, sentence, numbers = _result(entry, [row for row in done if row["spec"] == spec], seed,
                                             words.on_spec(spec))
        per_spec.append(Verdict(spec, verdict, sentence, numbers, EMPIRICAL, None))
    verdict, sentence, numbers = _result(entry, done, seed, words.OVERALL)
    numbers["by_family"] = {}
    for family in dict.fromkeys(str(row.get("family") or "") for row in done):
        mine = [row for row in done if str(row.get("family") or "") == family]
        numbers["by_family"][family] = dict(zip(("verdict", "sentence"),
                                                _result(entry, mine, seed, words.on_family(family))[:2]))
    return ClaimResult(entry.name, entry.statement, verdict, sentence, numbers, tuple(per_spec), EMPIRICAL, None)
