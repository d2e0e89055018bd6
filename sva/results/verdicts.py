"""The records of the claims: a claim, its verdict in one scope, and its result over a run.

Pure data shared by the claims' definitions (:mod:`sva.results.claims`) and the two kinds of
evaluation (:mod:`sva.results.comparisons`, :mod:`sva.results.correlations`). A
verdict is one of :data:`VERDICTS`; its ``kind`` (:mod:`sva.results.kinds`) says whether it
is a finding (``"empirical"``), a fact of how the generators build (``"structural"``) or an
outcome that could not vary (``"degenerate"``). Only findings count in a tally.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

import numpy as np

from sva.results.fields import field_info
from sva.results.kinds import DEGENERATE, EMPIRICAL, STRUCTURAL

__all__ = ["ALPHA", "CONFIRMATORY_ALPHA", "CONFIRMATORY_COUNT", "Claim", "ClaimResult", "FINDINGS", "LARGE", "SAYS", "UNTESTED", "VERDICTS", "Verdict", "plain",
           "rule", "test_outcome"]

#: The verdicts of a finding, then those that are not findings, then no data.
VERDICTS = ("supported", "contradicted", "undecided", STRUCTURAL, DEGENERATE, "no data")
#: The verdicts a finding can have: one vocabulary in ``sva claims``, the report and the claims
#: tests (a finding without enough seeds to decide is undecided, and its numbers say so).
FINDINGS = ("supported", "contradicted", "undecided")
#: The word a line says for each verdict, in the order of :data:`VERDICTS` (``sva claims``, the
#: ``says`` of ``claims.json``): a finding's own word; a structural fact is ``by construction``, a
#: degenerate outcome ``cannot vary``.
SAYS = {"supported": "supported", "contradicted": "contradicted", "undecided": "undecided",
        STRUCTURAL: "by construction", DEGENERATE: "cannot vary", "no data": "no data"}
#: The verdicts a claims test skips: not a finding. A pass is thus always evidence the data could
#: have withheld.
UNTESTED = ("no data", STRUCTURAL, DEGENERATE)
#: How many claims are confirmatory (fixed in docs/claims.md before the runs that test them: three
#: before the default run, the fourth, ``auto_trusted``, before any run with ``design-auto``).
CONFIRMATORY_COUNT = 4
#: The confirmatory claims' significance level: ALPHA split over the confirmatory claims
#: (Bonferroni over four), each tested once, overall.
CONFIRMATORY_ALPHA = 0.05 / CONFIRMATORY_COUNT
#: Smallest |Cliff's delta| that counts as a large effect (Romano et al. 2006).
LARGE = 0.474
#: Significance level applied to Holm-adjusted p-values.
ALPHA = 0.05


@dataclass(frozen=True)
class Claim:
    """One claim of the essay. A comparison claim says the ``better`` generator, one of its two
    ``sides`` (``("design", "search")`` unless stated), has ``direction`` (``"higher"`` or
    ``"lower"``) values of each metric; a
    correlation claim (``outcomes`` non-empty) says each metric, read the way ``fields.py`` calls
    better, goes with higher trust outcomes, over all artifacts or (``within``) inside each
    generator."""

    name: str
    headline: str
    statement: str
    metrics: tuple[str, ...]
    better: str | None = None
    direction: str | None = None
    outcomes: tuple[str, ...] = ()
    #: the claim's sentences also report what search cost (evaluations and seconds)
    reports_cost: bool = False
    #: a correlation claim tested inside each (family, generator) rather than over all artifacts
    within: bool = False
    #: the two generators a comparison claim sets against each other (first minus second)
    sides: tuple[str, str] = ("design", "search")
    #: a recovery claim's (start, treated, target) generators: how much of the gap from start to
    #: target the treated artifacts close (:mod:`sva.results.recovery`)
    between: tuple[str, ...] = ()
    #: fixed in docs/claims.md before the run with its test and threshold
    #: (:data:`CONFIRMATORY_ALPHA`); every other claim is exploratory (Benjamini-Hochberg)
    confirmatory: bool = False
    #: only these generators' rows enter the claim (all when empty)
    generators: tuple[str, ...] = ()
    #: a two-sided claim: the first side against the second on each metric, one difference per
    #: spec (:mod:`sva.results.trustclaim`); "the second at least as trusted" is a possible verdict
    #: when ``quality`` is ``"trusted"``
    two_sided: bool = False
    #: what a two-sided or matching claim says the first side is more of: ``"trusted"`` (trust
    #: outcomes; the margin of "at least as trusted" applies) or ``"comprehensible"``
    quality: str = "trusted"
    #: further generators a two-sided claim sets its first side against, each on every metric
    #: (exploratory lines beside the claim's own comparison)
    against: tuple[str, ...] = ()
    #: a matching claim: the share of specs where the first side is at least as good as the second
    #: on each metric (:mod:`sva.results.matching`)
    matches: bool = False

    @property
    def kind(self) -> str:
        if self.between:
            return "recovery"
        if self.matches:
            return "match"
        if self.two_sided:
            return "trust"
        return "correlation" if self.outcomes else "comparison"

    def sign(self, metric: str) -> int:
        """The claimed sign of first - second side (comparison) or of rho (correlation) for ``metric``."""
        if self.kind in ("correlation", "recovery"):
            return 1 if field_info(metric).better == "higher" else -1
        up = 1 if self.direction == "higher" else -1
        return up if self.better == self.sides[0] else -up

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "kind": self.kind}


@dataclass(frozen=True)
class Verdict:
    """A claim's verdict in one scope (a spec): one of :data:`VERDICTS`, its kind and why, a
    sentence, the numbers."""

    spec: str
    verdict: str
    sentence: str
    numbers: dict[str, Any] = field(default_factory=dict)
    kind: str = EMPIRICAL
    kind_reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"spec": self.spec, "verdict": self.verdict, "sentence": self.sentence, "kind": self.kind,
                "kind_reason": self.kind_reason, "numbers": plain(self.numbers)}


@dataclass(frozen=True)
class ClaimResult:
    """A claim's overall verdict (with its kind) and its verdict on every spec in the rows."""

    name: str
    statement: str
    verdict: str
    sentence: str
    numbers: dict[str, Any]
    specs: tuple[Verdict, ...]
    kind: str = EMPIRICAL
    kind_reason: str | None = None

    def spec(self, name: str) -> Verdict:
        for entry in self.specs:
            if entry.spec == name:
                return entry
        raise KeyError(f"no verdict of {self.name} for spec {name!r}")

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "statement": self.statement, "verdict": self.verdict,
                "sentence": self.sentence, "kind": self.kind, "kind_reason": self.kind_reason,
                "numbers": plain(self.numbers), "specs": [entry.as_json() for entry in self.specs]}


def rule(entry: Claim) -> str:
    """The rule that gave ``entry``'s verdict, printed beside it (``sva claims``, the report)."""
    level = (f"confirmatory, p < {CONFIRMATORY_ALPHA:.4f} (0.05 over the {CONFIRMATORY_COUNT} confirmatory claims)"
             if entry.confirmatory else "exploratory, Benjamini-Hochberg FDR < 0.05")
    if entry.kind == "correlation":
        return (f"{level}: within-spec rank correlation (n-weighted mean of each spec's Spearman rho), "
                "permutation p shuffling trust within spec, 95% interval resampling specs; a correlation counts "
                "when significant with its interval excluding 0; supported when more than half count for the claim "
                "and none against, contradicted the other way, else undecided")
    first, second = entry.sides
    if entry.kind == "trust":
        margin = (f" or the interval's top is at most 0.05 ({second} at least as trusted)"
                  if entry.quality == "trusted" else "")
        return (f"{level}: per spec, {first}'s value minus {second}'s mean; over specs the exact signed-rank test "
                f"(two-sided) and a 95% interval of the mean difference resampling specs; contradicted when {second} "
                f"is significantly more {entry.quality}{margin}, supported when {first} is significantly more "
                f"{entry.quality}, else undecided")
    if entry.kind == "match":
        return (f"{level}: per spec, whether {first} is at least as {entry.quality} as {second}; the share of specs "
                "with its 95% Wilson interval; supported when the interval lies above 1/2, contradicted when below, "
                "else undecided")
    if entry.kind == "comparison":
        return (f"{level}: per spec, exact signed-rank of search's runs against design's value with Holm across "
                "the run; overall, the exact signed-rank test over per-spec differences")
    return f"{level}: the share of the gap closed, per spec and overall"


def test_outcome(verdict: str) -> str:
    """How a claims test ends on ``verdict`` (``benchmarks/claims``, and ``sva claims`` which reports
    the same outcomes without pytest): ``"skipped"`` (:data:`UNTESTED`), ``"passed"`` (supported)
    or ``"failed"``."""
    if verdict in UNTESTED:
        return "skipped"
    return "passed" if verdict == "supported" else "failed"


def plain(value: Any) -> Any:
    """JSON-able copy: records to dicts, numpy scalars to Python numbers, NaN to None."""
    if hasattr(value, "as_json"):
        return plain(value.as_json())
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
