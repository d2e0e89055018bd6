"""The correlation claims (comprehensibility goes with trust): over distinct artifacts, pooled and within each generator.

The rule: Spearman's rho of each comprehensibility metric (decomposability, claimed positive;
explanation length, claimed negative) with each trust outcome (held-out pass rate, shift pass
rate, verified as 0/1), over the **distinct artifacts** in scope (one per module hash, so the
runner's copies of a design cell count once and ``n`` is the number of artifacts). Before any
test, :mod:`sva.results.kinds` takes out what cannot vary: an outcome or metric constant
over the artifacts in scope, ``verified`` on specs whose training covers every input it checks
(rows kept only where the training share is below 1), and, within a generator, a metric that
the generator's construction settles. The rest are tested with Holm across the claim's
correlations in that scope. A correlation is *for* the claim when it points the claimed way with
Holm p < 0.05 and its bootstrap interval excludes 0, *against* when the same holds the other way.
**Supported** when every tested correlation is for it, **contradicted** when every one is
against, **inconclusive** otherwise; **degenerate** (with the reasons, no test) when nothing in
scope can vary.

- ``comprehensibility_tracks_trust`` pools every artifact of the scope: design and search mixed,
  so it says whether the comprehensible *kind* of artifact is the trusted kind.
- ``comprehensibility_tracks_trust_within`` tests inside each (family, generator) group and pools
  the groups' correlations in one Holm family: whether, among one generator's artifacts, the more
  comprehensible ones are the more trusted. Per spec, within each generator on that spec.

Worked example: over parity-5-half, design's one artifact (D 0.8, held-out 1.0) and five distinct
search artifacts (D 0 each, held-out 0.06, 1.0, 0.06, 0.5, 0.25) pool to n = 6; within search D is
settled by construction, so only explanation length is tested there.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from typing import Any, Mapping, Sequence

from sva.results import sentences as words
from sva.results.kinds import DEGENERATE, EMPIRICAL, constant_reason, settled_reason, verifiable
from sva.results.stats import holm
from sva.results.samples import Correlation, correlate, distinct
from sva.results.verdicts import ALPHA, Claim, ClaimResult, Verdict

__all__ = ["correlation_claim", "group_correlations"]


def _call(entry: Claim, correlation: Correlation) -> str:
    if correlation.rho is None:
        return "undefined"
    strong = (correlation.p_holm is not None and correlation.p_holm < ALPHA
              and correlation.interval is not None and correlation.interval.excludes_zero())
    if not strong:
        return "neither"
    return "for" if correlation.rho * entry.sign(correlation.metric) > 0 else "against"


def _scope_rows(rows: Sequence[Mapping[str, Any]], outcome: str) -> list[Mapping[str, Any]]:
    return verifiable(rows) if outcome == "verified" else list(rows)


def group_correlations(entry: Claim, rows: Sequence[Mapping[str, Any]], generator: str | None,
                       seed: int) -> tuple[list[Correlation], list[str]]:
    """The testable correlations of ``entry`` over ``rows``' distinct artifacts (each with raw p;
    Holm is the caller's) and the reasons for what was left out; ``generator`` names the group
    when the rows are one generator's."""
    artifacts = distinct(rows)
    skipped: list[str] = []
    metrics = []
    for metric in entry.metrics:
        settled = settled_reason((generator,), metric) if generator else None
        reason = (f"{metric}: settled by construction ({settled})" if settled
                  else constant_reason(artifacts, metric))
        if reason:
            skipped.append(reason)
        else:
            metrics.append(metric)
    found: list[Correlation] = []
    for outcome in entry.outcomes:
        scope = _scope_rows(artifacts, outcome)
        if outcome == "verified" and not scope:
            skipped.append("verified: training covers every input the verification checks on these specs")
            continue
        reason = constant_reason(scope, outcome)
        if reason:
            skipped.append(reason)
            continue
        for metric in metrics:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                for correlation in correlate(scope, [metric], [outcome], seed=seed):
                    if correlation.rho is None:
                        skipped.append(f"rho({metric}, {outcome}) undefined ({correlation.note})")
                    else:
                        found.append(correlation)
    return found, skipped


def _with_holm(correlations: Sequence[Correlation]) -> list[Correlation]:
    adjusted = holm([c.p_value for c in correlations])
    return [replace(c, p_holm=p) for c, p in zip(correlations, adjusted)]


def _groups(entry: Claim, rows: Sequence[Mapping[str, Any]]) -> list[tuple[str | None, str, list[Mapping[str, Any]]]]:
    """(generator or None, label, rows) of each group the claim tests in ``rows``."""
    if not entry.within:
        return [(None, "", list(rows))]
    keys = list(dict.fromkeys((row.get("family") or "", row["generator"]) for row in rows))
    return [(generator, f"{family} {generator}".strip(),
             [row for row in rows if (row.get("family") or "", row["generator"]) == (family, generator)])
            for family, generator in keys]


def _verdict(entry: Claim, rows: Sequence[Mapping[str, Any]], seed: int, scope: str,
             ) -> tuple[str, str, dict[str, Any], str, str | None]:
    groups = _groups(entry, rows)
    tagged: list[tuple[str, Correlation]] = []
    skipped: list[str] = []
    for generator, label, members in groups:
        found, left = group_correlations(entry, members, generator, seed)
        tagged.extend((label, correlation) for correlation in found)
        skipped.extend(f"{label}: {reason}" if label else reason for reason in left)
    adjusted = _with_holm([correlation for _, correlation in tagged])
    numbers: dict[str, Any] = {"artifacts": len(distinct(rows)), "cells": len(rows), "not_tested": skipped,
                               "correlations": []}
    if not adjusted:
        reason = "; ".join(skipped) or "no artifacts"
        return DEGENERATE, words.sentence(entry.headline, scope, DEGENERATE, [reason]), numbers, DEGENERATE, reason
    parts, calls = [], []
    for (label, _), correlation in zip(tagged, adjusted):
        call = _call(entry, correlation)
        calls.append(call)
        parts.append(words.correlation_part(correlation, label))
        numbers["correlations"].append({**correlation.as_json(), "group": label, "call": call})
    if all(call == "for" for call in calls):
        verdict = "supported"
    elif all(call == "against" for call in calls):
        verdict = "contradicted"
    else:
        verdict = "inconclusive"
    if skipped:
        parts.append(words.not_tested_part(skipped))
    return verdict, words.sentence(entry.headline, scope, verdict, parts), numbers, EMPIRICAL, None


def correlation_claim(entry: Claim, done: Sequence[Mapping[str, Any]], specs: Sequence[str],
                      seed: int) -> ClaimResult:
    """The correlation claim's result overall and on every spec (see the module docstring)."""
    per_spec = []
    for spec in specs:
        verdict, sentence, numbers, kind, reason = _verdict(entry, [row for row in done if row["spec"] == spec],
                                                            seed, words.on_spec(spec))
        per_spec.append(Verdict(spec, verdict, sentence, numbers, kind, reason))
    artifacts = len(distinct(done))
    verdict, sentence, numbers, kind, reason = _verdict(entry, done, seed, words.over_all(artifacts, len(done)))
    return ClaimResult(entry.name, entry.statement, verdict, sentence, numbers, tuple(per_spec), kind, reason)
