"""The trust report's records: what ``sva trust`` prints and the experiment stores.

:class:`TrustReport` holds the project's trust fields (docs/trust.md) (:data:`TRUST_FIELDS`, defined in
:mod:`sva.trust.assessment`'s docstring and ``docs/trust.md``) with everything behind them:
each property's Hypothesis check (JSON, as :meth:`~sva.trust.protocol.PropertyCheck.to_json`
writes it), every test on the original (:class:`TestRecord`), the surviving mutants
(:class:`Survivor`), notes, the family's probe fields, timings, configuration and versions.
``counterexample`` is JSON data whose values are in the codec of :mod:`sva.core.values`
(what the results database stores); :meth:`TrustReport.as_json` is the ``--json`` document.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["TRUST_FIELDS", "Survivor", "TestRecord", "TrustReport"]

#: The trust fields' names (docs/trust.md) a trust report fills, in report order.
TRUST_FIELDS = ("verified", "trusted", "held_out_pass_rate", "shift_pass_rate", "training_pass_rate",
                "counterexample", "domain_coverage",
                "line_coverage", "branch_coverage", "mutants_total", "mutants_killed", "mutation_score",
                "localization", "explanation_length", "verified_explanation_length")


@dataclass(frozen=True)
class TestRecord:
    """One test on the original artifact: outcome, time, and the units it calls directly."""

    __test__ = False  # not a pytest test class, whatever its name

    name: str
    kind: str  #: "spec" (the spec's properties on the check cases) or "test" (a pytest item)
    status: str  #: passed, failed, skipped or timeout
    reason: str | None
    seconds: float
    direct_units: tuple[str, ...]
    region_size: int
    subtest: str | None = None  #: the subtest that failed first, as pytest prints it (``[msg] (i=3)``)


@dataclass(frozen=True)
class Survivor:
    """A mutant no test killed: where it is, what it changed."""

    index: int
    line: int
    column: int
    operator: str
    unit: str | None
    before: str
    after: str
    equivalent: bool  #: exhaustively checked: indistinguishable wherever the original is correct
    #: the tests that would have run on it but ran past their time on the original (so none ran
    #: it): not judged, and not a survivor, when any
    slow_tests: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrustReport:
    """Everything ``sva trust`` reports for one artifact (JSON via :meth:`as_json`)."""

    artifact: str
    spec: str | None
    entry: str | None
    failure: str | None  #: why the artifact could not be run at all, else None
    verified: bool | None
    held_out_pass_rate: float | None
    shift_pass_rate: float | None
    #: share of the training cases (what search saw) on which the artifact agrees with the oracle
    training_pass_rate: float | None
    counterexample: dict[str, Any] | None
    domain_coverage: float | None
    line_coverage: float | None
    branch_coverage: float | None
    mutants_total: int | None
    mutants_killed: int | None
    mutation_score: float | None
    localization: float | None
    explanation_length: int | None
    verified_explanation_length: int | None
    properties: tuple[dict[str, Any], ...] = ()
    tests: tuple[TestRecord, ...] = ()
    survivors: tuple[Survivor, ...] = ()
    mutation_error: str | None = None
    notes: tuple[str, ...] = ()  #: what a reader should know to read the figures right
    #: what the spec family's probe measured (the sorting family: comparators, depth, best
    #: known, the traced pairs, 0-1 counts); None for a family without a probe
    family_fields: dict[str, Any] | None = None
    #: of ``mutants_killed``, those killed by a test running past its CPU budget (or a hang)
    mutants_timeout: int | None = None
    #: how many mutants were judged in a fresh import (their effect happens at import time)
    mutants_fresh: int | None = None
    #: the mutants no test killed that a test running past its time on the original would have
    #: run (``Survivor.slow_tests``): neither killed nor survivors, left out of the score
    unchecked: tuple[Survivor, ...] = ()
    #: the trust outcome of every family: ``verified`` unless the family's judgement states its
    #: own standard (:class:`sva.core.family.Judgement`)
    trusted: bool | None = None
    timings: dict[str, float] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)  #: the TrustConfig used, limits included
    versions: dict[str, str] = field(default_factory=dict)  #: of everything that ran the checks

    @property
    def mutants_per_s(self) -> float | None:
        """Mutants per second of the whole evaluation (baseline included: mutation analysis
        needs it), the figure to compare with another tool's run."""
        seconds = self.timings.get("total_s")
        return self.mutants_total / seconds if self.mutants_total and seconds else None

    def fields(self) -> dict[str, Any]:
        """The trust fields only (what the results database stores)."""
        return {name: getattr(self, name) for name in TRUST_FIELDS}

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["mutants_per_s"] = self.mutants_per_s
        return data
