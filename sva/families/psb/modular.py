"""The PSB family's ``search-modular``: strongly typed GP with automatically defined functions.

Everything of the family's ``search`` (:mod:`sva.families.psb.search`) but the
representation: the same settings and budget (population 200 for up to 30 generations; every key
of search's configuration, read by its ``Settings``), ramped half-and-half of heights 1..4 that
always closes a branch, lexicase selection (epsilon-lexicase for a float output) on the per-case
errors, the elite (fewest wrong cases, then least total error, then the fewest nodes over all
trees), the family's typed one-point crossover (p = 0.8) and uniform subtree mutation (p = 0.2)
under the static height limit of 8, the stop at the first individual right on every training
case, and the per-case errors of :mod:`sva.families.psb.compiled`.

The individual is a main tree of the spec's typed grammar and ``parts`` part trees (default 2)
of the same grammar (:func:`sva.families.psb.grammar.grammar`) over ``part_arity``
arguments (default 2). A part takes and returns the spec's output type (``Int`` for a count),
so in the main tree it stands wherever a value of that type may; the spec's inputs are not
visible inside it. Fitness compiles the parts the main tree calls and the main tree together
into one Python namespace (DEAP's ``gp.compileADF`` does the same), memoized by their source.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from typing import Any, Callable, Mapping, Sequence

from deap import base, gp, tools

from sva.core import adf
from sva.core.artifact import Artifact, SearchRecord
from sva.core.emitter import emit_program, render_expression
from sva.core.program import Apply
from sva.core.rng import check_seed
from sva.core.settings import merge_config
from sva.core.spec import Spec
from sva.families.psb.compiled import BIG, errors_of, tree_source
from sva.families.psb.grammar import Grammar, crossover, grammar, half_and_half, tree_to_expression
from sva.families.psb.primitives import PRIMITIVES
from sva.families.psb.search import Settings
from sva.families.psb.search import default_config as search_config

GENERATOR = "search-modular"


def default_config(spec: Spec) -> dict[str, Any]:
    """search's settings for ``spec`` and the parts (``parts``, ``part_arity``)."""
    return adf.modular_config(search_config(spec))


def part_type(spec: Spec) -> str:
    """The type a part takes and returns: the spec's output type (``Int`` for a ``Count``)."""
    returns = spec.extra["returns"]
    return "Int" if returns == "Count" else returns


def grammars(spec: Spec, parts: int, arity: int) -> tuple[Grammar, list[Grammar]]:
    """The main tree's grammar (with each part as a primitive) and each part's grammar."""
    kind = part_type(spec)
    part_grammars = [grammar(spec, name, [kind] * arity, kind, adf.part_params(arity))
                     for name in adf.part_names(parts)]
    main = grammar(spec)
    for part in part_grammars:
        main.pset.addADF(part.pset)
    ir = {**main.ir, **{part.pset.name: (lambda name: lambda args: Apply(name, args))(part.pset.name)
                        for part in part_grammars}}
    return dataclasses.replace(main, ir=ir), part_grammars


class ModularEvaluator:
    """Memoized per-case errors of an individual: the parts its main tree calls and the main tree
    compiled into one namespace (:mod:`sva.families.psb.compiled`'s errors)."""

    def __init__(self, spec: Spec, main: Grammar, parts: Sequence[Grammar]) -> None:
        self.spec, self.main = spec, main
        self.names = [part.pset.name for part in parts]
        self.params = parts[0].params if parts else ()
        self.context: dict[str, Any] = {}
        for each in (main, *parts):
            self.context.update(each.context)
        self.cases = spec.training
        self.expected = tuple(spec.expected(case) for case in self.cases)
        self.memo: dict[str, tuple[float, ...]] = {}

    def source(self, individual: Any) -> str:
        main = individual.trees[0]
        called = [name for name in self.names if any(node.arity and node.name == name for node in main)]
        trees = dict(zip(self.names, individual.trees[1:]))
        helpers = "".join(f"def {name}({', '.join(self.params)}):\n    return {tree_source(trees[name])}\n"
                          for name in called)
        return f"{helpers}def program({', '.join(self.main.params)}):\n    return {tree_source(main)}\n"

    def errors(self, individual: Any) -> tuple[float, ...]:
        source = self.source(individual)
        found = self.memo.get(source)
        if found is None:
            namespace = dict(self.context)
            try:
                exec(compile(source, "<psb modular>", "exec"), namespace)  # noqa: S102 - our own grammar's names only
            except (SyntaxError, RecursionError, MemoryError):  # pragma: no cover - a tree too deep to compile
                found = (BIG,) * len(self.cases)
            else:
                found = errors_of(namespace["program"], self.spec, self.cases, self.expected)
            self.memo[source] = found
        return found


def _rank(individual: Any) -> tuple[int, float, int]:
    errors = individual.errors
    return (sum(1 for error in errors if error), float(sum(errors)), len(individual))


def evolve(spec: Spec, settings: Settings, parts: int, arity: int, seed: int) -> adf.ModularRun:
    """One run on the training cases of ``spec`` (module docstring)."""
    main, part_grammars = grammars(spec, parts, arity)
    psets = [main.pset] + [part.pset for part in part_grammars]
    evaluator = ModularEvaluator(spec, main, part_grammars)
    individual = adf.individual_class((-1.0,) * len(evaluator.cases))
    limit = gp.staticLimit(key=operator.attrgetter("height"), max_value=settings.height_limit)
    mate = limit(crossover)
    new_subtree = functools.partial(half_and_half, min_=0, max_=settings.mutation_max_height)
    mutations = [limit(functools.partial(gp.mutUniform, expr=new_subtree, pset=pset)) for pset in psets]
    clone = base.Toolbox().clone

    def initial() -> Any:
        made = individual([gp.PrimitiveTree(half_and_half(pset, settings.init_min_height, settings.init_max_height))
                           for pset in psets])
        made.errors = ()
        return made

    def score(individuals: Sequence[Any]) -> None:
        for each in individuals:
            each.errors = evaluator.errors(each)
            each.fitness.values = each.errors

    solved: Callable[[Any], bool] = lambda best: settings.stop_when_perfect and _rank(best)[0] == 0  # noqa: E731
    return adf.evolve(
        initial=initial, evaluate=score, select=settings.select,
        variation=lambda parents: adf.vary(parents, clone, mate, mutations, settings.crossover_probability,
                                           settings.mutation_probability),
        clone=clone, rank=_rank, population_size=settings.population_size, generations=settings.generations,
        elites=1, solved=solved, seed=seed)


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """Evolve the modular artifact for (spec, seed, configuration); a failed run still yields one."""
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    settings = Settings.from_config(resolved)
    parts, arity = adf.check_parts(resolved)
    run = evolve(spec, settings, parts, arity, seed)
    best = run.best
    main, part_grammars = grammars(spec, parts, arity)
    returned = tree_to_expression(best.trees[0], main)
    found = adf.collect(returned, dict(zip(adf.part_names(parts), best.trees[1:])),
                        lambda tree, name: tree_to_expression(tree, part_grammars[int(name[3:])]),
                        lambda expr: render_expression(expr, PRIMITIVES), arity)
    wrong, _, _ = _rank(best)
    rows = len(spec.training)
    verdict = f"right on all {rows} training cases" if not wrong else f"wrong on {wrong} of {rows} training cases"
    docstring = (f"{spec.name} found by evolutionary search with automatically defined functions (DEAP strongly "
                 f"typed GP), seed {seed}: the entry function is the best evolved program, {verdict}; "
                 f"{found.sentence}. Population {settings.population_size}, at most "
                 f"{settings.generations} generations, {settings.selection} selection, up to {parts} parts of "
                 f"{arity} arguments of type {part_type(spec)}; primitives {', '.join(spec.primitives)}.")
    program = found.program(docstring, spec.entry, spec.params, spec.description, returned)
    details = {
        "training_cases": rows,
        "budget": adf.budget_record(settings.population_size, settings.generations),
        "generations": run.generations,
        "first_perfect_generation": run.first_solved_generation,
        "training_errors": wrong,
        "tree_size": len(best),
        "tree": str(best),
        "part_type": part_type(spec),
        **found.record,
    }
    record = SearchRecord(success=wrong == 0, evaluations=run.evaluations,
                          best_fitness_per_generation=[list(run.history)],
                          wall_time_s=round(run.wall_time_s, 4),
                          cpu_time_s=round(run.cpu_time_s, 4), details=details)
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record)
