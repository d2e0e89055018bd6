"""The sorting family's part of the report: one table over specs and generators, from the
stored rows alone (no artifact runs here).

Per spec and generator: comparators and depth of the networks found, median and best over
seeds, beside the best network known (the record in ``data/sorting_record.json``).
"""

from __future__ import annotations

from statistics import median
from typing import Any, Iterator, Mapping, Sequence

from sva.core.family import Section
from sva.core.spec import Spec

__all__ = ["section"]

_ORDER = {"design": 0, "search": 1}


def _groups(specs: Sequence[Spec], done: Sequence[Mapping[str, Any]]
            ) -> Iterator[tuple[str, str, list[Mapping[str, Any]]]]:
    """The rows by spec (in the specs' order) and generator (design, search, then by name)."""
    order = {spec.name: index for index, spec in enumerate(specs)}
    for spec_name in sorted({row["spec"] for row in done}, key=lambda name: (order.get(name, len(order)), name)):
        of_spec = [row for row in done if row["spec"] == spec_name]
        for generator in sorted({row["generator"] for row in of_spec}, key=lambda name: (_ORDER.get(name, 2), name)):
            yield spec_name, generator, [row for row in of_spec if row["generator"] == generator]


def _table_row(spec_name: str, generator: str, group: Sequence[Mapping[str, Any]]) -> tuple[Any, ...]:
    """One line of the table: medians and bests over one spec and generator's seeds, and the record."""
    comparators = [int(row["comparators"]) for row in group]
    depths = [int(row["depth"]) for row in group if row.get("depth") is not None]
    known_c = {row["best_known_comparators"] for row in group if row.get("best_known_comparators") is not None}
    known_d = {row["best_known_depth"] for row in group if row.get("best_known_depth") is not None}
    return (spec_name, generator, len(group), median(comparators), min(comparators),
            min(known_c) if known_c else None, median(depths) if depths else None,
            min(depths) if depths else None, min(known_d) if known_d else None)


def section(specs: Sequence[Spec], rows: Sequence[Mapping[str, Any]]) -> Section | None:
    """The family's table over the rows with a traced network; None when there are none."""
    done = [row for row in rows if row.get("comparators") is not None]
    if not done:
        return None
    body = [_table_row(spec_name, generator, group) for spec_name, generator, group in _groups(specs, done)]
    return Section(
        anchor="networks", title="Sorting networks against the record",
        intro=("Comparators and depth of every sorting network found, median and best over seeds, "
               "against the best network known (Knuth, TAOCP vol. 3, and later optimality proofs)."),
        head=("spec", "generator", "seeds", "median comparators", "best comparators", "best known comparators",
              "median depth", "best depth", "best known depth"),
        rows=tuple(body), text_columns=2)
