"""Competitiveness: how close search pressed toward comprehensible artifacts comes to design.

Flint's closing question is whether search can be made to yield artifacts understood part by
part, at search's power. A run with generators beyond ``design`` and ``search`` (e.g.
``search-parsimony``, ``search-modular``, ``factorized``, all at plain search's evaluation
budget) gets two sections, both computed from the stored rows and the artifacts' manifests:

* **competitiveness** (:func:`competitiveness_section`): per spec and generator, the cells, the
  distinct artifacts and the medians of the training, held-out and shift pass rates, of
  explanation length E and phi, and of the evaluations spent; and for every generator but
  design and search the **share of the E gap it closes**,
  ``(median E of search - median E of it) / (median E of search - median E of design)``:
  1 is design's length, 0 search's, above 1 shorter than design, below 0 longer than search;
  blank when search and design have one median E. Worked example: search 40, design 30,
  search-parsimony 32 -> (40 - 32) / (40 - 30) = 0.8.
* **fronts** (:func:`fronts_section`): from manifests whose front members carry their own
  explanation length and training and held-out pass rates (the Feynman family's
  ``search-parsimony`` records them after its choice), one figure per spec (training pass rate
  against E, one line per seed, the chosen member marked, design and plain search as points)
  and the answer to "on the front, do the shorter members extrapolate better?": Spearman's rho of
  E with the held-out pass rate over the distinct members (by expression) of every run, on the
  whole front and on the members that fit every training point. On the whole front the answer
  is partly built in (shorter members fit worse, so they also extrapolate worse); among the
  members that fit, it is a finding.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Mapping, Sequence

from sva.core.artifact import SearchRecord, read_manifest
from sva.core.family import Diagram, Section
from sva.report.plots import new_figure, render_svg
from sva.report.tables import spec_order
from sva.results.stats import median, spearman, spearman_interval
from sva.results.samples import distinct, done_rows, values

__all__ = ["competitiveness_section", "fronts_section", "gap_share"]

#: the two generators every comparison is between; the others are "pressed" search variants
BASELINE = ("design", "search")
_COLUMNS = ("training_pass_rate", "held_out_pass_rate", "shift_pass_rate", "explanation_length",
            "interpretability_phi", "search_evaluations")


def gap_share(search: float | None, design: float | None, other: float | None) -> float | None:
    """The share of the gap from search's value to design's that ``other`` closes (see the module
    docstring); ``None`` when a value is missing or the gap is 0."""
    if search is None or design is None or other is None or search == design:
        return None
    return (search - other) / (search - design)


def _median(rows: Sequence[Mapping[str, Any]], name: str) -> float | None:
    found = values(rows, name)
    return median(found) if found else None


def _held_out_words(name: str, table: Sequence[tuple]) -> str:
    """On how many specs ``name``'s median held-out pass rate reaches design's, and beats search's."""
    held = {(row[0], row[1]): row[5] for row in table}
    specs = [spec for spec in dict.fromkeys(row[0] for row in table)
             if all(held.get((spec, generator)) is not None for generator in (*BASELINE, name))]
    if not specs:
        return f"no spec has held-out pass rates of {name}, design and search"
    reaches = sum(held[(spec, name)] >= held[(spec, "design")] for spec in specs)
    beats = sum(held[(spec, name)] > held[(spec, "search")] for spec in specs)
    ties = sum(held[(spec, name)] == held[(spec, "search")] for spec in specs)
    return (f"its median held-out pass rate reaches design's on {reaches} of {len(specs)} specs with all three, and "
            f"is above plain search's on {beats} (equal on {ties})")


def _generators(done: Sequence[Mapping[str, Any]]) -> list[str]:
    present = list(dict.fromkeys(str(row["generator"]) for row in done))
    return [name for name in BASELINE if name in present] + [name for name in present if name not in BASELINE]


def competitiveness_section(rows: Sequence[Mapping[str, Any]]) -> Section | None:
    """The competitiveness table, or ``None`` when the run has no generator beyond design and search."""
    done = done_rows(rows)
    generators = _generators(done)
    pressed = [name for name in generators if name not in BASELINE]
    if not pressed:
        return None
    table: list[tuple[Any, ...]] = []
    shares: dict[str, list[float]] = {name: [] for name in pressed}
    for spec in spec_order(row["spec"] for row in done):
        mine = [row for row in done if row["spec"] == spec]
        by_generator = {name: [row for row in mine if row["generator"] == name] for name in generators}
        lengths = {name: _median(group, "explanation_length") for name, group in by_generator.items()}
        for name in generators:
            group = by_generator[name]
            if not group:
                continue
            share = gap_share(lengths.get("search"), lengths.get("design"), lengths[name]) if name in pressed else None
            if share is not None:
                shares[name].append(share)
            table.append((spec, name, len(group), len(distinct(group)),
                          *(_median(group, column) for column in _COLUMNS), share))
    summary = []
    for name in pressed:
        if shares[name]:
            summary.append(f"{name}'s median E lies a median {median(shares[name]):.2f} of the way from search's to "
                           f"design's over the {len(shares[name])} specs where those two differ")
        else:
            summary.append(f"{name}: no spec where design's and search's median explanation lengths differ")
        summary.append(_held_out_words(name, table))
    return Section(
        anchor="competitiveness", title="Search pressed toward comprehensible artifacts, against design",
        intro=("Per spec and generator, at plain search's evaluation budget: the medians over its cells of the "
               "training, held-out and shift pass rates, explanation length E, phi (formula interpretability, "
               "lower is better) and the evaluations spent (search stops at its first solution; the budget is the same); "
               "'E position' is (E of search - E of it) / (E of search - E of design): 0 is plain search's length, "
               "1 design's (design's E counts its stories, so it can be the longer). " + "; ".join(summary) + "."),
        head=("spec", "generator", "cells", "artifacts", "training pass", "held-out pass", "shift pass", "E", "phi",
              "evaluations", "E position"),
        rows=tuple(table), text_columns=2)


def _members(row: Mapping[str, Any], results_dir: Path) -> list[Mapping[str, Any]]:
    """The front members of a row's manifest that carry E and both pass rates (none otherwise)."""
    if not row.get("module"):
        return []
    manifest = read_manifest(results_dir / str(row["module"]))
    stored = (manifest or {}).get("search")
    if not stored:
        return []
    members = [member for front in SearchRecord.from_json(stored).fronts for member in front]
    needed = ("explanation_length", "training_pass_rate", "held_out_pass_rate")
    return [member for member in members if all(member.get(key) is not None for key in needed)]


def _relation(members: Sequence[Mapping[str, Any]], seed: int) -> tuple[int, float | None, Any, str]:
    """(members, rho of E with held-out, its interval, the call) over distinct members."""
    unique = list({member["expression"]: member for member in members}.values())
    if not unique:  # no front member fits every training point (Feynman: R^2 short of 1 - 1e-4)
        return 0, None, None, "no such member"
    lengths = [float(member["explanation_length"]) for member in unique]
    held = [float(member["held_out_pass_rate"]) for member in unique]
    result = spearman(lengths, held, names=("explanation length", "held-out pass rate"))
    if result.rho is None:
        return len(unique), None, None, result.note or "rho undefined"
    interval = spearman_interval(lengths, held, seed=seed)
    if interval is not None and interval.excludes_zero():
        call = "shorter members extrapolate better" if result.rho < 0 else "longer members extrapolate better"
    else:
        call = "no clear relation (the interval includes 0)"
    return len(unique), result.rho, interval, call


def _figure(spec: str, runs: Sequence[tuple[int, list[Mapping[str, Any]]]], points: Mapping[str, list[tuple]]) -> str:
    figure = _new_figure()
    axes = figure.subplots()
    for seed, members in runs:
        ordered = sorted(members, key=lambda member: member["explanation_length"])
        line, = axes.plot([m["explanation_length"] for m in ordered], [m["training_pass_rate"] for m in ordered],
                          marker=".", linewidth=1, label=f"front, seed {seed}")
        chosen = [m for m in ordered if m.get("chosen")]
        axes.plot([m["explanation_length"] for m in chosen], [m["training_pass_rate"] for m in chosen],
                  marker="o", markersize=8, fillstyle="none", linestyle="", color=line.get_color())
    for name, marker in (("design", "s"), ("search", "x")):
        if points.get(name):
            axes.plot(*zip(*points[name]), marker=marker, markersize=8, linestyle="", color="black", label=name)
    axes.set_xlabel("explanation length E, tokens (lower is better)")
    axes.set_ylabel("training pass rate (higher is better)")
    axes.set_title(f"{spec}: fronts (circled: the chosen member)")
    axes.legend(fontsize="small")
    return render_svg(figure)


def _new_figure() -> Any:
    return new_figure(6.0, 4.0)


def _spec_fronts(spec: str, mine: Sequence[Mapping[str, Any]], results_dir: Path, seed: int
                 ) -> tuple[list[tuple[Any, ...]], Diagram] | None:
    """One spec's two table rows (whole front, fitting members) and its figure; ``None`` without fronts."""
    runs = [(int(row["seed"]), members) for row in mine if (members := _members(row, results_dir))]
    if not runs:
        return None
    generators = sorted({str(row["generator"]) for row in mine if _members(row, results_dir)})
    every = [member for _, members in runs for member in members]
    fitting = [member for member in every if member["training_pass_rate"] == 1.0]
    table = []
    for scope, members in (("whole front", every), ("members fitting every training point", fitting)):
        count, rho, interval, call = _relation(members, seed)
        table.append((spec, ", ".join(generators), scope, len(runs), count, rho,
                      None if interval is None else interval.low, None if interval is None else interval.high, call))
    figure = Diagram(f"front-{spec}", f"{spec}: the final fronts of {', '.join(generators)}, one line per "
                     "seed, with design and plain search as points", _figure(spec, runs, _baseline_points(mine)))
    return table, figure


def _baseline_points(mine: Sequence[Mapping[str, Any]]) -> dict[str, list[tuple[float, float]]]:
    """(E, training pass rate) of each baseline generator's cells that have both."""
    return {name: [(float(row["explanation_length"]), float(row["training_pass_rate"])) for row in mine
                   if row["generator"] == name and row.get("explanation_length") is not None
                   and row.get("training_pass_rate") is not None and not math.isnan(float(row["explanation_length"]))]
            for name in BASELINE}


def fronts_section(rows: Sequence[Mapping[str, Any]], results_dir: Path, *, seed: int = 0) -> Section | None:
    """The fronts' table and figures, or ``None`` when no manifest of the run records member pass rates."""
    done = done_rows(rows)
    table: list[tuple[Any, ...]] = []
    figures: list[Diagram] = []
    for spec in spec_order(row["spec"] for row in done):
        found = _spec_fronts(spec, [row for row in done if row["spec"] == spec], results_dir, seed)
        if found is not None:
            table += found[0]
            figures.append(found[1])
    if not table:
        return None
    return Section(
        anchor="fronts", title="On the front: do the shorter members extrapolate better?",
        intro=("Spearman's rho of explanation length E with the held-out pass rate over the distinct members of the "
               "runs' final fronts (each member's pass rates computed by its generator after the choice, on the "
               "spec's training and held-out points), with its bootstrap 95% interval. On the whole front shorter "
               "members also fit worse, so part of the relation is built in; among the members that fit every "
               "training point it is a finding."),
        head=("spec", "generator", "members", "runs", "distinct", "rho", "low", "high", "call"),
        rows=tuple(table), text_columns=3, figures=tuple(figures))
