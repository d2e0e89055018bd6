"""The Feynman report's comparison table: our generators' solution rates beside SRBench's
published ones and beside gplearn run here, each row with the budget it had.

Two success rules, SRBench's (La Cava et al. 2021), both decided per artifact by the family's
judge (:mod:`sva.families.feynman.judge`):

* **symbolic solution**: the difference or the ratio of the formula and the true one simplifies
  to a constant (``symbolic_solution``; a check that could not be made counts as no solution,
  as SRBench counts a sympy failure);
* **accuracy solution**: held-out R^2 > 0.999 (the judge's ``accuracy_solution`` where the rows
  have it, else computed here from ``r2_held_out`` by the same rule).

A rate is SRBench's: the mean over specs of the share of a spec's seeds that solve it. Worked
example: on spec A search solves 2 of 5 seeds, on spec B 5 of 5: the rate is (0.4 + 1.0) / 2 =
0.7. A generator whose artifact does not depend on the seed (design) contributes 0 or 1 per spec.

Rows, in order: each generator of the run (design is a reference: its templates write the known
formula, so its rates say that the judge accepts the formula, not that anything found it); our
search and gplearn as ``benchmarks/bench_symreg.py --judged`` ran them on the same specs and
seeds at one budget in evaluations (read from :data:`GPLEARN_HERE` when it exists, over the
run's specs only); then SRBench's published rates (:data:`PUBLISHED`), over SRBench's own
Feynman data sets, at SRBench's budget, which is not ours. The published figures are data with
their source, never recomputed here.
"""

from __future__ import annotations

import json
from pathlib import Path
from statistics import mean, median
from typing import Any, Mapping, Sequence

from sva.core.family import Section

__all__ = ["ACCURACY_R2", "GPLEARN_HERE", "PUBLISHED", "comparison_section", "solution_rate"]

_DATA = Path(__file__).resolve().parent / "data"
#: SRBench 2021's published rates, their source and budget
PUBLISHED = _DATA / "srbench_published.json"
#: gplearn (and our search) run here and judged by the family's judge: written by the benchmark
GPLEARN_HERE = _DATA / "gplearn_here.json"
#: SRBench's accuracy solution: held-out R^2 above this
ACCURACY_R2 = 0.999
_REFERENCE = {"design": "reference: the template writes the known formula"}
_BENCH_WHERE = "run here by benchmarks/bench_symreg.py: ours and gplearn on the same specs, seeds and budget"


def _accuracy(row: Mapping[str, Any]) -> bool:
    # the judge's own field when the rows carry it; else SRBench's rule on the held-out R^2
    if row.get("accuracy_solution") is not None:
        return bool(row["accuracy_solution"])
    r2 = row.get("r2_held_out")
    return r2 is not None and r2 > ACCURACY_R2


def _symbolic(row: Mapping[str, Any]) -> bool:
    return bool(row.get("symbolic_solution"))


def solution_rate(rows: Sequence[Mapping[str, Any]], solved: Any) -> float | None:
    """SRBench's rate: the mean over specs of the share of the spec's rows that ``solved`` says
    solve it (``None`` without rows)."""
    specs = sorted({str(row["spec"]) for row in rows})
    if not specs:
        return None
    return mean(mean(1.0 if solved(row) else 0.0 for row in rows if row["spec"] == spec) for spec in specs)


def _cap(row: Mapping[str, Any]) -> int | None:
    """A search's cap in evaluations: population x (1 + generations), from its configuration."""
    config = row.get("config")
    settings = config.get("generator") if isinstance(config, Mapping) else None
    if not isinstance(settings, Mapping):
        return None
    population, generations = settings.get("population_size"), settings.get("generations")
    if isinstance(population, int) and isinstance(generations, int):
        return population * (1 + generations)
    return None


def _budget(rows: Sequence[Mapping[str, Any]]) -> str:
    """Worked example: search at population 400 and 50 generations, stopping early in most runs:
    ``at most 20,400 evaluations (median 9,600 spent)``."""
    spent = [row["search_evaluations"] for row in rows if row.get("search_evaluations") is not None]
    if not spent:
        return "none (written, not searched)"
    caps = sorted({cap for cap in map(_cap, rows) if cap is not None})
    cap = f"at most {caps[-1]:,} evaluations " if len(caps) == 1 else ""
    return f"{cap}(median {median(spent):,.0f} spent)" if cap else f"median {median(spent):,.0f} evaluations spent"


def _our_rows(done: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    order = {"design": 0, "search": 1}
    rows = []
    for generator in sorted({str(row["generator"]) for row in done}, key=lambda name: (order.get(name, 2), name)):
        mine = [row for row in done if row["generator"] == generator]
        rows.append((generator, f"run here; {_REFERENCE.get(generator, 'found by the generator')}", _budget(mine),
                     len({row["spec"] for row in mine}), f"{len(mine)} ({len({row.get('sha256') for row in mine})})",
                     solution_rate(mine, _symbolic),
                     solution_rate(mine, _accuracy)))
    return rows


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _bench_row(generator: str, runs: Sequence[Mapping[str, Any]], cap: str) -> tuple[Any, ...]:
    mine = [run for run in runs if run["generator"] == generator]
    spent = median(run["evaluations"] for run in mine)
    return (generator, _BENCH_WHERE, f"{cap} (median {spent:,.0f} spent)", len({run["spec"] for run in mine}),
            f"{len(mine)} ({len({(run['spec'], run.get('formula')) for run in mine})})",
            solution_rate(mine, _symbolic), solution_rate(mine, _accuracy))


def _seeds(runs: Sequence[Mapping[str, Any]]) -> str:
    """How many seeds each spec has (``2``, or ``1 to 2`` for a benchmark stopped partway)."""
    counts = sorted({sum(1 for run in runs if run["spec"] == spec and run["generator"] == "gplearn")
                     for spec in {run["spec"] for run in runs}})
    return str(counts[0]) if len(counts) == 1 else f"{counts[0]} to {counts[-1]}"


def _bench_rows(specs: set[str]) -> tuple[list[tuple[Any, ...]], str]:
    """The benchmark's rows over the run's specs, and a sentence on what it ran (or why none)."""
    document = _read(GPLEARN_HERE)
    if not isinstance(document, dict) or not isinstance(document.get("runs"), list):
        return [], ("gplearn run here: no results yet (python benchmarks/bench_symreg.py --judged writes "
                    f"{GPLEARN_HERE.name}).")
    runs = [run for run in document["runs"] if isinstance(run, dict) and run.get("spec") in specs]
    if not runs:
        return [], f"gplearn run here: {GPLEARN_HERE.name} covers none of this run's specs."
    budget = document.get("budget") or {}
    cap = f"at most {budget.get('evaluations', 0):,} evaluations"
    generators = sorted({str(run["generator"]) for run in runs}, key=lambda name: (name != "search", name))
    versions = document.get("versions") or {}
    return [_bench_row(generator, runs, cap) for generator in generators], (
        f"gplearn {versions.get('gplearn', '?')} and our search as benchmarks/bench_symreg.py ran them "
        f"({_seeds(runs)} seeds per spec, population {budget.get('population', '?')}, {cap}), each formula judged "
        f"in the sandbox by this family's judge.")


def _published_rows() -> tuple[list[tuple[Any, ...]], str]:
    document = _read(PUBLISHED)
    if not isinstance(document, dict):
        return [], "SRBench's published rates: the data file is missing."
    rows = [(f"{method['method']} (published)", "SRBench 2021, its own Feynman data sets, not ours",
             "500,000 evaluations or 8 h (SRBench's budget, not ours)", None, "10 per data set",
             method.get("symbolic_solution_rate"), method.get("accuracy_solution_rate"))
            for method in document.get("methods", [])]
    return rows, f"Published: {document.get('source')}. Budget: {document.get('budget')}."


def comparison_section(done: Sequence[Mapping[str, Any]]) -> Section | None:
    """The comparison table over the run's done Feynman rows (``None`` without any)."""
    if not done:
        return None
    bench, bench_note = _bench_rows({str(row["spec"]) for row in done})
    published, published_note = _published_rows()
    return Section(
        anchor="feynman-srbench", title="Symbolic regression beside SRBench",
        intro=("Symbolic-solution and accuracy-solution rates (SRBench's rules: the difference or ratio to the true "
               "formula simplifies to a constant; held-out R^2 > 0.999), each the mean over specs of the share of "
               "a spec's seeds that solve it (design's copies of one artifact across seeds count as its one "
               "verdict). Rows run here cover this run's specs; published rows cover SRBench's Feynman data sets "
               "at SRBench's budget, so they are beside ours, not comparable cell for cell. "
               "Design's templates write the known formula: its rates check the judge, they are not a finding. "
               f"{bench_note} {published_note} A dash: not measured here, or not among the published figures "
               "recorded."),
        head=("generator", "where", "budget per run", "specs", "runs (distinct formulas)", "symbolic solution rate",
              "accuracy solution rate"),
        rows=tuple(_our_rows(done) + bench + published), text_columns=3)
