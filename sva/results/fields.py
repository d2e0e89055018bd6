"""Which result fields are comprehensibility measurements and which are trust outcomes.

One home for the lists the statistics, the claims and the report read, so a new metric in the
results database reaches all three by one edit here. Every name is a column of the results
database (``sva.results.store``), the name the report and the CSV show. A family's own fields are
declared by the family (``Family.fields``) and reach the database, the statistics and the report
through :func:`family_fields` without an edit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sva.core.family import FamilyField
from sva.families import all_families


@dataclass(frozen=True)
class FieldInfo:
    """A result field: its column name, what it means in a few words, and which way is better
    for comprehensibility or trust (``"higher"``, ``"lower"`` or ``None`` when neither);
    ``means`` says what better is when "better" alone would be vague (phi: "more interpretable")."""

    name: str
    label: str
    better: str | None
    means: str = ""

    @property
    def direction(self) -> str:
        """Which way is better, in words for an axis or a table: ``"lower is better"``, or with
        ``means``: ``"lower = more interpretable"``; ``""`` for a field with no direction."""
        if self.better is None:
            return ""
        return f"{self.better} = {self.means}" if self.means else f"{self.better} is better"


#: Comprehensibility measurements (static analysis and property-test coverage), report order.
COMPREHENSIBILITY: tuple[FieldInfo, ...] = (
    FieldInfo("decomposability", "decomposability D", "higher"),
    FieldInfo("effective_parts", "effective parts", "higher"),
    FieldInfo("largest_chunk_share", "largest chunk share", "lower"),
    FieldInfo("explanation_length", "explanation length E", "lower"),
    FieldInfo("verified_explanation_length", "verified explanation length", "lower"),
    FieldInfo("audit_length", "audit length A", None),
    FieldInfo("description_bits", "description bits", "lower"),
    FieldInfo("interpretability_phi", "interpretability phi", "lower", "more interpretable"),
    FieldInfo("propagation_cost", "propagation cost", "lower"),
    FieldInfo("maintainability_index", "maintainability index", "higher"),
    FieldInfo("cyclomatic_complexity", "cyclomatic complexity", "lower"),
    FieldInfo("localization", "fault localization", "higher"),
    FieldInfo("mutation_score", "mutation score", "higher"),
)

#: Trust outcomes: what happens outside the cases search saw.
TRUST: tuple[FieldInfo, ...] = (
    FieldInfo("held_out_pass_rate", "held-out pass rate", "higher"),
    FieldInfo("shift_pass_rate", "shift pass rate", "higher"),
    FieldInfo("verified", "verified (exhaustive or 0-1 check)", "higher"),
    FieldInfo("trusted", "trusted (verified, or the family's stated standard)", "higher"),
)

#: Size and cost of any artifact (the claim that search is smaller or cheaper); each family
#: adds its own (:func:`size_fields`).
BASE_SIZE: tuple[FieldInfo, ...] = (
    FieldInfo("audit_length", "audit length A (code tokens)", "lower"),
    FieldInfo("sloc", "source lines", "lower"),
)

#: Every core measurement stored per cell, in the database's column order.
MEASUREMENT_COLUMNS: tuple[str, ...] = (
    "units", "effective_parts", "decomposability", "largest_chunk", "largest_chunk_share",
    "abstraction_depth", "propagation_cost", "max_nesting", "audit_length", "inline_length",
    "explanation_length", "verified_explanation_length", "description_bits",
    "cyclomatic_complexity", "halstead_volume", "maintainability_index", "sloc",
    "mutation_score", "mutants_total", "mutants_killed", "localization", "line_coverage",
    "branch_coverage", "domain_coverage", "held_out_pass_rate", "shift_pass_rate", "verified",
    "counterexample", "interpretability_phi", "training_pass_rate", "trusted",
)

#: How long each stage of a cell took (seconds): they follow the machine's load, not the cell.
TIMING_COLUMNS: tuple[str, ...] = ("generate_seconds", "analyze_seconds", "trust_seconds", "wall_seconds")

#: Columns about how a run went rather than what the cell measured: when the row was stored and
#: by which run, the twin whose measurements were copied (whichever finished first, which depends
#: on scheduling), and free-text detail such as a traceback.
BOOKKEEPING_COLUMNS: tuple[str, ...] = ("finished_at", "run_id", "reused_from", "detail")


def figures(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored row's figures: every column but the timings and the bookkeeping. Two runs of the
    same cells store the same figures, however loaded the machine or interrupted the runs
    (``tests/e2e/test_soak.py``); ``{"cell": c, "sloc": 9, "wall_seconds": 3.2}`` -> ``{"cell": c, "sloc": 9}``."""
    return {name: value for name, value in row.items() if name not in TIMING_COLUMNS + BOOKKEEPING_COLUMNS}


def family_fields() -> tuple[FamilyField, ...]:
    """Every registered family's declared result fields, each name once, in registration order
    (``None`` in the rows of other families' specs)."""
    found: dict[str, FamilyField] = {}
    for family in all_families():
        for declared in family.fields:
            found.setdefault(declared.name, declared)
    return tuple(found.values())


def family_columns() -> tuple[str, ...]:
    """The column names of :func:`family_fields`."""
    return tuple(declared.name for declared in family_fields())


def size_fields() -> tuple[FieldInfo, ...]:
    """Size fields: the base ones, then every family field with a direction (comparators, depth)."""
    return BASE_SIZE + tuple(FieldInfo(declared.name, declared.label, declared.better)
                             for declared in family_fields() if declared.better and not declared.json)


def family_size_metrics() -> tuple[str, ...]:
    """What the claim "search artifacts are smaller" compares beyond audit length: each family's
    own size measure (``Family.size_fields``), each once."""
    return tuple(dict.fromkeys(name for family in all_families() for name in family.size_fields))


def field_info(name: str) -> FieldInfo:
    """The :class:`FieldInfo` of ``name`` (a ``KeyError`` for an unknown field)."""
    for info in COMPREHENSIBILITY + TRUST + size_fields():
        if info.name == name:
            return info
    raise KeyError(name)
