"""The PSB family's search: strongly typed GP in DEAP with lexicase selection.

For a PSB spec, a population of typed trees (:mod:`sva.families.psb.grammar`, DEAP's
``PrimitiveSetTyped``; no ``deap.creator``: the fitness and individual classes are made inside
each run) evolves on the training cases:

* initial population: ramped half-and-half, heights 1..4 (a generator that always closes a
  branch, :func:`sva.families.psb.grammar.half_and_half`);
* selection: lexicase on the per-case errors, epsilon-lexicase with automatic epsilon for the
  float spec (vector-average), as the field does on these problems
  (:mod:`sva.families.psb.lexicase`: DEAP's ``selLexicase`` and
  ``selAutomaticEpsilonLexicase``, computed on plain error tuples, which is much faster);
* variation: ``algorithms.varAnd`` with one-point crossover (p = 0.8; DEAP's ``cxOnePoint`` with
  its choice of type made independent of memory addresses) and uniform subtree
  mutation (p = 0.2, new subtrees of height 0..2), under a static height limit of 8;
* elitism: the best tree so far (fewest wrong cases, then least total error, then smallest)
  joins every generation;
* fitness: fast, each distinct tree compiled once and memoized
  (:mod:`sva.families.psb.compiled`);
* budget: population 200, at most 30 generations (the ``full`` preset: 1000 x 300, PSB1's);
  a run stops at the first tree right on every training case.

Everything random happens inside :func:`sva.core.rng.seeded`, which restores the
caller's state. The best tree becomes one entry function returning its expression, emitted by
the shared emitter with the family's renderings (comprehensions for the higher-order forms).
"""

from __future__ import annotations

import functools
import operator
import time
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from deap import algorithms, base, gp, tools

from sva.core.artifact import Artifact, SearchRecord
from sva.core.emitter import emit_program
from sva.core.program import Function, Program, Return
from sva.core.gp import RankKeeper, generational, individual_class
from sva.core.rng import check_seed
from sva.core.settings import Schema, choice, fraction, merge_config, switch, whole
from sva.core.spec import Spec
from sva.families.psb import lexicase
from sva.families.psb.compiled import Evaluator
from sva.families.psb.grammar import crossover, grammar, half_and_half, tree_to_expression
from sva.families.psb.primitives import PRIMITIVES

GENERATOR = "search"

SCHEMA = Schema(
    (whole("population_size", 200, 2), whole("generations", 30, 0), whole("init_min_height", 1, 0),
     whole("init_max_height", 4, 0), fraction("crossover_probability", 0.8), fraction("mutation_probability", 0.2),
     whole("mutation_max_height", 2, 0), whole("height_limit", 8, 1),
     choice("selection", "lexicase", ("lexicase", "epsilon-lexicase", "tournament")),
     switch("stop_when_perfect", True)),
    ordered=(("init_min_height", "init_max_height"),))


def default_config(spec: Spec) -> dict[str, Any]:
    """Every search setting for ``spec`` (epsilon-lexicase for a float output)."""
    config = SCHEMA.defaults()
    if spec.extra.get("returns") == "Float":
        config["selection"] = "epsilon-lexicase"
    return config


@dataclass(frozen=True)
class Settings:
    """A validated search configuration (see :data:`SCHEMA`)."""

    population_size: int
    generations: int
    init_min_height: int
    init_max_height: int
    crossover_probability: float
    mutation_probability: float
    mutation_max_height: int
    height_limit: int
    selection: str
    stop_when_perfect: bool

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "Settings":
        """Check every value; a :class:`UsageError` names the first bad one."""
        return cls(**SCHEMA.check(config))

    def select(self, population: Sequence[Any], count: int) -> list[Any]:
        """``count`` parents by the configured selection: lexicase on the per-case errors
        (epsilon-lexicase with automatic epsilon), or a tournament of 7 by fitness."""
        if self.selection == "tournament":
            return tools.selTournament(population, count, tournsize=7)
        return lexicase.select(population, count, [each.errors for each in population],
                               epsilon=self.selection == "epsilon-lexicase")


@dataclass(frozen=True)
class Run:
    """One run: the best tree, its errors, the history and the cost."""

    best: gp.PrimitiveTree
    wrong_cases: int
    total_error: float
    history: tuple[int, ...]
    generations: int
    evaluations: int
    first_perfect_generation: int | None


def _rank(individual: Any) -> tuple[int, float, int]:
    errors = individual.errors
    return (sum(1 for error in errors if error), float(sum(errors)), len(individual))


def toolbox(pset: gp.PrimitiveSetTyped, height_limit: int, mutation_max_height: int) -> base.Toolbox:
    """What ``algorithms.varAnd`` reads: the typed one-point crossover and uniform subtree
    mutation, under the height limit."""
    limit = gp.staticLimit(key=operator.attrgetter("height"), max_value=height_limit)
    new_subtree = functools.partial(half_and_half, min_=0, max_=mutation_max_height)
    variation = base.Toolbox()
    variation.register("mate", limit(crossover))
    variation.register("mutate", limit(functools.partial(gp.mutUniform, expr=new_subtree, pset=pset)))
    return variation


def evolve(spec: Spec, settings: Settings, seed: int) -> Run:
    """One GP run on the training cases of ``spec``."""
    spec_grammar = grammar(spec)
    pset = spec_grammar.pset
    evaluator = Evaluator(spec, spec_grammar)
    individual = individual_class(gp.PrimitiveTree, (-1.0,) * len(evaluator.cases), errors=())
    variation = toolbox(pset, settings.height_limit, settings.mutation_max_height)

    def evaluate(fresh: Sequence[Any]) -> None:
        for each in fresh:
            each.errors = evaluator.errors(each)
            each.fitness.values = each.errors

    run = generational(
        initial=lambda: individual(half_and_half(pset, settings.init_min_height, settings.init_max_height)),
        evaluate=evaluate, select=settings.select,
        vary=lambda parents: algorithms.varAnd(parents, variation, settings.crossover_probability,
                                               settings.mutation_probability),
        clone=variation.clone, keeper=RankKeeper(_rank, 1), observe=lambda population, best: _rank(best)[0],
        stop=lambda best, wrong: settings.stop_when_perfect and wrong == 0,
        population_size=settings.population_size, generations=settings.generations, elites=1, seed=seed)
    wrong, total, _ = _rank(run.best)
    history = run.history
    return Run(run.best, wrong, total, history, run.generations, run.evaluations,
               history.index(0) if 0 in history else None)


def _docstring(spec: Spec, seed: int, settings: Settings, run: Run) -> str:
    how = (f"Population {settings.population_size}, at most {settings.generations} generations, "
           f"{settings.selection} selection; primitives {', '.join(spec.primitives)}.")
    rows = len(spec.training)
    if run.wrong_cases == 0:
        return (f"{spec.name} solved by evolutionary search (DEAP strongly typed GP), seed {seed}. The entry "
                f"function is the first evolved tree right on all {rows} training cases. {how}")
    return (f"{spec.name} attempted by evolutionary search (DEAP strongly typed GP), seed {seed}, without a "
            f"perfect result: the entry function is the best evolved tree, wrong on {run.wrong_cases} of "
            f"{rows} training cases. {how}")


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """Evolve the artifact for (spec, seed, configuration); a failed run still yields one."""
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    settings = Settings.from_config(resolved)
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    run = evolve(spec, settings, seed)
    expression = tree_to_expression(run.best, grammar(spec))
    program = Program(docstring=_docstring(spec, seed, settings, run),
                      functions=(Function(spec.entry, spec.params, (Return(expression),), story=spec.description),),
                      entry=spec.entry)
    details = {
        "training_cases": len(spec.training),
        "generations": run.generations,
        "first_perfect_generation": run.first_perfect_generation,
        "training_errors": run.wrong_cases,
        "tree_size": len(run.best),
        "tree_depth": run.best.height,
        "tree": str(run.best),
    }
    record = SearchRecord(success=run.wrong_cases == 0, evaluations=run.evaluations,
                          best_fitness_per_generation=[list(run.history)],
                          wall_time_s=round(time.perf_counter() - started_wall, 4),
                          cpu_time_s=round(time.process_time() - started_cpu, 4), details=details)
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record)
