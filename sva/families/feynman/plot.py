"""The extrapolation plot of one spec: oracle, design and every search artifact along one variable.

Drawn from stored rows alone: each row's ``curve`` holds the artifact's outputs on the grid of
:func:`sva.families.feynman.probe.curve_grid` (computed by the probe, in the sandbox); the
oracle's curve is the spec's own formula. The training range of the plot variable is shaded
grey, the shifted range orange; the other variables sit mid-range. The y axis is cut at the
oracle's range widened by its span on each side, so a formula that runs away leaves the plot
rather than flattening the others. Closer to the oracle is better, above all in the shifted
range, and the title says so. The figure is drawn and written by :mod:`sva.core.figures`, as the
core's plots are: the same bytes every time, and every text at least 11 px where the report
shows it.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from sva.core.family import Diagram
from sva.core.figures import new_figure, render_svg
from sva.core.spec import Spec
from sva.families.feynman.probe import curve_grid
from sva.families.feynman.specs import equation_of

__all__ = ["extrapolation_figures", "extrapolation_svg"]


def _masked(values: Sequence[Any]) -> list[float]:
    return [float("nan") if value is None else float(value) for value in values]


def extrapolation_svg(spec: Spec, rows: Sequence[Mapping[str, Any]]) -> str:
    """The plot of ``spec`` from its rows (design and search; a row without a curve is left out)."""
    equation = equation_of(spec)
    name, xs, middle = curve_grid(equation)
    index = equation.params.index(name)
    oracle = [spec.oracle(*(middle[:index] + (x,) + middle[index + 1:])) for x in xs]
    variable = equation.variable(name)
    figure = new_figure(6.0, 4.0)
    axes = figure.add_subplot()
    axes.axvspan(variable.low, variable.high, color="#dddddd", label="training range")
    axes.axvspan(variable.shift_low, variable.shift_high, color="#fde3c8", label="shifted range")
    labelled: set[str] = set()
    for row in sorted(rows, key=lambda row: (row.get("generator") != "design", row.get("seed") or 0)):
        curve, generator = row.get("curve"), str(row.get("generator"))
        if not curve or len(curve) != len(xs) or (generator == "design" and generator in labelled):
            continue  # design is deterministic: its seeds draw one curve
        label = generator if generator not in labelled else f"_{generator}"
        labelled.add(generator)
        if generator == "design":
            axes.plot(xs, _masked(curve), color="#1f77b4", linewidth=2.2, label=label)
        else:
            axes.plot(xs, _masked(curve), color="#d62728", linewidth=0.9, alpha=0.7, label=label)
    axes.plot(xs, oracle, color="black", linestyle="--", linewidth=1.2, label="oracle")
    low, high = min(oracle), max(oracle)
    span = (high - low) or abs(high) or 1.0
    axes.set_ylim(low - span, high + span)
    axes.set_xlabel(f"{name} (others mid-range)")
    axes.set_ylabel(equation.output)
    axes.set_title(f"{spec.name}: {equation.text}\n(closer to the oracle is better)", fontsize="medium")
    axes.legend(loc="best", fontsize="small")
    return render_svg(figure)


def extrapolation_figures(specs: Sequence[Spec], rows: Sequence[Mapping[str, Any]]) -> tuple[Diagram, ...]:
    """One plot per spec that has rows with curves, in the specs' order."""
    figures = []
    for spec in specs:
        mine = [row for row in rows if row.get("spec") == spec.name and row.get("curve")]
        if mine:
            figures.append(Diagram(f"extrapolation-{spec.kind}", f"extrapolation of {spec.name}: oracle, design and "
                                   f"each search artifact along one variable (closer to the oracle is better)", extrapolation_svg(spec, mine)))
    return tuple(figures)
