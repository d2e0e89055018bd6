"""Matching claims: on what share of specs one generator is at least as good as another.

A matching claim (:attr:`sva.results.verdicts.Claim.matches`) asks how much of its second side's
trust the first side recovers: design-auto against hand design, whose trust is the known answer's.
Per spec and metric (the spec's values as :func:`sva.results.trustclaim.spec_differences` gives
them: each side's mean over its artifacts, ``verified`` and ``trusted`` only where training is not
the whole domain), the first side **meets** the second when its value is at least the second's
(to within :data:`TOLERANCE`). Over the specs with both values, the **share** that meet, with its
95% Wilson interval (:func:`sva.results.stats.wilson`; specs are the units).

Verdicts, on the first metric (the primary; the others are stated beside it): **supported** when
the interval lies above :data:`MOST` (most of the second's trust recovered), **contradicted** when
it lies below, **undecided** otherwise. On one spec the claim compares two values: supported when
the first side meets the second on the primary metric, contradicted when it does not. The second
side's construction facts (:attr:`sva.core.family.Family.construction`) are stated: where it
writes down the known answer, the share is how often the first side reaches that answer's trust.

Worked example: design's held-out pass rate is 1.0 on ten specs; design-auto's is 1.0 on eight and
0.9 and 0.4 on the other two: 8 of 10 meet, share 0.8 [0.49, 0.94]: the interval reaches below 1/2,
so undecided; with 40 of 50, [0.67, 0.89]: supported.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Mapping, Sequence

from sva.results import sentences as words
from sva.results.stats import wilson
from sva.results.trustclaim import by_construction, spec_differences
from sva.results.verdicts import Claim, ClaimResult, Verdict

__all__ = ["MOST", "TOLERANCE", "Share", "match_claim", "share_of"]

#: The share of specs "most" means.
MOST = 0.5
#: How far below the second side's value the first's may be and still meet it (rounding only).
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Share:
    """On ``met`` of ``specs`` specs the first side is at least as ``quality`` as the second on
    ``metric``: ``share`` with its Wilson interval ``[low, high]``; ``unmet`` names the others."""

    metric: str
    sides: tuple[str, str]
    quality: str
    specs: int
    met: int
    share: float | None
    low: float | None
    high: float | None
    unmet: tuple[str, ...]
    verdict: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def share_of(rows: Sequence[Mapping[str, Any]], metric: str, sides: tuple[str, str],
             quality: str = "trusted") -> Share:
    """The :class:`Share` of the specs of ``rows`` where the first side meets the second."""
    found = spec_differences(rows, metric, sides)
    if not found:
        return Share(metric, sides, quality, 0, 0, None, None, None, (), "no data")
    unmet = tuple(spec for spec, first, second in found if first < second - TOLERANCE)
    met = len(found) - len(unmet)
    interval = wilson(met, len(found))
    if len(found) == 1:
        verdict = "supported" if met else "contradicted"
    else:
        verdict = "supported" if interval.low > MOST else "contradicted" if interval.high < MOST else "undecided"
    return Share(metric, sides, quality, len(found), met, interval.estimate, interval.low, interval.high, unmet,
                 verdict)


def _result(entry: Claim, rows: Sequence[Mapping[str, Any]], scope: str) -> tuple[str, str, dict[str, Any]]:
    shares = [share_of(rows, metric, entry.sides, entry.quality) for metric in entry.metrics]
    parts = [words.share_part(share) for share in shares if share.specs]
    facts = list(dict.fromkeys(fact for metric in entry.metrics for fact in by_construction(rows, entry.sides[1], metric)))
    if facts:
        parts.append("by construction: " + "; ".join(facts) + f" ({entry.sides[1]} is a reference here: the share "
                     f"is how often {entry.sides[0]} reaches the trust of the known answer)")
    verdict = shares[0].verdict
    if not parts:
        parts = [words.no_pairs_part(entry.metrics[0], entry.sides)]
    return verdict, words.sentence(entry.headline, scope, verdict, parts), {
        "shares": shares, "by_construction": facts, "most": MOST}


def match_claim(entry: Claim, done: Sequence[Mapping[str, Any]], specs: Sequence[str], seed: int) -> ClaimResult:
    """The matching claim overall (per family in the numbers) and per spec; ``seed`` is unused
    (nothing is resampled)."""
    per_spec = []
    for spec in specs:
        verdict, sentence, numbers = _result(entry, [row for row in done if row["spec"] == spec], words.on_spec(spec))
        per_spec.append(Verdict(spec, verdict, sentence, numbers))
    verdict, sentence, numbers = _result(entry, done, words.OVERALL)
    numbers["by_family"] = {}
    for family in dict.fromkeys(str(row.get("family") or "") for row in done):
        family_verdict, family_sentence, family_numbers = _result(
            entry, [row for row in done if str(row.get("family") or "") == family], words.on_family(family))
        numbers["by_family"][family] = {"verdict": family_verdict, "sentence": family_sentence,
                                        "shares": family_numbers["shares"]}
    return ClaimResult(entry.name, entry.statement, verdict, sentence, numbers, tuple(per_spec))
