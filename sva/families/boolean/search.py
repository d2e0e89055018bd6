"""The Boolean family's search: DEAP genetic programming with Koza's settings, bit-parallel fitness.

For a Boolean spec, a population of trees over the spec's primitive set (inputs renamed to the
spec's parameters; no constants of any kind) evolves to minimise the number of wrong training
rows. Defaults follow Koza and the project's calibration run
(``shared/reference/search-calibration.md``):

* initial population: ramped half-and-half, heights 2..6 (``gp.genHalfAndHalf``);
* selection: tournaments of 7 choose ``population - elites`` parents;
* variation: ``algorithms.varAnd`` with one-point crossover (p = 0.9 per pair) and subtree
  mutation (p = 0.1 per individual; the new subtree is ``gp.genFull`` of height 0..2), both
  under a static height limit of 17 (a child over the limit is replaced by a parent);
* elitism: a clone of the best tree so far (``tools.HallOfFame(1)``) joins every generation;
* budget: population 500 for up to 50 generations, 2000 for up to 60 on ``mux-11`` and
  ``comparator-3``; a run stops at the first tree that is right on every training row.

A spec with several outputs (``adder-2``) gets one tree per output, each from its own run with
the full budget. Output ``k`` of ``m`` is searched with the global ``random`` module seeded with
``seed * m + k``: every (seed, output) pair has its own stream, one output's early stop cannot
shift another's, and a single-output spec is seeded with ``seed`` itself. Everything random
happens inside :func:`sva.core.rng.seeded`, which restores the caller's ``random``
state; the fitness and individual classes are made inside each run (no ``deap.creator``), so
runs never share state and importing this module changes nothing.

The best tree(s) become one IR function, ``spec.entry(*spec.params)``, returning the tree's
expression (a tuple of them, in output order, for several outputs), rendered by the shared
emitter. A failed run still yields an artifact: the best tree found, with ``success`` false.

This is the Boolean family's search; the ``search`` generator (:mod:`sva.generate`) reaches it
through the family's :attr:`~sva.core.family.Family.generators`.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import time
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from deap import algorithms, base, gp, tools

from sva.core.artifact import Artifact, SearchRecord
from sva.core.gp import HallKeeper, generational, individual_class
from sva.families.boolean.bitparallel import PackedTable, count_errors, pack_spec, primitive_set
from sva.core.emitter import emit_program
from sva.families.boolean.primitives import PRIMITIVES
from sva.core.program import Apply, Expr, Function, Name, Program, Return, TupleOf
from sva.core.rng import check_seed
from sva.core.settings import Schema, fraction, merge_config, switch, whole
from sva.core.spec import Spec

GENERATOR = "search"

#: (population, generations) where the default 500 x 50 is not enough (calibrated: the
#: 11-multiplexer went from 0/5 to 4/5 seeds, the 3-bit comparator from 0/5 to 2/5).
LARGE_BUDGETS: dict[str, tuple[int, int]] = {"mux-11": (2000, 60), "comparator-3": (2000, 60),
                                              "comparator-3-half": (2000, 60)}

#: Koza's settings, as calibrated (the budget of the specs of :data:`LARGE_BUDGETS` aside)
SCHEMA = Schema(
    (whole("population_size", 500, 2), whole("generations", 50, 0), whole("init_min_height", 2, 0),
     whole("init_max_height", 6, 0), whole("tournament_size", 7, 1), fraction("crossover_probability", 0.9),
     fraction("mutation_probability", 0.1), whole("mutation_min_height", 0, 0), whole("mutation_max_height", 2, 0),
     whole("height_limit", 17, 1), whole("elites", 1, 0), switch("stop_when_perfect", True)),
    ordered=(("init_min_height", "init_max_height"), ("mutation_min_height", "mutation_max_height")),
    smaller=(("elites", "population_size"),))


def default_config(spec: Spec) -> dict[str, Any]:
    """Every search setting for ``spec``, as a plain JSON-able dict (Koza's, as calibrated)."""
    config = SCHEMA.defaults()
    if spec.name in LARGE_BUDGETS:
        config["population_size"], config["generations"] = LARGE_BUDGETS[spec.name]
    return config


@dataclass(frozen=True)
class SearchSettings:
    """A validated search configuration (see :data:`SCHEMA` for the keys)."""

    population_size: int
    generations: int
    init_min_height: int
    init_max_height: int
    tournament_size: int
    crossover_probability: float
    mutation_probability: float
    mutation_min_height: int
    mutation_max_height: int
    height_limit: int
    elites: int
    stop_when_perfect: bool

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "SearchSettings":
        """Check every value; a :class:`UsageError` names the first bad one."""
        return cls(**SCHEMA.check(config))


@dataclass(frozen=True)
class OutputRun:
    """One evolutionary run for one output of a spec.

    Attributes:
        output: the output's name.
        seed: the seed of this run's ``random`` stream (see the module docstring).
        best: the best tree found (the first perfect one when the run succeeded).
        training_errors: the best tree's wrong training rows.
        best_errors_per_generation: errors of the best tree in each population, generation 0
            (the initial population) first; ``generations + 1`` entries.
        generations: generations run after the initial population.
        evaluations: trees evaluated (only new or changed trees are evaluated).
        first_perfect_generation: the generation of the first perfect tree, or ``None``.
        wall_time_s, cpu_time_s: the run's cost.
    """

    output: str
    seed: int
    best: gp.PrimitiveTree
    training_errors: int
    best_errors_per_generation: tuple[int, ...]
    generations: int
    evaluations: int
    first_perfect_generation: int | None
    wall_time_s: float
    cpu_time_s: float


def toolbox(pset: gp.PrimitiveSet, config: Mapping[str, Any]) -> base.Toolbox:
    """What ``algorithms.varAnd`` reads: one-point crossover and subtree mutation (of the
    configuration's heights) under its height limit."""
    limit = gp.staticLimit(key=operator.attrgetter("height"), max_value=config["height_limit"])
    new_subtree = functools.partial(gp.genFull, min_=config["mutation_min_height"],
                                    max_=config["mutation_max_height"])
    variation = base.Toolbox()
    variation.register("mate", limit(gp.cxOnePoint))
    variation.register("mutate", limit(functools.partial(gp.mutUniform, expr=new_subtree, pset=pset)))
    return variation


def evolve(pset: gp.PrimitiveSet, table: PackedTable, output: int, settings: SearchSettings,
           seed: int) -> OutputRun:
    """One GP run minimising the wrong rows of ``table`` for output number ``output``."""
    individual = individual_class(gp.PrimitiveTree, (-1.0,))
    variation = toolbox(pset, dataclasses.asdict(settings))

    def evaluate(fresh: Sequence[Any]) -> None:
        for each in fresh:
            each.fitness.values = (count_errors(each, table, output),)

    run = generational(
        initial=lambda: individual(gp.genHalfAndHalf(pset, settings.init_min_height, settings.init_max_height)),
        evaluate=evaluate,
        select=lambda population, count: tools.selTournament(population, count, tournsize=settings.tournament_size),
        vary=lambda parents: algorithms.varAnd(parents, variation, settings.crossover_probability,
                                               settings.mutation_probability),
        clone=variation.clone, keeper=HallKeeper(settings.elites),
        observe=lambda population, best: int(min(each.fitness.values[0] for each in population)),
        stop=lambda best, errors: settings.stop_when_perfect and errors == 0,
        population_size=settings.population_size, generations=settings.generations, elites=settings.elites,
        seed=seed)
    history = run.history
    return OutputRun(output=table.outputs[output], seed=seed, best=run.best,
                     training_errors=int(run.best.fitness.values[0]), best_errors_per_generation=history,
                     generations=run.generations, evaluations=run.evaluations,
                     first_perfect_generation=history.index(0) if 0 in history else None,
                     wall_time_s=run.wall_time_s, cpu_time_s=run.cpu_time_s)


def tree_to_expression(tree: Sequence[Any]) -> Expr:
    """The IR expression of a DEAP tree: inputs become names, primitives become ``Apply``."""
    stack: list[Expr] = []
    for node in reversed(tree):
        if isinstance(node, gp.Terminal):
            stack.append(Name(str(node.value)))
        else:
            arguments = tuple(stack.pop() for _ in range(node.arity))
            stack.append(Apply(node.name, arguments))
    if len(stack) != 1:
        raise ValueError(f"not a complete tree: {len(stack)} expressions left after the walk")
    return stack[0]


def _docstring(spec: Spec, seed: int, settings: SearchSettings, runs: Sequence[OutputRun],
               rows: int) -> str:
    how = (f"Population {settings.population_size}, at most {settings.generations} generations; "
           f"primitives {', '.join(spec.primitives)}; no constants.")
    per_output = (f" One tree per output ({', '.join(spec.outputs)}), each evolved in its own run."
                  if spec.multi_output else "")
    if all(run.training_errors == 0 for run in runs):
        return (f"{spec.name} solved by evolutionary search (DEAP genetic programming), seed {seed}. "
                f"The entry function is the first evolved tree right on all {rows} training cases."
                f"{per_output} {how}")
    wrong = ", ".join(f"{run.output} {run.training_errors}" for run in runs) if spec.multi_output \
        else str(runs[0].training_errors)
    return (f"{spec.name} attempted by evolutionary search (DEAP genetic programming), seed {seed}, "
            f"without a perfect result: the entry function is the best evolved tree, wrong on "
            f"{wrong} of {rows} training cases.{per_output} {how}")


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """Evolve the artifact for (spec, seed, configuration); a failed run still yields one."""
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    settings = SearchSettings.from_config(resolved)
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    pset = primitive_set(spec.primitives, spec.params, name=spec.entry)
    table = pack_spec(spec)
    count = len(spec.outputs)
    runs = [evolve(pset, table, index, settings, seed * count + index) for index in range(count)]
    expressions = tuple(tree_to_expression(run.best) for run in runs)
    returned = expressions[0] if count == 1 else TupleOf(expressions)
    program = Program(
        docstring=_docstring(spec, seed, settings, runs, table.rows),
        functions=(Function(name=spec.entry, params=spec.params, body=(Return(returned),),
                            story=spec.description),),
        entry=spec.entry,
    )
    source = emit_program(program, PRIMITIVES)
    details = {
        "outputs": list(spec.outputs),
        "run_seeds": [run.seed for run in runs],
        "training_cases": table.rows,
        "evaluations_per_output": [run.evaluations for run in runs],
        "generations": [run.generations for run in runs],
        "first_perfect_generation": [run.first_perfect_generation for run in runs],
        "training_errors": [run.training_errors for run in runs],
        "tree_sizes": [len(run.best) for run in runs],
        "tree_depths": [run.best.height for run in runs],
        "trees": [str(run.best) for run in runs],
    }
    record = SearchRecord(success=all(run.training_errors == 0 for run in runs),
                          evaluations=sum(run.evaluations for run in runs),
                          best_fitness_per_generation=[list(run.best_errors_per_generation) for run in runs],
                          wall_time_s=round(time.perf_counter() - started_wall, 4),
                          cpu_time_s=round(time.process_time() - started_cpu, 4), details=details)
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry, source=source,
                    config=resolved, search=record)
