"""Search for Feynman formulas: DEAP genetic programming with numpy fitness and linear scaling.

What was chosen (and why):

* representation: an **untyped** ``gp.PrimitiveSet`` (every value is a float) over the spec's
  primitives (:mod:`sva.families.feynman.primitives`), the inputs renamed to the spec's
  parameters, the terminal ``PI`` and one **ephemeral constant** ``C``: a number uniform in
  [-2, 2] rounded to two decimals, drawn when a tree gets it;
* fitness: **vectorized with numpy** over all training points at once (the tree is walked once,
  each primitive one array operation: no ``compile`` per individual), then **linear scaling**
  (Keijzer 2003): the output ``a + b * tree`` with a and b fitted by least squares, so a tree is
  judged on its shape, not on its scale and offset. The fitness is the normalised mean squared
  error of the scaled tree, ``mean((y - a - b f)^2) / var(y)`` (= 1 - R^2 on the training
  points); a tree with a non-finite output on any training point (a vanishing denominator, an
  overflow) gets :data:`PENALTY`, a constant tree 1. Linear scaling costs two sums per tree and
  helps every spec here; constant optimisation (a few gradient steps per tree) was not added:
  the ephemeral constants and the scaling already reach R^2 > 0.999 on most specs;
* selection: ``tools.selDoubleTournament`` (fitness tournaments of 7, then a size tournament
  with parsimony 1.4), which keeps formulas short;
* variation: ``algorithms.varAnd`` with one-point crossover (p = 0.8) and uniform subtree
  mutation (p = 0.2, new subtree ``gp.genFull`` of height 0..2), under a static height limit of
  8; initial population ``gp.genHalfAndHalf`` of heights 1..4; one elite (``tools.HallOfFame``);
* budget: population 400 for up to 50 generations (the default preset's 60 runs fit in about
  a minute of search on two cores; 500 x 60 found no more formulas: 48 of 60 runs either way);
* stop: after the generation budget, or when the normalised error is below 1e-12;
* noise (setting ``noise``, default 0): Gaussian noise of that many times the RMS of the target
  added to the training targets (SRBench's levels: 0, 0.001, 0.01, 0.1), seeded by the spec.

Everything random happens inside :func:`sva.core.rng.seeded`; the fitness and individual
classes are made per run (no ``deap.creator``). The artifact's entry returns the scaled tree
(``b * tree + a``, the coefficients to ten significant digits) through the shared emitter.
``success`` in the manifest means training R^2 > 0.999 (SRBench's accuracy threshold).
"""

from __future__ import annotations

import functools
import math
import operator
import random
import time
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from deap import algorithms, base, gp, tools

from sva.core.artifact import Artifact, SearchRecord
from sva.core.emitter import emit_program, render_expression
from sva.core.program import Apply, Constant, Expr, Function, Name, Program, Return
from sva.core.gp import HallKeeper, generational, individual_class
from sva.core.rng import check_seed
from sva.core.settings import Schema, fraction, merge_config, whole
from sva.core.spec import Spec
from sva.errors import UsageError
from sva.families.feynman.fitness import (ERRSTATE, PENALTY, Raised, Training, evaluate, fitness, fitnesses,
                                               reference_fitness, scaled_error, training_data)
from sva.families.feynman.primitives import ARITY, PRIMITIVES, SCALAR
from sva.families.feynman.subtrees import Evaluator

__all__ = ["ERRSTATE", "PENALTY", "Raised", "Training", "default_config", "evaluate", "evolve", "fitness",
           "fitnesses", "generate", "primitive_set", "reference_fitness", "scaled_error", "scaled_expression",
           "training_data", "tree_to_expression"]

GENERATOR = "search"
#: Training R^2 above this counts as success (SRBench's accuracy threshold).
SUCCESS_R2 = 0.999

SCHEMA = Schema(
    (whole("population_size", 400, 2), whole("generations", 50, 0), whole("init_min_height", 1, 0),
     whole("init_max_height", 4, 0), whole("tournament_size", 7, 1), fraction("parsimony_size", 1.4, 1.0, 2.0),
     fraction("crossover_probability", 0.8), fraction("mutation_probability", 0.2),
     whole("mutation_max_height", 2, 0), whole("height_limit", 8, 1), fraction("noise", 0.0, 0.0, 10.0),
     fraction("stop_error", 1e-12, 0.0, 1.0)),
    ordered=(("init_min_height", "init_max_height"),))


def default_config(spec: Spec) -> dict[str, Any]:
    """Every search setting for ``spec`` (the default budget), as a JSON-able dict."""
    return SCHEMA.defaults()


@dataclass(frozen=True)
class SymRegSettings:
    """A validated configuration (see :data:`SCHEMA` for the keys)."""

    population_size: int
    generations: int
    init_min_height: int
    init_max_height: int
    tournament_size: int
    parsimony_size: float
    crossover_probability: float
    mutation_probability: float
    mutation_max_height: int
    height_limit: int
    noise: float
    stop_error: float

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "SymRegSettings":
        """Check every value; a :class:`UsageError` names the first bad one."""
        return cls(**SCHEMA.check(config))


def _ephemeral() -> float:
    return round(random.uniform(-2.0, 2.0), 2)


def primitive_set(spec: Spec, name: str | None = None, params: Sequence[str] | None = None) -> gp.PrimitiveSet:
    """The untyped primitive set of ``spec``: its primitives, ``PI``, the constant ``C``, its inputs
    (or, for a part of ``search-modular``, the set called ``name`` over the arguments ``params``)."""
    name, params = (spec.entry if name is None else name), (spec.params if params is None else tuple(params))
    pset = gp.PrimitiveSet(name, len(params))
    for primitive in spec.primitives:
        if ARITY[primitive] == 0:
            pset.addTerminal(math.pi, name=primitive)
        else:
            pset.addPrimitive(SCALAR[primitive], ARITY[primitive], name=primitive)
    pset.addEphemeralConstant("C", _ephemeral)
    pset.renameArguments(**{f"ARG{index}": param for index, param in enumerate(params)})
    return pset


@dataclass(frozen=True)
class Run:
    """One GP run: the best tree, its scaling, its training error and what it cost."""

    best: gp.PrimitiveTree
    error: float
    intercept: float
    slope: float
    history: tuple[float, ...]
    generations: int
    evaluations: int
    wall_time_s: float
    cpu_time_s: float


def toolbox(pset: gp.PrimitiveSet, height_limit: int, mutation_max_height: int) -> base.Toolbox:
    """What ``algorithms.varAnd`` reads: one-point crossover and uniform subtree mutation under
    the height limit; its ``clone`` keeps an individual's scaling."""
    limit = gp.staticLimit(key=operator.attrgetter("height"), max_value=height_limit)
    variation = base.Toolbox()
    variation.register("mate", limit(gp.cxOnePoint))
    new_subtree = functools.partial(gp.genFull, min_=0, max_=mutation_max_height)
    variation.register("mutate", limit(functools.partial(gp.mutUniform, expr=new_subtree, pset=pset)))
    return variation


def evolve(spec: Spec, settings: SymRegSettings, seed: int) -> Run:
    """One GP run on ``spec``'s training points (see the module docstring for every step)."""
    pset = primitive_set(spec)
    data = training_data(spec, settings.noise)
    individual = individual_class(gp.PrimitiveTree, (-1.0,), scaling=(0.0, 1.0))
    variation = toolbox(pset, settings.height_limit, settings.mutation_max_height)
    scorer = Evaluator(data)  # one for the run: a child's subtrees met in its parents are not computed again

    def evaluate(fresh: Sequence[Any]) -> None:
        for each, (error, intercept, slope) in zip(fresh, scorer.fitnesses(fresh)):
            each.fitness.values = (error,)
            each.scaling = (intercept, slope)

    run = generational(
        initial=lambda: individual(gp.genHalfAndHalf(pset, settings.init_min_height, settings.init_max_height)),
        evaluate=evaluate,
        select=lambda population, count: tools.selDoubleTournament(
            population, count, fitness_size=settings.tournament_size, parsimony_size=settings.parsimony_size,
            fitness_first=True),
        vary=lambda parents: algorithms.varAnd(parents, variation, settings.crossover_probability,
                                               settings.mutation_probability),
        clone=variation.clone, keeper=HallKeeper(1), observe=lambda population, best: best.fitness.values[0],
        stop=lambda best, error: error <= settings.stop_error, population_size=settings.population_size,
        generations=settings.generations, elites=1, seed=seed)
    best = run.best
    return Run(best=best, error=float(best.fitness.values[0]), intercept=best.scaling[0], slope=best.scaling[1],
               history=tuple(float(value) for value in run.history), generations=run.generations,
               evaluations=run.evaluations, wall_time_s=run.wall_time_s, cpu_time_s=run.cpu_time_s)


def tree_to_expression(tree: Sequence[Any]) -> Expr:
    """The IR expression of a tree: inputs are names, ``PI`` the primitive, constants numbers."""
    stack: list[Expr] = []
    for node in reversed(tree):
        if isinstance(node, gp.Terminal):
            if node.name == "PI":
                stack.append(Apply("PI", ()))
            elif isinstance(node.value, str):
                stack.append(Name(node.value))
            else:
                stack.append(Constant(float(node.value)))
        else:
            stack.append(Apply(node.name, tuple(stack.pop() for _ in range(node.arity))))
    if len(stack) != 1:
        raise ValueError(f"not a complete tree: {len(stack)} expressions left after the walk")
    return stack[0]


def _digits(value: float) -> float:
    return float(f"{value:.10g}")


def scaled_expression(tree: Sequence[Any], intercept: float, slope: float, scale: float = 0.0) -> Expr:
    """``slope * tree + intercept`` as IR, leaving out a slope of 1 and an intercept of 0 (or one
    below 1e-9 of ``scale``, the target's RMS: rounding noise of the least-squares fit)."""
    expr = tree_to_expression(tree)
    slope, intercept = _digits(slope), _digits(intercept)
    if abs(intercept) <= 1e-9 * scale:
        intercept = 0.0
    if slope != 1.0:
        expr = Apply("MUL", (Constant(slope), expr))
    if intercept > 0:
        expr = Apply("ADD", (expr, Constant(intercept)))
    elif intercept < 0:
        expr = Apply("SUB", (expr, Constant(-intercept)))
    return expr


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """Evolve the formula artifact for (spec, seed, configuration); a poor fit still yields one."""
    if spec.family != "feynman":
        raise UsageError(f"the Feynman search needs a spec of the feynman family; {spec.name!r} is "
                         f"family {spec.family!r}")
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    settings = SymRegSettings.from_config(resolved)
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    run = evolve(spec, settings, seed)
    if run.error >= PENALTY:
        expr: Expr = Constant(0.0)
    elif run.slope == 0.0:  # a constant is all the scaling could make of it
        expr = Constant(_digits(run.intercept))
    else:
        expr = scaled_expression(run.best, run.intercept, run.slope, float(spec.extra.get("rms", 0.0)))
    r2 = 1.0 - run.error
    how = (f"Population {settings.population_size}, at most {settings.generations} generations, linear "
           f"scaling; primitives {', '.join(spec.primitives)} and constants.")
    docstring = (f"{spec.name} fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed "
                 f"{seed}: training R^2 = {r2:.6f} on {len(spec.training)} points. {how}")
    program = Program(docstring, (Function(spec.entry, spec.params, (Return(expr),), story=spec.description),),
                      spec.entry)
    history = [min(value, PENALTY) for value in run.history]
    details = {
        "outputs": list(spec.outputs),
        "run_seeds": [seed],
        "training_cases": len(spec.training),
        "generations": [run.generations],
        "training_errors": [run.error],
        "training_r2": r2,
        "expression": render_expression(expr, PRIMITIVES),
        "tree": str(run.best),
        "tree_size": len(run.best),
        "linear_scaling": [_digits(run.intercept), _digits(run.slope)],
    }
    record = SearchRecord(success=r2 > SUCCESS_R2, evaluations=run.evaluations,
                          best_fitness_per_generation=[history],
                          wall_time_s=round(time.perf_counter() - started_wall, 4),
                          cpu_time_s=round(time.process_time() - started_cpu, 4), details=details)
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record)
