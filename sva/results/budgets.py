"""Evaluations spent: what two generators paid for their artifacts, so a comparison can be read at matched budgets.

Each row's evaluations spent is the stored column ``search_evaluations``: the manifest's search
record, ``evaluations`` (candidate programs or formulas evaluated; for ``design-auto``, the
evaluations its own small fits and searches counted). A row without it recorded nothing.

Per spec, for two generators ``sides = (first, second)``: the first side's evaluations (its one
artifact, or the mean of its runs) and the mean of the second side's runs, and their **budget
ratio** ``first / second`` (``None`` when either is missing or the second spent none). Per
family: the specs with both recorded, the **median ratio**, which generator spent more by it
(the first when the median ratio is above 1, the second below 1, neither at 1), the specs where
the first spent more than the second, and how many specs were left out because a side recorded
none. The **matched specs** are those where the first spent at
most the second's mean: the comparison at matched budgets is the one restricted to them.

Worked example: on feynman-I.12.1 design-auto spent 300 evaluations and search's runs 16,000,
17,000 and 18,000 (mean 17,000): ratio 0.018; on feynman-I.14.3 design-auto 20,000 against a mean of
10,000: ratio 2.0, and it is named as a spec where design-auto spent more. Over those two specs the
median ratio is (0.018 + 2.0) / 2 = 1.01, so design-auto spent more by the median although it spent
far less on one spec; only feynman-I.12.1 is matched.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Mapping, Sequence

from sva.results.samples import distinct, values
from sva.results.stats import median

__all__ = ["EVALUATIONS", "Budget", "FamilyBudget", "family_budgets", "matched_specs", "spec_budgets"]

#: The column holding each row's evaluations spent.
EVALUATIONS = "search_evaluations"


@dataclass(frozen=True)
class Budget:
    """Evaluations of the two ``sides`` on one spec (see the module docstring)."""

    spec: str
    family: str
    sides: tuple[str, str]
    first: float | None
    second: float | None

    @property
    def ratio(self) -> float | None:
        """``first / second``; ``None`` when either is missing or the second spent none."""
        if self.first is None or self.second is None or self.second <= 0:
            return None
        return self.first / self.second

    @property
    def first_spent_more(self) -> bool | None:
        if self.first is None or self.second is None:
            return None
        return self.first > self.second

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio, "first_spent_more": self.first_spent_more}


@dataclass(frozen=True)
class FamilyBudget:
    """The budgets of one family's specs summed up (``family`` ``""``: every spec)."""

    family: str
    sides: tuple[str, str]
    specs: int
    median_ratio: float | None
    first_more: tuple[str, ...]
    #: specs where either side recorded no evaluations: left out of the ratio and of the matched specs
    unrecorded: int = 0

    @property
    def spent_more(self) -> str | None:
        """The generator that spent more by the median ratio; ``None`` at 1 or without a ratio."""
        if self.median_ratio is None or self.median_ratio == 1:
            return None
        return self.sides[0] if self.median_ratio > 1 else self.sides[1]

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "spent_more": self.spent_more}


def _mean(rows: Sequence[Mapping[str, Any]]) -> float | None:
    found = values(rows, EVALUATIONS)
    return sum(found) / len(found) if found else None


def spec_budgets(rows: Sequence[Mapping[str, Any]], sides: tuple[str, str]) -> list[Budget]:
    """One :class:`Budget` per spec of ``rows`` (in their order) where both sides have a row."""
    found = []
    for spec in dict.fromkeys(str(row["spec"]) for row in rows):
        mine = [row for row in rows if str(row["spec"]) == spec]
        first = distinct([row for row in mine if row.get("generator") == sides[0]])
        second = [row for row in mine if row.get("generator") == sides[1]]
        if first and second:
            found.append(Budget(spec, str(mine[0].get("family") or ""), sides, _mean(first), _mean(second)))
    return found


def family_budgets(budgets: Sequence[Budget]) -> list[FamilyBudget]:
    """Per family (in order of appearance), then every spec together (family ``""``) when there
    is more than one family."""
    families = list(dict.fromkeys(budget.family for budget in budgets))
    groups = [(family, [budget for budget in budgets if budget.family == family]) for family in families]
    if len(families) > 1:
        groups.append(("", list(budgets)))
    return [_summary(label, mine) for label, mine in groups]


def _summary(label: str, mine: Sequence[Budget]) -> FamilyBudget:
    ratios = [budget.ratio for budget in mine if budget.ratio is not None]
    return FamilyBudget(label, mine[0].sides, len(ratios), median(ratios) if ratios else None,
                        tuple(budget.spec for budget in mine if budget.first_spent_more),
                        sum(budget.first_spent_more is None for budget in mine))


def matched_specs(budgets: Sequence[Budget]) -> list[str]:
    """The specs where the first side spent at most the second's mean (both recorded)."""
    return [budget.spec for budget in budgets if budget.first_spent_more is False]
