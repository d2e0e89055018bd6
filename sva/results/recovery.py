"""The recovery claim: how much of design's comprehensibility post-hoc factorization gives back.

A recovery claim names three generators, ``between = (start, treated, target)`` (search, the
factorized artifacts built from search's, design), and comprehensibility metrics. On one spec and
metric, with design better than search there (the **gap**: design's median beyond search's in the
direction ``fields.py`` calls better), the **share of the gap closed** is

    share = (median(start) - median(treated)) / (median(start) - median(target))

(1: the treated artifacts are as comprehensible as design's; 0: no better than search's; above 1
past design; below 0 worse than search), with a percentile bootstrap interval: the start's and the
treated's runs resampled together by seed (a factorized artifact is made from the search artifact
of its seed), the target's median held. The claim is that factorization recovers **most**: a
per-spec metric is *for* it when the interval lies above 1/2, *against* when it lies below 1/2,
neither otherwise; **degenerate** (no gap to close) where design is not better than search or
every value is one. Per spec the metrics' verdicts combine as comparisons do
(:func:`sva.results.comparisons.combine`). **Overall**, per metric: the exact signed-rank
test of the specs' shares against 1/2 (specs are the units), Holm across the claim's metrics;
supported when the Holm p < 0.05 and the median share is above 1/2, contradicted when below.

Worked example: search's explanation lengths on a spec are 60, 62, 58 (median 60), factorized's
44, 48, 40 (median 44), design's 40: share = (60 - 44) / (60 - 40) = 0.8; every resample of
the three seed pairs keeps the share between 0.6 and 1.0, so the metric is *for* the claim.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from sva.results import sentences as words
from sva.results.comparisons import combine
from sva.results.fields import field_info
from sva.results.kinds import DEGENERATE, EMPIRICAL
from sva.results.stats import holm, median, signed_rank
from sva.results.verdicts import ALPHA, Claim, ClaimResult, Verdict

__all__ = ["MOST", "gap_share_interval", "recovery_claim"]

#: the share of the gap "most" means
MOST = 0.5


def _by_seed(rows: Sequence[Mapping[str, Any]], generator: str, metric: str) -> dict[int, float]:
    return {int(row["seed"]): float(row[metric]) for row in rows
            if row.get("generator") == generator and row.get(metric) is not None}


def gap_share_interval(start: Mapping[int, float], treated: Mapping[int, float], target: float, *,
                       resamples: int = 2000, seed: int = 0) -> tuple[float, float, float] | None:
    """(share, low, high) of the gap from ``start``'s median to ``target`` that ``treated``'s
    median closes, the seeds both have resampled together; ``None`` with no shared seed or no gap."""
    seeds = sorted(set(start) & set(treated))
    if not seeds:
        return None
    a = np.array([start[s] for s in seeds])
    b = np.array([treated[s] for s in seeds])
    gap = float(np.median(a)) - target
    if gap == 0:
        return None
    share = (float(np.median(a)) - float(np.median(b))) / gap
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(seeds), size=(resamples, len(seeds)))
    gaps = np.median(a[picks], axis=1) - target
    usable = gaps != 0
    shares = (np.median(a[picks], axis=1)[usable] - np.median(b[picks], axis=1)[usable]) / gaps[usable]
    if shares.size == 0:
        return share, share, share
    low, high = np.quantile(shares, [0.025, 0.975])
    return share, float(low), float(high)


def _metric(entry: Claim, rows: Sequence[Mapping[str, Any]], metric: str, seed: int) -> dict[str, Any]:
    start_name, treated_name, target_name = entry.between
    start, treated = _by_seed(rows, start_name, metric), _by_seed(rows, treated_name, metric)
    targets = [float(row[metric]) for row in rows if row.get("generator") == target_name and row.get(metric) is not None]
    numbers: dict[str, Any] = {"metric": metric, "median_start": median(list(start.values())) if start else None,
                               "median_treated": median(list(treated.values())) if treated else None,
                               "target": median(targets) if targets else None, "pairs": len(set(start) & set(treated))}
    if not start or not treated or not targets:
        return {**numbers, "verdict": "no data", "reason": f"no {' or '.join(n for n, v in ((start_name, start), (treated_name, treated), (target_name, targets)) if not v)} value"}
    better = 1 if field_info(metric).better == "higher" else -1
    if (numbers["target"] - numbers["median_start"]) * better <= 0:
        return {**numbers, "verdict": DEGENERATE,
                "reason": f"{target_name} is not more comprehensible than {start_name} by {metric} here: no gap to close"}
    found = gap_share_interval(start, treated, numbers["target"], seed=seed)
    if found is None:
        return {**numbers, "verdict": DEGENERATE, "reason": "no seed has both values"}
    share, low, high = (value + 0.0 for value in found)  # + 0.0: no '-0.00' in the sentences
    call = "for" if low > MOST else "against" if high < MOST else "neither"
    verdict = {"for": "supported", "against": "contradicted", "neither": "inconclusive"}[call]
    return {**numbers, "share": share, "low": low, "high": high, "call": call, "verdict": verdict}


def _part(entry: Claim, found: Mapping[str, Any]) -> str:
    start, treated, target = entry.between
    head = (f"{words.label(found['metric'])}: {words.num(found['median_treated'])} ({treated}) between "
            f"{words.num(found['median_start'])} ({start}) and {words.num(found['target'])} ({target})")
    if "share" not in found:
        return f"{head}; {found['reason']}"
    return (f"{head}: {treated} closes {words.num(found['share'])} [{words.num(found['low'])}, "
            f"{words.num(found['high'])}] of the gap over {found['pairs']} seeds")


def recovery_claim(entry: Claim, done: Sequence[Mapping[str, Any]], specs: Sequence[str], seed: int) -> ClaimResult:
    """The recovery claim's result overall and on every spec (see the module docstring)."""
    per_spec: list[Verdict] = []
    shares: dict[str, list[float]] = {metric: [] for metric in entry.metrics}
    for spec in specs:
        found = [_metric(entry, [row for row in done if row["spec"] == spec], metric, seed) for metric in entry.metrics]
        for item in found:
            if "share" in item:
                shares[item["metric"]].append(item["share"])
        per_spec.append(_spec_verdict(entry, spec, found))
    overall, verdicts, parts = _overall_metrics(entry, shares)
    verdict = combine(verdicts) if any(shares.values()) else (DEGENERATE if done else "no data")
    if not any(row.get("generator") == entry.between[1] for row in done):
        verdict = "no data"
        parts = [f"no {entry.between[1]} cell in the run"]
    kind = EMPIRICAL if verdict not in (DEGENERATE,) else DEGENERATE
    reason = "no spec where design is more comprehensible than search" if verdict == DEGENERATE else None
    return ClaimResult(entry.name, entry.statement, verdict,
                       words.sentence(entry.headline, words.OVERALL, verdict, parts or [reason or ""]),
                       {"metrics": overall, "between": list(entry.between), "most": MOST}, tuple(per_spec), kind, reason)


def _spec_verdict(entry: Claim, spec: str, found: Sequence[Mapping[str, Any]]) -> Verdict:
    """The claim on one spec: its metrics' verdicts combined, with one part of the sentence each."""
    verdict = combine([item["verdict"] for item in found])
    kind = EMPIRICAL if verdict not in (DEGENERATE, "no data") else verdict
    parts = [_part(entry, item) for item in found if item["verdict"] != "no data"] or \
            [f"no {' and '.join(entry.between)} values of {', '.join(entry.metrics)}"]
    reason = "; ".join(item.get("reason", "") for item in found if item["verdict"] == DEGENERATE) or None
    return Verdict(spec, verdict, words.sentence(entry.headline, words.on_spec(spec), verdict, parts),
                   {"metrics": found}, kind if kind != "no data" else EMPIRICAL, reason)


def _overall_metrics(entry: Claim, shares: Mapping[str, Sequence[float]]
                     ) -> tuple[dict[str, Any], list[str], list[str]]:
    """(numbers by metric, verdicts, sentence parts) of each metric's specs' shares against
    :data:`MOST`: the signed-rank test, Holm across the claim's metrics."""
    tests = {metric: signed_rank(values, reference=MOST) for metric, values in shares.items() if values}
    adjusted = dict(zip(tests, holm([test.p_value for test in tests.values()])))
    overall: dict[str, Any] = {}
    parts, verdicts = [], []
    for metric in entry.metrics:
        values = shares[metric]
        if not values:
            overall[metric] = {"specs": 0, "verdict": DEGENERATE}
            verdicts.append(DEGENERATE)
            continue
        middle, p_value, p_holm = median(values), tests[metric].p_value, adjusted[metric]
        verdict = ("supported" if middle > MOST else "contradicted") if p_holm is not None and p_holm < ALPHA \
            and middle != MOST else "inconclusive"
        overall[metric] = {"specs": len(values), "median_share": middle, "p_value": p_value,
                           "p_holm": p_holm, "verdict": verdict}
        verdicts.append(verdict)
        parts.append(f"by {words.label(metric)}: a median {words.num(middle)} of the gap closed over {len(values)} "
                     f"specs with a gap, signed-rank against {MOST} p = {words.p(p_value)} "
                     f"(Holm {words.p(p_holm)})")
    return overall, verdicts, parts
