"""Part (c) of ``benchmarks/bench_symreg.py``: our search and gplearn at one budget in
evaluations, each found formula judged by the Feynman family's judge.

For each spec and seed:

* ours: ``sva.generate.generate(spec, "search", seed)`` at search's default configuration
  (population 400, at most 50 generations after the first: at most 400 x 51 = 20,400
  evaluations; it stops early at a training error below 1e-12);
* gplearn 0.4.3: ``SymbolicRegressor(population_size=400, generations=51)`` (gplearn counts its
  first, random population as generation 1, so its cap is also 20,400 evaluations; it stops
  early at a fitness below 1e-12), tournaments of 7, function set add, sub, mul, protected div
  and sqrt, neg, sin, cos and exp (the argument clipped to [-100, 100]: gplearn needs closed
  functions), its other settings its defaults; fitted on the spec's 200 training points;
* both found formulas go through the sandbox as artifacts: ours as search wrote it, gplearn's
  program text (``add(mul(X0, X1), 0.5)``) read by :func:`sva.generate.external.formula_module`
  and written by the one emitter; :func:`sva.trust.trust` (no mutants) runs the family's probe
  and judge, whose fields give the **symbolic solution** (SRBench's rule) and the **accuracy
  solution**: held-out R^2 > 0.999 over the spec's 1,000 held-out points.

gplearn's own prediction's held-out R^2 is kept beside (``own_r2_held_out``): SRBench decides
the accuracy solution on it, with gplearn's protected division (1 where the denominator is within
0.001 of 0), while the family's judge runs the formula as the family's primitives compute it, so
a program that divides by an exact zero has an undefined R^2 here.

A run whose formula cannot be judged (its text outside the family's primitives, a crash in the
sandbox) counts as neither solution and keeps its reason. Rates follow SRBench: the mean over
specs of the share of a spec's seeds that solve it. The JSON written (:func:`write_judged`) is
what the Feynman family's report reads for its comparison table
(:mod:`sva.families.feynman.report`, ``sva/families/feynman/data/gplearn_here.json``).
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

POPULATION = 400
#: gplearn's generations, its first population included: 400 x 51 = search's cap of 400 x (1 + 50)
GENERATIONS = 51
FUNCTIONS = ("add", "sub", "mul", "div", "sqrt", "neg", "sin", "cos", "exp")
JUDGED_OUT = Path(__file__).resolve().parents[1] / "sva" / "families" / "feynman" / "data" / "gplearn_here.json"
#: SRBench's accuracy solution: held-out R^2 above this
ACCURACY_R2 = 0.999


@dataclass(frozen=True)
class JudgedRun:
    """One run judged: spec, seed, generator, evaluations spent, wall seconds of the search, the
    formula found (text), held-out R^2, the two solutions, and why it could not be judged."""

    spec: str
    seed: int
    generator: str
    evaluations: int
    seconds: float
    formula: str | None
    r2_held_out: float | None
    symbolic_solution: bool
    accuracy_solution: bool
    reason: str | None = None
    #: gplearn's own prediction's held-out R^2 (its protected operators and all), which SRBench's
    #: accuracy solution uses; ours judges the formula as the family's primitives compute it
    own_r2_held_out: float | None = None


def fit_gplearn(spec: Any, seed: int, population: int, generations: int) -> tuple[Any, float]:
    """gplearn's ``SymbolicRegressor`` fitted on ``spec``'s training points, and its wall seconds."""
    from gplearn.functions import make_function
    from gplearn.genetic import SymbolicRegressor

    def _exp(x: Any) -> Any:
        with np.errstate(all="ignore"):
            return np.exp(np.clip(x, -100.0, 100.0))

    exp = make_function(function=_exp, name="exp", arity=1)
    train_x = np.array(spec.training)
    train_y = np.array([spec.expected(case) for case in spec.training])
    model = SymbolicRegressor(population_size=population, generations=generations, tournament_size=7,
                              function_set=(*FUNCTIONS[:-1], exp), stopping_criteria=1e-12, random_state=seed,
                              n_jobs=1, verbose=0)
    started = time.perf_counter()
    model.fit(train_x, train_y)
    return model, time.perf_counter() - started


def _judge(path: Path, spec: str) -> tuple[float | None, bool, bool, str | None]:
    """(held-out R^2, symbolic solution, accuracy solution, reason) of one module, from the
    family's judge in the sandbox."""
    from sva.trust import TrustConfig, trust

    report = trust(path, spec, config=TrustConfig(mutate=False))
    fields = report.family_fields or {}
    r2 = fields.get("r2_held_out")
    # the judge's own accuracy_solution when it has one; otherwise SRBench's rule on its R^2
    accuracy = fields.get("accuracy_solution", r2 is not None and r2 > ACCURACY_R2)
    reason = report.failure or (None if fields else "the family's probe measured nothing")
    return r2, bool(fields.get("symbolic_solution")), bool(accuracy), reason


def _ours(spec: Any, seed: int) -> JudgedRun:
    from sva.core.artifact import write_artifact
    from sva.generate import generate

    artifact = generate(spec, "search", seed)
    assert artifact.search is not None
    with tempfile.TemporaryDirectory(prefix="bench-symreg-") as folder:
        r2, symbolic, accuracy, reason = _judge(write_artifact(artifact, folder), spec.name)
    return JudgedRun(spec.name, seed, "search", int(artifact.search.evaluations or 0),
                     float(artifact.search.wall_time_s or 0.0), str(artifact.search.details.get("expression")),
                     r2, symbolic, accuracy, reason)


def _gplearn(spec: Any, seed: int) -> JudgedRun:
    from sva.errors import SvaError
    from sva.generate.external import formula_file, formula_module

    model, seconds = fit_gplearn(spec, seed, POPULATION, GENERATIONS)
    text = str(model._program)
    evaluations = POPULATION * len(model.run_details_["generation"])
    held_y = np.array([spec.expected(case) for case in spec.held_out])
    with np.errstate(all="ignore"):
        predicted = model.predict(np.array(spec.held_out))
    own = float(1.0 - np.sum((held_y - predicted) ** 2) / np.sum((held_y - held_y.mean()) ** 2)) \
        if np.all(np.isfinite(predicted)) else None
    try:
        module = formula_module(spec.name, text)
    except SvaError as error:
        return JudgedRun(spec.name, seed, "gplearn", evaluations, seconds, text, None, False, False, str(error), own)
    with formula_file(module) as path:
        r2, symbolic, accuracy, reason = _judge(path, spec.name)
    return JudgedRun(spec.name, seed, "gplearn", evaluations, seconds, text, r2, symbolic, accuracy, reason, own)


def _earlier(out: Path | None, first_seed: int) -> list[JudgedRun]:
    """The runs of seeds below ``first_seed`` already in ``out`` (a run resumed seed by seed)."""
    if out is None or first_seed == 0 or not out.exists():
        return []
    document = json.loads(out.read_text(encoding="utf-8"))
    return [JudgedRun(**run) for run in document.get("runs", []) if run["seed"] < first_seed]


def judged_runs(specs: str, seeds: int, out: Path | None = None, first_seed: int = 0) -> list[JudgedRun]:
    """Ours and gplearn's runs on ``specs`` (comma-separated, or ``all`` Feynman specs) x seeds
    ``first_seed`` .. ``seeds - 1`` (the earlier seeds' runs kept from ``out``); with ``out``, the
    file is rewritten after each spec (a long run leaves what it finished) and one line per run
    goes to stderr."""
    import sys

    from sva.families import all_specs, get_spec

    names = [spec.name for spec in all_specs() if spec.family == "feynman"] if specs == "all" else specs.split(",")
    runs: list[JudgedRun] = _earlier(out, first_seed)
    for name in names:
        spec = get_spec(name)
        for seed in range(first_seed, seeds):
            for run in (_ours(spec, seed), _gplearn(spec, seed)):
                runs.append(run)
                print(f"{run.spec} seed {run.seed} {run.generator}: symbolic {run.symbolic_solution}, accuracy "
                      f"{run.accuracy_solution}, {run.evaluations} evaluations, {run.seconds:.1f} s, {run.formula}",
                      file=sys.stderr, flush=True)
        if out is not None:
            write_judged(out, runs, seeds)
    return runs


def _rate(runs: Sequence[JudgedRun], field: str) -> float:
    """SRBench's rate: the mean over specs of the share of a spec's seeds that solve it."""
    specs = sorted({run.spec for run in runs})
    return statistics.mean(statistics.mean(float(getattr(run, field)) for run in runs if run.spec == spec)
                           for spec in specs)


def judged_summary(runs: Sequence[JudgedRun]) -> dict[str, Any]:
    """Per generator: specs, runs, both rates, the median evaluations and seconds, one line each."""
    summary: dict[str, Any] = {"generators": {}, "lines": {}}
    for generator in sorted({run.generator for run in runs}):
        mine = [run for run in runs if run.generator == generator]
        figures = {"specs": len({run.spec for run in mine}), "runs": len(mine),
                   "symbolic_solution_rate": _rate(mine, "symbolic_solution"),
                   "accuracy_solution_rate": _rate(mine, "accuracy_solution"),
                   "median_evaluations": statistics.median(run.evaluations for run in mine),
                   "median_seconds": statistics.median(run.seconds for run in mine),
                   "not_judged": sum(run.reason is not None for run in mine)}
        summary["generators"][generator] = figures
        summary["lines"][generator] = (
            f"symbolic solution {figures['symbolic_solution_rate']:.1%}, accuracy solution "
            f"{figures['accuracy_solution_rate']:.1%} over {figures['specs']} specs ({figures['runs']} runs; median "
            f"{figures['median_evaluations']:,.0f} evaluations, {figures['median_seconds']:.1f} s; "
            f"{figures['not_judged']} not judged)")
    return summary


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return {name: installed(name) for name in ("gplearn", "scikit-learn", "numpy", "deap", "sympy")}


def write_judged(path: Path, runs: Sequence[JudgedRun], seeds: int) -> None:
    """The JSON the Feynman report's comparison table reads: budget, settings, versions, runs."""
    from sva.atomic import write_text_atomically

    document = {
        "source": "benchmarks/bench_symreg.py --judged (part (c))",
        "budget": {"evaluations": POPULATION * GENERATIONS, "population": POPULATION, "generations": GENERATIONS,
                   "note": "gplearn's generations include its first population; ours: population 400, at most "
                           "50 generations after the first"},
        "gplearn": {"function_set": list(FUNCTIONS), "tournament_size": 7, "stopping_criteria": 1e-12,
                    "other_settings": "gplearn 0.4.3 defaults"},
        "seeds": seeds, "versions": _versions(),
        "summary": judged_summary(runs)["generators"],
        "runs": [asdict(run) for run in runs],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, json.dumps(document, indent=1, sort_keys=True) + "\n")
