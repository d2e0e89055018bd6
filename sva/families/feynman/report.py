"""The Feynman family's part of the report: a table per spec and generator, and (per spec) the
extrapolation plot, drawn from the stored rows alone (no artifact runs here).

Table: seeds, median R^2 on held-out and shifted points, median pass rates, the share of seeds
whose formula is a symbolic solution, the share with R^2 > 0.999 held out (SRBench's two
definitions of success), and the share that kept their units.
"""

from __future__ import annotations

from statistics import median
from typing import Any, Iterator, Mapping, Sequence

from sva.core.family import Section
from sva.core.spec import Spec

__all__ = ["section"]

_ORDER = {"design": 0, "search": 1}


def _median(values: list[Any]) -> float | None:
    present = [float(value) for value in values if value is not None]
    return median(present) if present else None


def _share(values: list[Any]) -> float | None:
    known = [bool(value) for value in values if value is not None]
    return sum(known) / len(known) if known else None


def _groups(specs: Sequence[Spec], done: Sequence[Mapping[str, Any]]
            ) -> Iterator[tuple[str, str, list[Mapping[str, Any]]]]:
    """The rows by spec (in the specs' order) and generator (design, search, then by name)."""
    order = {spec.name: index for index, spec in enumerate(specs)}
    for spec_name in sorted({row["spec"] for row in done}, key=lambda name: (order.get(name, len(order)), name)):
        of_spec = [row for row in done if row["spec"] == spec_name]
        for generator in sorted({row["generator"] for row in of_spec}, key=lambda name: (_ORDER.get(name, 2), name)):
            yield spec_name, generator, [row for row in of_spec if row["generator"] == generator]


def _table_row(spec_name: str, generator: str, group: Sequence[Mapping[str, Any]]) -> tuple[Any, ...]:
    """One line of the table: the medians and shares over one spec and generator's seeds."""
    r2 = [row.get("r2_held_out") for row in group]
    return (spec_name, generator, len(group), _median(r2), _median([row.get("r2_shift") for row in group]),
            _median([row.get("held_out_pass_rate") for row in group]),
            _median([row.get("shift_pass_rate") for row in group]),
            _share([row.get("symbolic_solution") for row in group]),
            _share([value is not None and value > 0.999 for value in r2]),
            _share([row.get("units_kept") for row in group]))


def section(specs: Sequence[Spec], rows: Sequence[Mapping[str, Any]]) -> Section | None:
    """The family's table, with the extrapolation figures."""
    done = [row for row in rows if row.get("units_kept") is not None]
    if not done:
        return None
    body = [_table_row(spec_name, generator, group) for spec_name, generator, group in _groups(specs, done)]

    from sva.families.feynman.plot import extrapolation_figures

    return Section(
        anchor="feynman", title="Symbolic regression: the Feynman formulas",
        intro=("Per spec and generator, over seeds: median R^2 on the held-out and the shifted points, median pass "
               "rates within the spec's tolerance, and the share of seeds whose formula is a symbolic solution "
               "(SRBench: the difference or the ratio to the true formula simplifies to a constant), has held-out "
               "R^2 > 0.999 (SRBench's accuracy solution) and keeps its units (dimensional homogeneity). Below: "
               "each spec's extrapolation plot."),
        head=("spec", "generator", "seeds", "median R^2 held out", "median R^2 shifted", "median held-out pass rate",
              "median shift pass rate", "symbolic solutions", "R^2 > 0.999", "units kept"),
        rows=tuple(body), text_columns=2, figures=extrapolation_figures(specs, done))
