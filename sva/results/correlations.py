"""The correlation claims (comprehensibility goes with trust): within specs first, per family too.

The rule: for each comprehensibility metric (decomposability, claimed positive; explanation length
and phi, claimed negative) and each trust outcome (every field of ``fields.TRUST``, ``verified``
as 0/1), the :class:`~sva.results.within.Relation` over the claim's scope: the **within-spec**
rank correlation (n-weighted mean of each spec's Spearman rho over its distinct programs), its
permutation p (trust shuffled within spec) and its 95% interval from resampling specs. Pooled
correlations are kept only as descriptions, labelled so. Before any test, what cannot vary is left
out with its reason (:mod:`sva.results.kinds`): an outcome or metric constant over the scope,
``verified`` on specs whose training covers every input it checks, a metric the generator's
construction settles; and a relation with no within-spec variation is **between generators only**
(or between specs only): described, never tested, never tallied.

The tested relations' p-values are adjusted across the claim's relations in that scope
(Benjamini-Hochberg for an exploratory claim; a confirmatory claim is tested at
``CONFIRMATORY_ALPHA``). A relation is *for* the claim when its adjusted p < 0.05 and its interval
excludes 0 on the claimed side, *against* when the same holds the other way. **Supported** when
more than half of the tested relations are for the claim and none against, **contradicted** the
other way round, **undecided** otherwise; **degenerate** when nothing in scope can vary.

- ``comprehensibility_tracks_trust``: every artifact, design and search mixed, within specs;
- ``comprehensibility_tracks_trust_within``: inside each (family, generator) group, within specs;
- ``explanation_tracks_trust`` (confirmatory): within search, explanation length against the
  held-out pass rate, within specs over every family.

Each overall result also gives every relation per family (``numbers["by_family"]``), the same
relation among artifacts that fit training perfectly and with size partialled out, and the mixed
model's slope (:mod:`sva.results.mixed`) as a second opinion.

Worked example: Feynman search on two specs, one easy (short exact formulas) and one hard (long,
untrusted ones, where the longer hold up better): pooled rho(E, held-out) -0.7 (a description),
within-spec rho +0.5 (the hard spec, the only one where trust varies): the claim is read on +0.5.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from sva.results import sentences as words
from sva.results.kinds import DEGENERATE, EMPIRICAL, constant_reason, settled_reason, verifiable
from sva.results.samples import distinct
from sva.results.strata import benjamini_hochberg
from sva.results.trustclaim import by_construction
from sva.results.verdicts import ALPHA, CONFIRMATORY_ALPHA, Claim, ClaimResult, Verdict
from sva.results.within import Relation, relation

__all__ = ["call", "correlation_claim", "group_relations"]


def call(entry: Claim, found: Relation, p_adjusted: float | None) -> str:
    """``"for"``, ``"against"`` or ``"neither"`` (see the module docstring); ``"between"`` when untested."""
    within = found.within
    if within.rho is None or within.interval is None or p_adjusted is None:
        return "between"
    level = CONFIRMATORY_ALPHA if entry.confirmatory else ALPHA
    if p_adjusted >= level or not within.interval.excludes_zero():
        return "neither"
    return "for" if within.rho * entry.sign(found.metric) > 0 else "against"


def _metrics(entry: Claim, artifacts: Sequence[Mapping[str, Any]], generator: str | None,
             skipped: list[str]) -> list[str]:
    kept = []
    for metric in entry.metrics:
        settled = settled_reason((generator,), metric) if generator else None
        reason = f"{metric}: settled by construction ({settled})" if settled else constant_reason(artifacts, metric)
        if reason:
            skipped.append(reason)
        else:
            kept.append(metric)
    return kept


def group_relations(entry: Claim, rows: Sequence[Mapping[str, Any]], generator: str | None, seed: int,
                    label: str = "", mixed: bool = True) -> tuple[list[Relation], list[str]]:
    """The claim's relations over ``rows`` (one scope) and the reasons for what was left out."""
    skipped: list[str] = []
    metrics = _metrics(entry, distinct(rows), generator, skipped)
    found: list[Relation] = []
    for outcome in entry.outcomes:
        scope = verifiable(rows) if outcome == "verified" else list(rows)
        if outcome == "verified" and not scope:
            skipped.append("verified: training covers every input the verification checks on these specs")
            continue
        facts = by_construction(scope, generator, outcome) if generator else []
        reason = (f"{outcome}: settled by construction ({'; '.join(facts)})" if facts
                  else constant_reason(distinct(scope), outcome))
        if reason:
            skipped.append(reason)
            continue
        found.extend(relation(scope, metric, outcome, group=label, seed=seed, mixed=mixed) for metric in metrics)
    return found, skipped


def _groups(entry: Claim, rows: Sequence[Mapping[str, Any]]) -> list[tuple[str | None, str, list[Mapping[str, Any]]]]:
    """(generator or None, label, rows) of each group the claim tests in ``rows``."""
    if entry.generators:
        rows = [row for row in rows if row.get("generator") in entry.generators]
    if not entry.within:
        only = entry.generators[0] if len(entry.generators) == 1 else None
        return [(only, only or "", list(rows))]
    keys = list(dict.fromkeys((row.get("family") or "", row["generator"]) for row in rows))
    return [(generator, f"{family} {generator}".strip(),
             [row for row in rows if (row.get("family") or "", row["generator"]) == (family, generator)])
            for family, generator in keys]


def _relations(entry: Claim, rows: Sequence[Mapping[str, Any]], seed: int, mixed: bool,
               ) -> tuple[list[Relation], list[str]]:
    found: list[Relation] = []
    skipped: list[str] = []
    for generator, label, members in _groups(entry, rows):
        kept, left = group_relations(entry, members, generator, seed, label, mixed)
        found.extend(kept)
        skipped.extend(f"{label}: {reason}" if label else reason for reason in left)
    return found, skipped


def _adjusted(entry: Claim, found: Sequence[Relation]) -> list[float | None]:
    raw = [None if item.between else item.within.p_value for item in found]
    if entry.confirmatory:
        return raw
    return benjamini_hochberg(raw)


def _judge(calls: Sequence[str]) -> str:
    tested = [value for value in calls if value != "between"]
    half = len(tested) / 2
    if tested and calls.count("for") > half and "against" not in calls:
        return "supported"
    if tested and calls.count("against") > half and "for" not in calls:
        return "contradicted"
    return "undecided"


def _verdict(entry: Claim, rows: Sequence[Mapping[str, Any]], seed: int, scope: str, mixed: bool,
             ) -> tuple[str, str, dict[str, Any], str, str | None]:
    found, skipped = _relations(entry, rows, seed, mixed)
    adjusted = _adjusted(entry, found)
    calls = [call(entry, item, p) for item, p in zip(found, adjusted)]
    numbers: dict[str, Any] = {"artifacts": len(distinct(rows)), "cells": len(rows), "not_tested": skipped,
                               "correlations": [{**item.as_json(), "p_adjusted": p, "call": c}
                                                for item, p, c in zip(found, adjusted, calls)]}
    if not found or all(c == "between" for c in calls):
        reasons = skipped + [words.between_part(item) for item in found]
        reason = "; ".join(reasons) or "no artifacts"
        return DEGENERATE, words.sentence(entry.headline, scope, DEGENERATE, [reason]), numbers, DEGENERATE, reason
    verdict = _judge(calls)
    parts = [words.relation_part(item, p) for item, p in zip(found, adjusted)]
    if skipped:
        parts.append(words.not_tested_part(skipped))
    return verdict, words.sentence(entry.headline, scope, verdict, parts), numbers, EMPIRICAL, None


def _by_family(entry: Claim, done: Sequence[Mapping[str, Any]], seed: int) -> dict[str, Any]:
    families = list(dict.fromkeys(str(row.get("family") or "") for row in done))
    found = {}
    for family in families:
        verdict, sentence, numbers, _, _ = _verdict(entry, [row for row in done if str(row.get("family") or "") == family],
                                                    seed, words.on_family(family), False)
        found[family] = {"verdict": verdict, "sentence": sentence, "correlations": numbers["correlations"]}
    return found


def correlation_claim(entry: Claim, done: Sequence[Mapping[str, Any]], specs: Sequence[str],
                      seed: int) -> ClaimResult:
    """The correlation claim's result overall, per family (in the numbers) and on every spec."""
    per_spec = []
    for spec in specs:
        verdict, sentence, numbers, kind, reason = _verdict(entry, [row for row in done if row["spec"] == spec],
                                                            seed, words.on_spec(spec), False)
        per_spec.append(Verdict(spec, verdict, sentence, numbers, kind, reason))
    scoped = [row for row in done if not entry.generators or row.get("generator") in entry.generators]
    verdict, sentence, numbers, kind, reason = _verdict(entry, done, seed, words.over_all(len(distinct(scoped)),
                                                                                         len(scoped)), True)
    numbers["by_family"] = _by_family(entry, done, seed)
    return ClaimResult(entry.name, entry.statement, verdict, sentence, numbers, tuple(per_spec), kind, reason)
