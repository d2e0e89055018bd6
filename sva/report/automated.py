"""The report's section "Automated design against search": the claim ``auto_trusted``'s table.

Built from the same records ``sva claims`` prints (:func:`sva.results.claims.evaluate_claims`'s
results, never recomputed): for every scope (every spec, then each family when the run holds
several) and every trust outcome with data, design-auto's mean, search's mean, the mean per-spec
difference with its interval resampling specs, the signed-rank p (raw and adjusted), the verdict
and its direction; then the held-out pass rate at matched budgets. The introduction states what the rows say
about the budgets (:func:`sva.results.sentences.budget_part`), the share of hand design's trust
recovered (``auto_recovers_design``) and the comprehensibility line (``auto_comprehensible``):
every sentence of it comes from the records. No section when no spec has design-auto and search.

Worked example: on a run where design-auto's held-out pass rate averages 0.96 against search's 0.64
over 12 specs, the first row reads ``every spec | held-out pass rate | supported | design-auto more
trusted | 12 | 0.96 | 0.64 | 0.32 | 0.19 | 0.4 | 0.002 | 0.002``.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from sva.core.family import Section
from sva.results.sentences import budget_part, label, share_part, trust_part

__all__ = ["automated_section"]

_HEAD = ("scope", "outcome", "verdict", "direction", "specs", "design-auto", "search", "mean difference", "low",
         "high", "p", "adjusted p")


def _rows(scope: str, found: Sequence[Any], scoped: str = "") -> list[tuple[Any, ...]]:
    """One row per :class:`~sva.results.trustclaim.Difference` with data."""
    return [(scope, label(item.metric) + scoped, item.verdict, item.direction, item.specs, item.first, item.second,
             item.mean, item.interval.low, item.interval.high, item.p_value, item.p_adjusted)
            for item in found if item.specs]


def _intro(numbers: Mapping[str, Any], others: Mapping[str, Mapping[str, Any]]) -> str:
    sentences = ["Design-auto builds its artifacts from what search is given (no oracle, no formula), so unlike "
                 "hand design its trust is not a construction fact. Per spec, design-auto's value minus the mean "
                 "of search's runs; over specs, the mean difference, its 95% interval resampling specs and the "
                 "exact two-sided signed-rank p (the held-out pass rate is the confirmatory test)."]
    if numbers.get("budgets_by_family"):
        budgets = budget_part(numbers["budgets_by_family"])
        sentences.append(budgets[0].upper() + budgets[1:] + ".")
    shares = others.get("auto_recovers_design", {}).get("shares") or []
    if shares and shares[0].specs:
        sentences.append("Against hand design, " + share_part(shares[0]) + ".")
    reading = others.get("auto_comprehensible", {}).get("differences") or []
    if reading and reading[0].specs:
        sentences.append("Comprehensibility: " + trust_part(reading[0]) + ".")
    return " ".join(sentences)


def automated_section(results: Sequence[Any]) -> Section | None:
    """The section from the claims' results (see the module docstring); ``None`` without data."""
    by_name = {result.name: result for result in results}
    found = by_name.get("auto_trusted")
    if found is None or not any(item.specs for item in found.numbers.get("differences", [])):
        return None
    numbers = found.numbers
    rows = _rows("every spec", numbers["differences"])
    rows += _rows("every spec", numbers.get("matched_budgets", []), " at matched budgets")
    families = numbers.get("by_family", {})
    if len(families) > 1:
        for family, scoped in families.items():
            rows += _rows(family, scoped["differences"])
    others = {name: by_name[name].numbers for name in ("auto_recovers_design", "auto_comprehensible") if name in by_name}
    return Section(anchor="automated", title="Automated design against search", intro=_intro(numbers, others),
                   head=_HEAD, rows=tuple(rows), text_columns=4)
