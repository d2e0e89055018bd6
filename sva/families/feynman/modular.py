"""The Feynman family's ``search-modular``: GP with automatically defined functions, linear scaling.

Everything of the family's ``search`` (:mod:`sva.families.feynman.search`) but the
representation: the same settings and budget (population 400 for up to 50 generations; every key
of search's configuration, read by its ``SymRegSettings``), ``gp.genHalfAndHalf`` of heights
1..4, the double tournament (fitness tournaments of 7, then a size tournament with parsimony
1.4, the size being the individual's total node count), one elite, one-point crossover (p = 0.8)
and uniform subtree mutation (p = 0.2, new subtrees of height 0..2) under the static height
limit of 8, the stop below ``stop_error``, the training noise, and the fitness: the normalised
squared error after linear scaling, evaluated with numpy on all training points at once
(:func:`sva.families.feynman.fitness.evaluate` on each tree, the parts' values bound by
:func:`sva.core.adf.value`, under the same error state and penalty).

As in DEAP's ``examples/gp/adf_symbreg.py``, the individual is a main tree over the spec's inputs
and ``parts`` part trees (default 2) of ``part_arity`` arguments (default 2); each part's set has
the spec's primitives, ``PI`` and the ephemeral constant ``C`` over its arguments. The entry
returns the scaled main tree (``b * tree + a``, as search writes it), calling the parts it uses.
"""

from __future__ import annotations

import functools
import operator
from typing import Any, Mapping, Sequence

from deap import base, gp, tools

from sva.core import adf
from sva.core.artifact import Artifact, SearchRecord
from sva.core.emitter import emit_program, render_expression
from sva.core.rng import check_seed
from sva.core.settings import merge_config
from sva.core.spec import Spec
from sva.families.feynman.fitness import ERRSTATE, PENALTY, Raised, Training, evaluate, scaled_error, training_data
from sva.families.feynman.parsimony import formula
from sva.families.feynman.primitives import PRIMITIVES
from sva.families.feynman.search import SUCCESS_R2, SymRegSettings, primitive_set, tree_to_expression
from sva.families.feynman.search import default_config as search_config

GENERATOR = "search-modular"


def default_config(spec: Spec) -> dict[str, Any]:
    """search's settings for ``spec`` and the parts (``parts``, ``part_arity``)."""
    return adf.modular_config(search_config(spec))


def _psets(spec: Spec, parts: int, arity: int) -> list[gp.PrimitiveSet]:
    part_sets = [primitive_set(spec, name, adf.part_params(arity)) for name in adf.part_names(parts)]
    main = primitive_set(spec)
    for part_set in part_sets:
        main.addADF(part_set)
    return [main] + part_sets


def scaled_fitness(individual: Any, data: Training, names: Sequence[str], params: Sequence[str]) -> tuple[float, float, float]:
    """(scaled error, a, b) of the individual on the training points, as search scores a tree."""
    import numpy as np

    parts = dict(zip(names, individual.trees[1:]))
    with np.errstate(**ERRSTATE):
        try:
            predicted = adf.value(individual.trees[0], parts, params,
                                  lambda tree, bindings: evaluate(tree, bindings, data.points), data.columns)
            return scaled_error(predicted, data.target, data.variance, data.centred)
        except (Raised, FloatingPointError):
            return PENALTY, 0.0, 0.0


def evolve(spec: Spec, settings: SymRegSettings, parts: int, arity: int, seed: int) -> adf.ModularRun:
    """One run on ``spec``'s training points (module docstring)."""
    psets = _psets(spec, parts, arity)
    data = training_data(spec, settings.noise)
    names, params = adf.part_names(parts), adf.part_params(arity)
    individual = adf.individual_class((-1.0,))
    limit = gp.staticLimit(key=operator.attrgetter("height"), max_value=settings.height_limit)
    mate = limit(gp.cxOnePoint)
    new_subtree = functools.partial(gp.genFull, min_=0, max_=settings.mutation_max_height)
    mutations = [limit(functools.partial(gp.mutUniform, expr=new_subtree, pset=pset)) for pset in psets]
    toolbox = base.Toolbox()

    def clone(each: Any) -> Any:
        copy = toolbox.clone(each)
        copy.scaling = each.scaling
        return copy

    def initial() -> Any:
        made = individual([gp.PrimitiveTree(gp.genHalfAndHalf(pset, settings.init_min_height,
                                                              settings.init_max_height)) for pset in psets])
        made.scaling = (0.0, 1.0)
        return made

    def score(individuals: Sequence[Any]) -> None:
        for each in individuals:
            error, intercept, slope = scaled_fitness(each, data, names, params)
            each.fitness.values = (error,)
            each.scaling = (intercept, slope)

    def select(population: Sequence[Any], count: int) -> list[Any]:
        return tools.selDoubleTournament(population, count, fitness_size=settings.tournament_size,
                                         parsimony_size=settings.parsimony_size, fitness_first=True)

    return adf.evolve(
        initial=initial, evaluate=score, select=select,
        variation=lambda parents: adf.vary(parents, clone, mate, mutations, settings.crossover_probability,
                                           settings.mutation_probability),
        clone=clone, rank=lambda each: (float(each.fitness.values[0]),), population_size=settings.population_size,
        generations=settings.generations, elites=1, solved=lambda best: best.fitness.values[0] <= settings.stop_error,
        seed=seed)


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """Evolve the modular formula artifact for (spec, seed, configuration); a poor fit still yields one."""
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    settings = SymRegSettings.from_config(resolved)
    parts, arity = adf.check_parts(resolved)
    run = evolve(spec, settings, parts, arity, seed)
    best = run.best
    error = min(float(best.fitness.values[0]), PENALTY)
    returned = formula(spec, best.trees[0], error, best.scaling)
    found = adf.collect(returned, dict(zip(adf.part_names(parts), best.trees[1:])),
                        lambda tree, name: tree_to_expression(tree),
                        lambda expr: render_expression(expr, PRIMITIVES), arity)
    r2 = 1.0 - error
    docstring = (f"{spec.name} fitted by evolutionary search with automatically defined functions (DEAP genetic "
                 f"programming, numpy fitness), seed {seed}: training R^2 = {r2:.6f} on {len(spec.training)} "
                 f"points; {found.sentence}. Population {settings.population_size}, at most "
                 f"{settings.generations} generations, linear scaling, up to {parts} parts of {arity} arguments; "
                 f"primitives {', '.join(spec.primitives)} and constants.")
    program = found.program(docstring, spec.entry, spec.params, spec.description, returned)
    details = {
        "outputs": list(spec.outputs),
        "run_seeds": [seed],
        "training_cases": len(spec.training),
        "budget": adf.budget_record(settings.population_size, settings.generations),
        "generations": [run.generations],
        "training_errors": [error],
        "training_r2": r2,
        "expression": render_expression(adf.as_calls(returned, found.rename), PRIMITIVES),
        "tree": str(best),
        "tree_size": len(best),
        "linear_scaling": [float(f"{best.scaling[0]:.10g}"), float(f"{best.scaling[1]:.10g}")],
        **found.record,
    }
    record = SearchRecord(success=r2 > SUCCESS_R2, evaluations=run.evaluations,
                          best_fitness_per_generation=[[min(value, PENALTY) for value in run.history]],
                          wall_time_s=round(run.wall_time_s, 4),
                          cpu_time_s=round(run.cpu_time_s, 4), details=details)
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record)
