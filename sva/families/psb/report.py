"""The PSB1 family's part of the report: one table over specs and generators, from the stored
rows alone (no artifact runs here).

Per spec and generator: the share of search runs right on every training case, and the mean and
the worst over seeds of the held-out (test set) and shift pass rates, and the mean edge-case pass
rate. Means and worsts rather than medians: a median would hide the one seed in five that overfits.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping, Sequence

from sva.core.family import Section
from sva.core.spec import Spec

__all__ = ["section"]


def _mean(values: Sequence[Any]) -> Any:
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else None


def _least(values: Sequence[Any]) -> Any:
    present = [value for value in values if value is not None]
    return min(present) if present else None


def _groups(specs: Sequence[Spec], done: Sequence[Mapping[str, Any]]
            ) -> Iterator[tuple[str, str, list[Mapping[str, Any]]]]:
    """The rows by spec (in the specs' order) and generator (by name)."""
    order = {spec.name: index for index, spec in enumerate(specs)}
    for spec_name in sorted({row["spec"] for row in done}, key=lambda name: (order.get(name, len(order)), name)):
        of_spec = [row for row in done if row["spec"] == spec_name]
        for generator in sorted({row["generator"] for row in of_spec}):
            yield spec_name, generator, [row for row in of_spec if row["generator"] == generator]


def _table_row(spec_name: str, generator: str, group: Sequence[Mapping[str, Any]]) -> tuple[Any, ...]:
    """One line of the table: the shares, means and worsts over one spec and generator's seeds."""
    successes = [row.get("search_success") for row in group if row.get("search_success") is not None]
    return (spec_name, generator, len(group),
            sum(bool(s) for s in successes) / len(successes) if successes else None,
            _mean([row.get("held_out_pass_rate") for row in group]),
            _least([row.get("held_out_pass_rate") for row in group]),
            _mean([row.get("shift_pass_rate") for row in group]),
            _least([row.get("shift_pass_rate") for row in group]),
            _mean([row.get("edge_case_pass_rate") for row in group]))


def section(specs: Sequence[Spec], rows: Sequence[Mapping[str, Any]]) -> Section | None:
    """The family's table over its finished rows; None when there are none."""
    done = [row for row in rows if row.get("spec", "").startswith("psb-") and row.get("status", "done") == "done"]
    if not done:
        return None
    body = [_table_row(spec_name, generator, group) for spec_name, generator, group in _groups(specs, done)]
    return Section(
        anchor="psb", title="Program synthesis (PSB1): training, held-out, shift and edge cases",
        intro=("For each PSB1 problem and generator: the share of search runs right on every training case, "
               "and the mean (and worst) over seeds of the held-out (test set) and shift pass rates and the mean "
               "edge-case pass rate: a median would hide the one seed in five that overfits."),
        head=("spec", "generator", "seeds", "training solved", "mean held-out", "worst held-out", "mean shift",
              "worst shift", "mean edge cases"),
        rows=tuple(body), text_columns=2)
