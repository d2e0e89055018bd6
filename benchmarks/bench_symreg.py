"""Benchmark: the Feynman search's numpy fitness, and a whole run against gplearn 0.4.3.

(a) Fitness. The same 500 random trees (``gp.genHalfAndHalf`` of heights 1..6 over the spec's
primitive set, seeded) of ``feynman-I.10.7`` are scored on 20, 200 and 1,000 uniform points of
its training box two ways:

* reference: DEAP's documented style (``examples/gp/symbreg.py``): ``gp.compile`` the tree into a
  Python function, call it on each point with :mod:`math` (a point that raises is non-finite);
* ours: :func:`sva.families.feynman.fitness.fitnesses`: each tree walked once, each primitive
  one numpy operation over all points.

Both then compute the same linear-scaled error; the fitness of every tree must agree to nine
significant digits in every round (numpy's and libm's exp/sin/cos may differ in the last bit),
else exit status 1. Rounds alternate which evaluator goes first (``benchmarks/alternate.py``)
and are timed in wall-clock and in CPU seconds; ``ratio`` and ``cpu_ratio`` are the medians of
the per-round ratios reference / ours in each, printed side by side. The goal is at least 20x
at 1,000 points.

The floor (``benchmarks/symreg_floor.py``): the numpy calls of every primitive of every tree,
recorded once and replayed in a bare loop (numpy's own arithmetic, no walk, no compile, no
error), plus the scaled error alone on the precomputed outputs, in CPU microseconds per tree;
``bound``, the reference's CPU time over that floor, is the best ratio any fitness that calls
numpy once per primitive could reach on these trees.

A search run's trees (skipped by ``--skip-run-trees``): every population one search run of
``feynman-I.10.7`` (seed 0, search's default configuration, 200 training points) scores, timed
three ways in CPU seconds: the reference, ours tree by tree, and the run's
:class:`~sva.families.feynman.subtrees.Evaluator` (a fresh one every round), which computes
each distinct subtree and tree once; its scores must equal the tree-by-tree ones bit for bit.

(b) A whole run. Our search and gplearn's ``SymbolicRegressor`` at the same population,
generations and tournament size, with the same function set (add, sub, mul, protected div and
sqrt, neg, sin, cos and an exp, which gplearn needs written as a closed function: exp of the
argument clipped to [-100, 100]), on the same equations and seeds, each fitted on the spec's
200 training points and scored on its 1,000 held-out points: wall time, held-out R^2 and
success (R^2 > 0.999) side by side. Both stop at a perfect fit, ours more often, so the
wall-time ratio is given per run and per generation (the like-for-like figure). Differences that remain: gplearn protects division by
|b| <= 0.001 and has no pi terminal; we use linear scaling and a parsimony tournament, gplearn
its parsimony coefficient (0.001, its default) and its default operator mix. gplearn is the
``bench`` extra (``pip install -e '.[bench]'``); without it parts (b) and (c) are skipped with a note.

(c) Judged by our judge (``--judged``). On every Feynman spec (or ``--judged-specs``) and seed,
our search at its default budget (population 400, at most 50 generations after the first:
400 x 51 = 20,400 evaluations at most) and gplearn at the same budget in evaluations
(population 400 x 51 generations, gplearn counting its first population as a generation), same
function set as in (b). gplearn's program (``str(est._program)``, e.g. ``add(mul(X0, X1),
0.5)``: SRBench's ``symbolic_model`` for gplearn) is read as a formula given as text
(:func:`sva.generate.external.formula_module`: gplearn's protected ``div`` and ``sqrt`` read as
the family's DIV and SQRT, as SRBench reads them), and both artifacts are trusted in the
sandbox without mutants, so the family's judge decides each one's symbolic solution and
accuracy solution (held-out R^2 > 0.999) exactly as for any cell of ``sva run``. The runs, their
budget, the versions and the rates go to ``--judged-out`` (default
``sva/families/feynman/data/gplearn_here.json``, which the report's comparison table reads).
The SRBench 2021 budget was not this one: 500,000 evaluations (its method files' grids, e.g.
gplearn's population x generations = 1000 x 500) and 8 hours per run on the ground-truth track.

Usage: ``python benchmarks/bench_symreg.py [--json] [--rounds N] [--trees N] [--seeds N]
[--population N] [--generations N] [--specs a,b] [--skip-run] [--skip-run-trees] [--run-rounds N]
[--heights MIN,MAX]
[--judged [--judged-specs a,b] [--judged-out FILE] [--first-seed K]]``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Sequence

try:
    import sva  # noqa: F401  (installed into the venv)
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if str(Path(__file__).resolve().parent) not in sys.path:  # benchmarks/alternate.py, beside this script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from alternate import alternate  # noqa: E402
from symreg_judged import JUDGED_OUT, judged_runs, judged_summary  # noqa: E402
from symreg_floor import (cpu_median, digits, errors_alone, numpy_calls, outputs, reference_scores,  # noqa: E402
                          replay, run_generations)

import numpy as np  # noqa: E402
from deap import gp  # noqa: E402

from sva.core.rng import seeded  # noqa: E402
from sva.families.feynman.search import (SymRegSettings, Training, default_config, evaluate, evolve,  # noqa: E402
                                              fitnesses, primitive_set, training_data)
from sva.families.feynman.subtrees import Evaluator  # noqa: E402
from sva.families import get_spec  # noqa: E402

POINTS = (20, 200, 1000)
MIN_HEIGHT, MAX_HEIGHT = 1, 6
FITNESS_SPEC = "feynman-I.10.7"
RUN_SPECS = ("feynman-I.12.1", "feynman-I.10.7", "feynman-I.34.8", "feynman-II.3.24")


@dataclass(frozen=True)
class FitnessResult:
    """Part (a) at one point count: per tree, wall and CPU microseconds, both ratios, the floor."""

    points: int
    trees: int
    rounds: int
    reference_us: float
    ours_us: float
    ratio: float
    ratio_of_medians: float
    fitness_identical: bool
    reference_cpu_us: float
    ours_cpu_us: float
    cpu_ratio: float
    #: CPU microseconds per tree of the numpy calls alone (replayed), and of the scaled error alone
    numpy_us: float
    error_us: float
    #: reference CPU / (numpy_us + error_us): the ratio with the walk free
    bound: float


@dataclass(frozen=True)
class RunTreesResult:
    """Part (a) on the trees one search run scores: CPU microseconds per tree and ratios."""

    spec: str
    seed: int
    generations: int
    trees: int
    rounds: int
    reference_cpu_us: float
    plain_cpu_us: float
    ours_cpu_us: float
    ratio: float
    cpu_ratio: float
    #: plain walk / evaluator, CPU: what computing each distinct subtree once saves
    subtree_gain: float
    fitness_identical: bool


@dataclass(frozen=True)
class RunResult:
    spec: str
    seed: int
    ours_s: float
    gplearn_s: float | None
    ours_r2: float
    gplearn_r2: float | None
    ours_success: bool
    gplearn_success: bool | None
    ours_generations: int
    gplearn_generations: int | None


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive int, got {text!r}")
    return value


def _box(spec: Any, count: int, seed: str) -> list[tuple[float, ...]]:
    rng = random.Random(seed)
    variables = spec.extra["equation"].variables
    return [tuple(rng.uniform(v.low, v.high) for v in variables) for _ in range(count)]


def _data(spec: Any, cases: Sequence[tuple[float, ...]]) -> Training:
    target = np.array([spec.expected(case) for case in cases])
    columns = {param: np.array([case[i] for case in cases]) for i, param in enumerate(spec.params)}
    return Training(columns, target, float(np.var(target)), len(cases))


def bench_fitness(points: int, count: int, rounds: int,
                  heights: tuple[int, int] = (MIN_HEIGHT, MAX_HEIGHT)) -> FitnessResult:
    spec = get_spec(FITNESS_SPEC)
    pset = primitive_set(spec)
    cases = _box(spec, points, f"bench-symreg:{points}")
    data = _data(spec, cases)
    with seeded(0):
        trees = [gp.PrimitiveTree(gp.genHalfAndHalf(pset, *heights)) for _ in range(count)]

    def ours() -> list[float]:
        return [digits(score[0]) for score in fitnesses(trees, data)]

    timing = alternate(lambda: reference_scores(trees, pset, cases, data), ours, rounds)
    calls, predicted = numpy_calls(trees, data), outputs(trees, data)
    numpy_us = 1e6 * cpu_median(lambda: replay(calls), rounds) / count
    error_us = 1e6 * cpu_median(lambda: errors_alone(predicted, data), rounds) / count
    reference_cpu = 1e6 * statistics.median(timing.reference_cpu or [0.0]) / count
    return FitnessResult(points, count, rounds, 1e6 * timing.reference_median / count, 1e6 * timing.our_median / count,
                         timing.ratio, timing.reference_median / timing.our_median, timing.identical,
                         reference_cpu, 1e6 * statistics.median(timing.our_cpu or [0.0]) / count,
                         timing.cpu_ratio or 0.0, numpy_us, error_us, reference_cpu / (numpy_us + error_us))


def bench_run_trees(seed: int, rounds: int) -> RunTreesResult:
    """The trees one search run of :data:`FITNESS_SPEC` scores, on its 200 training points: the
    reference, our plain walk and the run's evaluator (a fresh one every round)."""
    spec = get_spec(FITNESS_SPEC)
    pset, data = primitive_set(spec), training_data(spec)
    generations = run_generations(spec, seed)
    trees = [tree for population in generations for tree in population]

    def ours() -> list[tuple[float, float, float]]:  # exact (error, intercept, slope)
        evaluator = Evaluator(data)
        return [score for population in generations for score in evaluator.fitnesses(population)]

    def plain() -> list[tuple[float, float, float]]:
        return [score for population in generations for score in fitnesses(population, data)]

    timing = alternate(lambda: reference_scores(trees, pset, spec.training, data),
                       lambda: [digits(score[0]) for score in ours()], rounds)
    gain = alternate(plain, ours, rounds)  # equal bit for bit, not only to nine digits
    per_tree = 1e6 / len(trees)
    return RunTreesResult(FITNESS_SPEC, seed, len(generations), len(trees), rounds,
                          per_tree * statistics.median(timing.reference_cpu or [0.0]),
                          per_tree * statistics.median(gain.reference_cpu or [0.0]),
                          per_tree * statistics.median(timing.our_cpu or [0.0]), timing.ratio, timing.cpu_ratio or 0.0,
                          gain.cpu_ratio or 0.0, timing.identical and gain.identical)


def _r2(predicted: Any, target: Any) -> float:
    if not np.all(np.isfinite(predicted)):
        return float("-inf")
    return float(1.0 - np.sum((target - predicted) ** 2) / np.sum((target - target.mean()) ** 2))


def _ours(spec: Any, seed: int, population: int, generations: int) -> tuple[float, float, int]:
    config = {**default_config(spec), "population_size": population, "generations": generations}
    started = time.perf_counter()
    run = evolve(spec, SymRegSettings.from_config(config), seed)
    seconds = time.perf_counter() - started
    held = _data(spec, spec.held_out)
    with np.errstate(all="ignore"):
        predicted = run.intercept + run.slope * evaluate(run.best, held.columns, held.points)
    return seconds, _r2(predicted, held.target), run.generations + 1


def _gplearn(spec: Any, seed: int, population: int, generations: int) -> tuple[float, float, int]:
    from symreg_judged import fit_gplearn

    model, seconds = fit_gplearn(spec, seed, population, generations)
    held_x = np.array(spec.held_out)
    held_y = np.array([spec.expected(case) for case in spec.held_out])
    with np.errstate(all="ignore"):
        return seconds, _r2(model.predict(held_x), held_y), len(model.run_details_["generation"])


def bench_runs(specs: Sequence[str], seeds: int, population: int, generations: int, with_gplearn: bool) -> list[RunResult]:
    results = []
    for name in specs:
        spec = get_spec(name)
        for seed in range(seeds):
            ours_s, ours_r2, ours_g = _ours(spec, seed, population, generations)
            gp_s = gp_r2 = gp_g = None
            if with_gplearn:
                gp_s, gp_r2, gp_g = _gplearn(spec, seed, population, generations)
            results.append(RunResult(name, seed, ours_s, gp_s, ours_r2, gp_r2, ours_r2 > 0.999,
                                     None if gp_r2 is None else gp_r2 > 0.999, ours_g, gp_g))
    return results


def _gplearn_available() -> str | None:
    try:
        import gplearn  # noqa: F401
    except ImportError as error:
        return f"gplearn is not installed ({error}); pip install -e '.[bench]' for part (b)"
    return None


def _heights(text: str) -> tuple[int, int]:
    try:
        low, high = (int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected MIN,MAX heights such as 1,2, got {text!r}") from None
    if not 0 <= low <= high:
        raise argparse.ArgumentTypeError(f"expected 0 <= MIN <= MAX, got {text!r}")
    return low, high


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--rounds", type=_positive, default=5, help="timed rounds per point count (5)")
    parser.add_argument("--trees", type=_positive, default=500, help="random trees (500)")
    parser.add_argument("--seeds", type=_positive, default=2, help="seeds per equation for the whole runs (2)")
    parser.add_argument("--population", type=_positive, default=400, help="population of both searches (400)")
    parser.add_argument("--generations", type=_positive, default=20, help="generations of both searches (20)")
    parser.add_argument("--specs", default=",".join(RUN_SPECS), help="equations of the whole runs")
    parser.add_argument("--skip-run", action="store_true", help="no part (b)")
    parser.add_argument("--skip-run-trees", action="store_true", help="part (a) without a search run's trees")
    parser.add_argument("--run-rounds", type=_positive, default=3, help="rounds on a search run's trees (3)")
    parser.add_argument("--judged", action="store_true", help="part (c): ours and gplearn judged by our judge")
    parser.add_argument("--judged-specs", default="all", help="equations of part (c) (all: every Feynman spec)")
    parser.add_argument("--judged-out", default=str(JUDGED_OUT), help=f"part (c)'s JSON file ({JUDGED_OUT.name})")
    parser.add_argument("--first-seed", type=int, default=0,
                        help="part (c): start at this seed, keeping the earlier seeds' runs from --judged-out (0)")
    parser.add_argument("--heights", type=_heights, default=(MIN_HEIGHT, MAX_HEIGHT),
                        help=f"MIN,MAX heights of the random trees ({MIN_HEIGHT},{MAX_HEIGHT}; DEAP's symbreg example "
                             "initialises with 1,2)")
    return parser


def _print_fitness(options: argparse.Namespace, results: Sequence[FitnessResult],
                   run_trees: RunTreesResult | None) -> None:
    print(f"(a) fitness of {options.trees} random trees (heights {options.heights[0]}..{options.heights[1]}) of "
          f"{FITNESS_SPEC}, {options.rounds} alternating rounds; us per tree, wall | CPU")
    print(f"{'points':>7} {'reference us':>15} {'ours us':>13} {'wall ratio':>11} {'CPU ratio':>10}  fitness")
    for r in results:
        print(f"{r.points:>7} {r.reference_us:>7.1f} | {r.reference_cpu_us:>5.1f} {r.ours_us:>5.1f} | "
              f"{r.ours_cpu_us:>5.1f} {r.ratio:>10.1f}x {r.cpu_ratio:>9.1f}x  "
              f"{'equal' if r.fitness_identical else 'MISMATCH'}")
    print("floor, CPU us per tree: numpy's calls alone (replayed) + the scaled error alone = the floor; "
          "reference / floor = the ratio with the walk free")
    for r in results:
        print(f"{r.points:>7} {r.numpy_us:>6.1f} + {r.error_us:>5.1f} = {r.numpy_us + r.error_us:>5.1f} of ours "
              f"{r.ours_cpu_us:>5.1f}; bound {r.bound:.1f}x")
    if run_trees is not None:
        t = run_trees
        print(f"a search run's trees ({t.spec} seed {t.seed}, {t.generations} populations, {t.trees} trees, 200 "
              f"points, {t.rounds} rounds), CPU us per tree: reference {t.reference_cpu_us:.1f}, plain walk "
              f"{t.plain_cpu_us:.1f}, the run's evaluator {t.ours_cpu_us:.1f}; ratio {t.ratio:.1f}x wall, "
              f"{t.cpu_ratio:.1f}x CPU; subtrees computed once: {t.subtree_gain:.1f}x the plain walk (CPU); "
              f"fitness {'equal' if t.fitness_identical else 'MISMATCH'}")


def _ratios(runs: Sequence[RunResult]) -> tuple[float | None, float | None]:
    """gplearn / ours wall time: the median per run, and per generation (both stop early at a
    perfect fit, ours more often: per generation is the like-for-like figure)."""
    timed = [run for run in runs if run.gplearn_s is not None and run.gplearn_generations]
    if not timed:
        return None, None
    return (statistics.median(run.gplearn_s / run.ours_s for run in timed),
            statistics.median((run.gplearn_s / run.gplearn_generations) / (run.ours_s / run.ours_generations)
                              for run in timed))


def _print_runs(options: argparse.Namespace, runs: Sequence[RunResult]) -> None:
    print(f"(b) whole runs, population {options.population}, {options.generations} generations")
    print(f"{'spec':>16} {'seed':>4} {'ours s':>7} {'gens':>5} {'gplearn s':>10} {'gens':>5} {'ours R^2':>10} "
          f"{'gplearn R^2':>12}")
    for run in runs:
        gp_s = "-" if run.gplearn_s is None else f"{run.gplearn_s:.2f}"
        gp_r2 = "-" if run.gplearn_r2 is None else f"{run.gplearn_r2:.5f}"
        print(f"{run.spec:>16} {run.seed:>4} {run.ours_s:>7.2f} {run.ours_generations:>5} {gp_s:>10} "
              f"{run.gplearn_generations or '-':>5} {run.ours_r2:>10.5f} {gp_r2:>12}")
    timed = [run for run in runs if run.gplearn_s is not None]
    line = f"success (held-out R^2 > 0.999): ours {sum(run.ours_success for run in runs)}/{len(runs)}"
    run_ratio, generation_ratio = _ratios(runs)
    if timed and run_ratio is not None and generation_ratio is not None:
        line += (f", gplearn {sum(bool(run.gplearn_success) for run in timed)}/{len(timed)}; "
                 f"gplearn/ours wall time: {run_ratio:.1f}x per run, {generation_ratio:.1f}x per "
                 f"generation (medians of per-run ratios)")
    print(line)


def main(argv: Sequence[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    fitness_results = [bench_fitness(points, options.trees, options.rounds, options.heights) for points in POINTS]
    run_trees = None if options.skip_run_trees else bench_run_trees(0, options.run_rounds)
    missing = None if options.skip_run and not options.judged else _gplearn_available()
    runs = [] if options.skip_run else bench_runs(options.specs.split(","), options.seeds, options.population,
                                                  options.generations, missing is None)
    judged = []
    if options.judged and missing is None:
        judged = judged_runs(options.judged_specs, options.seeds, Path(options.judged_out), options.first_seed)
    if options.json:
        run_ratio, generation_ratio = _ratios(runs)
        print(json.dumps({"fitness": [asdict(r) for r in fitness_results],
                          "run_trees": None if run_trees is None else asdict(run_trees), "runs": [asdict(r) for r in runs],
                          "run_ratio": run_ratio, "generation_ratio": generation_ratio, "note": missing,
                          "judged": judged_summary(judged) if judged else None}, indent=2))
    else:
        _print_fitness(options, fitness_results, run_trees)
        if runs:
            _print_runs(options, runs)
        if judged:
            print(f"(c) judged by our judge, {options.seeds} seeds per spec, written to {options.judged_out}")
            for generator, line in judged_summary(judged)["lines"].items():
                print(f"  {generator}: {line}")
        if missing:
            print(f"note: {missing}")
    if not all(r.fitness_identical for r in fitness_results) or (run_trees and not run_trees.fitness_identical):
        print("bench_symreg: the vectorized and the compiled fitness differ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
