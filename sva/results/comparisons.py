"""The comparison claims (design against search on a metric): per spec and overall, with error control.

The rule (the one home of it; ``sva claims``, the report and ``benchmarks/claims`` only read it):

- **Kind first** (:func:`sva.results.kinds.comparison_kind`): a comparison settled by how the
  generators build is *structural*, one whose values cannot vary is *degenerate*; neither is
  tested and neither counts as a finding. The rest are *empirical*.
- **Per spec** (empirical only): the comparison of :func:`sva.results.samples.compare` (the
  deterministic design's one value against search's runs by the exact one-sample signed-rank
  test; two stochastic generators by Mann-Whitney). Its p-value is corrected with Holm across
  every empirical per-spec test of every comparison claim in the run (m tests). **Supported**
  when Cliff's delta is large (|delta| >= 0.474) in the claimed direction, the bootstrap interval
  of the difference excludes 0 on that side and the Holm p < 0.05; **contradicted** when the same
  holds the other way; **undecided (too few seeds)** when the effect and interval are there but the test
  could not reach 0.05 with its n runs whatever the data (the smallest possible p times m is at
  least 0.05), with the seeds it would need (:func:`sva.results.stats.seeds_needed`);
  **undecided** otherwise; **no data** when a generator has no value.
- **Overall** (per metric): one difference per empirical spec (the difference of medians design -
  search), tested against 0 by the exact signed-rank test over specs, so specs are the units and
  no seed is paired with another; Benjamini-Hochberg across the overall tests of the exploratory
  comparison claims, Bonferroni over the confirmatory claims (p x 3 < 0.05) for a confirmatory one.
  Supported when the Holm p < 0.05 and the median difference points the claimed way,
  contradicted when it points the other way, undecided otherwise. Without an empirical spec
  the overall kind is structural (or degenerate) with the reasons, and no test is made.
- A claim on several metrics combines them per spec (:func:`combine`).

Worked example: design's explanation length on majority-5 is 56 (one artifact), search's five runs
are 120, 131, 98, 140, 117: delta = -1 (large, claimed direction), the interval of the difference
excludes 0, the exact signed-rank p = 2/32 = 0.0625 before Holm: 5 runs can never reach 0.05, so
the verdict is undecided, its sentence "too few seeds, design better here (56 design vs 120 search;
lower is better) (n = 5; at least 12 needed ...)" for a run with 68 per-spec tests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from sva.results import sentences as words
from sva.results.kinds import DEGENERATE, EMPIRICAL, STRUCTURAL, Kind, comparison_kind
from sva.results.stats import bootstrap_difference, cliffs_delta, holm, median, seeds_needed, signed_rank
from sva.results.samples import Comparison, compare, sample, search_cost, values
from sva.results.strata import benjamini_hochberg
from sva.results.verdicts import ALPHA, CONFIRMATORY_ALPHA, LARGE, Claim, ClaimResult, Verdict

__all__ = ["SpecTest", "attainable", "combine", "comparison_claims", "spec_tests"]


@dataclass(frozen=True)
class SpecTest:
    """One comparison claim's metric on one spec: the comparison, its kind, and its p-value
    after Holm across the run's empirical per-spec tests (``None`` when untested)."""

    claim: str
    metric: str
    spec: str
    comparison: Comparison
    kind: Kind
    p_family: float | None = None


def attainable(comparison: Comparison) -> float:
    """The smallest two-sided p the comparison's test could give with its sample sizes: 2/2^n for
    the signed-rank test over n runs, 2/C(n1 + n2, n1) for Mann-Whitney, 1 without a test."""
    if comparison.test == "signed-rank":
        return min(1.0, 2.0 / 2 ** comparison.runs)
    if comparison.test == "mann-whitney":
        return min(1.0, 2.0 / math.comb(comparison.n_first + comparison.n_second, comparison.n_first))
    return 1.0


def spec_tests(done: Sequence[Mapping[str, Any]], entries: Sequence[Claim], seed: int) -> list[SpecTest]:
    """Every comparison claim's every metric on every spec, classified, with Holm across the
    empirical ones."""
    tests: list[SpecTest] = []
    by_side: dict[tuple[str, str | None], list[Mapping[str, Any]]] = {}
    for row in done:
        by_side.setdefault((row["spec"], row.get("generator")), []).append(row)
    for entry in entries:
        for comparison in compare(done, entry.metrics, seed=seed, sides=entry.sides):
            first, second = (sample(by_side.get((comparison.spec, side), []), side, comparison.metric)
                             for side in entry.sides)
            kind = comparison_kind(comparison.metric, first, second, entry.sign(comparison.metric), entry.sides)
            tests.append(SpecTest(entry.name, comparison.metric, comparison.spec, comparison, kind))
    tested = [i for i, test in enumerate(tests) if test.kind.finding and test.comparison.p_value is not None]
    adjusted = holm([tests[i].comparison.p_value for i in tested])
    for i, p in zip(tested, adjusted):
        test = tests[i]
        tests[i] = SpecTest(test.claim, test.metric, test.spec, test.comparison, test.kind, p)
    return tests


def _verdict(test: SpecTest, sign: int, family_size: int) -> str:
    if not test.kind.finding:
        return test.kind.kind
    comparison = test.comparison
    interval = comparison.difference
    if abs(comparison.delta) >= LARGE and interval.excludes_zero():
        pointing = 1 if comparison.delta > 0 else -1
        if pointing == (1 if interval.low > 0 else -1):
            if test.p_family is not None and test.p_family < ALPHA:
                return "supported" if pointing == sign else "contradicted"
            if attainable(comparison) * family_size >= ALPHA:
                return _FEW
    return "undecided"


#: What :func:`_verdict` says of a finding no outcome of its runs could have decided; reported as
#: undecided with the seeds it would need.
_FEW = "too few seeds"


def combine(verdicts: Sequence[str]) -> str:
    """One verdict from several metrics' verdicts on one spec: the findings decide when there
    are any (all supported, all contradicted, else undecided); otherwise structural before
    degenerate; no data when nothing was compared."""
    findings = [verdict for verdict in verdicts if verdict not in (STRUCTURAL, DEGENERATE, "no data")]
    if findings:
        for shared in ("supported", "contradicted"):
            if all(verdict == shared for verdict in findings):
                return shared
        return "undecided"
    for kind in (STRUCTURAL, DEGENERATE):
        if kind in verdicts:
            return kind
    return "no data"


def _absent(done: Sequence[Mapping[str, Any]], spec: str, metrics: Sequence[str],
            sides: Sequence[str]) -> list[str]:
    mine = [row for row in done if row["spec"] == spec]
    return [generator for generator in sides
            if not any(row.get("generator") == generator and any(row.get(metric) is not None for metric in metrics)
                       for row in mine)]


def _kind_of(verdict: str, reasons: Sequence[str]) -> tuple[str, str | None]:
    if verdict in (STRUCTURAL, DEGENERATE):
        return verdict, "; ".join(dict.fromkeys(reasons)) or None
    return EMPIRICAL, None


def _per_spec(entry: Claim, done: Sequence[Mapping[str, Any]], specs: Sequence[str], tests: Sequence[SpecTest],
              family_size: int) -> tuple[list[Verdict], dict[str, dict[str, str]]]:
    per_spec: list[Verdict] = []
    by_metric: dict[str, dict[str, str]] = {metric: {} for metric in entry.metrics}
    needed = seeds_needed(max(1, family_size))
    for spec in specs:
        mine = [test for test in tests if test.claim == entry.name and test.spec == spec]
        numbers: dict[str, Any] = {"metrics": {}}
        parts, verdicts, reasons = [], [], []
        for test in mine:
            verdict = _verdict(test, entry.sign(test.metric), family_size)
            few = verdict == _FEW
            verdict = "undecided" if few else verdict
            by_metric[test.metric][spec] = _FEW if few else verdict
            numbers["metrics"][test.metric] = {**test.comparison.as_json(), "kind": test.kind.kind,
                                               "kind_reason": test.kind.reason, "p_family": test.p_family,
                                               "tests_in_family": family_size, "verdict": verdict}
            if few:
                numbers["metrics"][test.metric].update(too_few_seeds=True, seeds_needed=needed)
            parts.append(words.spec_part(test.comparison, verdict, len(mine) > 1, test.p_family, test.kind.reason,
                                         needed if few else None))
            verdicts.append(verdict)
            if test.kind.reason:
                reasons.append(test.kind.reason)
        verdict = combine(verdicts)
        if entry.reports_cost:
            cost = search_cost([row for row in done if row["spec"] == spec])
            numbers["search_cost"] = cost
            parts.append(words.cost_part(cost))
        if not mine:
            reason = words.absent_part(_absent(done, spec, entry.metrics, entry.sides), entry.metrics)
            numbers["reason"] = reason
            parts.insert(0, reason)
        kind, kind_reason = _kind_of(verdict, reasons)
        per_spec.append(Verdict(spec, verdict, words.sentence(entry.headline, words.on_spec(spec), verdict, parts),
                                numbers, kind, kind_reason))
    return per_spec, by_metric


def _reasons(tests: Sequence[SpecTest]) -> list[str]:
    """Why specs were not findings, each reason once with the specs it holds on: a reason found on
    some specs only is a fact about those specs, never about every artifact of the run."""
    counts: dict[str, int] = {}
    for test in tests:
        if test.kind.reason:
            counts[test.kind.reason] = counts.get(test.kind.reason, 0) + 1
    return [f"{reason} (on {'every spec' if count == len(tests) else words.specs_count(count)})"
            for reason, count in counts.items()]


def _overall_tests(tests: Sequence[SpecTest], entries: Sequence[Claim]) -> dict[tuple[str, str], dict[str, Any]]:
    """The signed-rank test over specs of every comparison claim's every metric, adjusted (see the
    module docstring; stored as ``p_holm``)."""
    overall: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        for metric in entry.metrics:
            mine = [test for test in tests if test.claim == entry.name and test.metric == metric]
            empirical = [test for test in mine if test.kind.finding]
            differences = [test.comparison.difference.estimate for test in empirical]
            result = signed_rank(differences)
            overall[(entry.name, metric)] = {
                "specs": len(mine), "specs_empirical": len(empirical),
                "specs_structural": sum(test.kind.kind == STRUCTURAL for test in mine),
                "specs_degenerate": sum(test.kind.kind == DEGENERATE for test in mine),
                "median_difference": median(differences) if differences else None,
                # resampling specs: the median per-spec difference's percentile interval
                "interval": bootstrap_difference(differences, [0.0]).as_json() if differences else None,
                "signed_rank": result.w, "p_value": result.p_value, "test": "signed-rank over specs",
                "reasons": _reasons(mine)}
    _adjust(overall, {entry.name for entry in entries if entry.confirmatory})
    return overall


def _adjust(overall: dict[tuple[str, str], dict[str, Any]], confirmatory: set[str]) -> None:
    """Each overall test's adjusted p (stored as ``p_holm``): Benjamini-Hochberg across the
    exploratory claims' tests; a confirmatory claim's p scaled to its level (x 3)."""
    keys = [key for key, test in overall.items() if test["p_value"] is not None and key[0] not in confirmatory]
    for key, p in zip(keys, benjamini_hochberg([overall[key]["p_value"] for key in keys])):
        overall[key]["p_holm"] = p
    for key, test in overall.items():
        scaled = key[0] in confirmatory and test["p_value"] is not None
        test["p_holm"] = min(1.0, test["p_value"] * ALPHA / CONFIRMATORY_ALPHA) if scaled else test.get("p_holm")


def _overall_verdict(test: Mapping[str, Any], sign: int) -> str:
    if not test["specs"]:
        return "no data"
    if not test["specs_empirical"]:
        return STRUCTURAL if test["specs_structural"] else DEGENERATE
    if test["p_holm"] is None or test["p_holm"] >= ALPHA or not test["median_difference"]:
        return "undecided"
    return "supported" if (test["median_difference"] > 0) == (sign > 0) else "contradicted"


def by_family(tests: Sequence[SpecTest], name: str, metric: str,
              done: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """The overall test of one claim's metric inside each family: the median per-spec difference
    with its interval resampling the family's specs, the exact signed-rank test over that family's
    per-spec differences (empirical specs only), Benjamini-Hochberg across the families. Pooling
    families can hide opposite effects (design shorter on every sorting spec, longer on most
    Feynman specs); this shows them."""
    family_of = {row["spec"]: str(row.get("family") or "") for row in done}
    found: dict[str, list[float]] = {}
    for test in tests:
        if test.claim == name and test.metric == metric and test.kind.finding:
            found.setdefault(family_of.get(test.spec, ""), []).append(test.comparison.difference.estimate)
    result: dict[str, dict[str, Any]] = {family: {"specs": len(differences),
                                                  "median_difference": median(differences),
                                                  "interval": bootstrap_difference(differences, [0.0]).as_json(),
                                                  "p_value": signed_rank(differences).p_value}
                                         for family, differences in found.items()}
    for entry, p in zip(result.values(), benjamini_hochberg([entry["p_value"] for entry in result.values()])):
        entry["p_adjusted"] = p
    return result


def _claim(entry: Claim, done: Sequence[Mapping[str, Any]], specs: Sequence[str], tests: Sequence[SpecTest],
           overall: Mapping[tuple[str, str], Mapping[str, Any]], family_size: int) -> ClaimResult:
    per_spec, by_metric = _per_spec(entry, done, specs, tests, family_size)
    numbers_all: dict[str, Any] = {"metrics": {}}
    parts: list[str] = []
    verdicts: list[str] = []
    reasons: list[str] = []
    several = sum(1 for metric in entry.metrics if overall[(entry.name, metric)]["specs"]) > 1
    for metric in entry.metrics:
        test = overall[(entry.name, metric)]
        verdict = _overall_verdict(test, entry.sign(metric))
        counted = by_metric[metric]
        first, second = (values([row for row in done if row.get("generator") == side], metric)
                         for side in entry.sides)
        numbers = {**test, "verdict": verdict, "sides": list(entry.sides),
                   **{f"specs_{name.replace(' ', '_')}": sum(value == name for value in counted.values())
                      for name in ("supported", "contradicted", "undecided", _FEW)},
                   "median_first": median(first) if first else None,
                   "median_second": median(second) if second else None,
                   "delta": cliffs_delta(first, second) if first and second else None}
        numbers["by_family"] = by_family(tests, entry.name, metric, done)
        numbers_all["metrics"][metric] = numbers
        verdicts.append(verdict)
        reasons.extend(test["reasons"] if verdict in (STRUCTURAL, DEGENERATE) else [])
        if not test["specs"]:
            if len(entry.metrics) == 1:
                parts.append(words.no_pairs_part(metric, entry.sides))
            continue
        parts.append(words.overall_part(metric, verdict, several, numbers))
        if len(numbers["by_family"]) > 1:
            parts.append(words.family_part(metric, numbers["by_family"]))
    verdict = combine(verdicts)
    if entry.reports_cost:
        cost = search_cost(done)
        numbers_all["search_cost"] = cost
        parts.append(words.cost_part(cost))
    kind, kind_reason = _kind_of(verdict, reasons)
    return ClaimResult(entry.name, entry.statement, verdict, words.sentence(entry.headline, words.OVERALL, verdict, parts),
                       numbers_all, tuple(per_spec), kind, kind_reason)


def comparison_claims(done: Sequence[Mapping[str, Any]], entries: Sequence[Claim], specs: Sequence[str],
                      seed: int) -> dict[str, ClaimResult]:
    """Every comparison claim's result by name (Holm across all of them, per spec and overall)."""
    tests = spec_tests(done, entries, seed)
    family_size = sum(1 for test in tests if test.p_family is not None)
    overall = _overall_tests(tests, entries)
    return {entry.name: _claim(entry, done, specs, tests, overall, family_size) for entry in entries}
