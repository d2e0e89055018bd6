"""The Boolean family's ``search-modular``: Koza's GP with automatically defined functions.

Everything of the family's ``search`` (:mod:`sva.families.boolean.search`) but the
representation: the same settings and budget (population 500 for up to 50 generations, 2000 x
60 on the specs of ``LARGE_BUDGETS``; every key of search's configuration, read by its
``SearchSettings``), ramped half-and-half initialisation of heights 2..6, tournaments of 7, one
elite, one-point crossover (p = 0.9) and subtree mutation (p = 0.1) under the static height
limit of 17, the stop at the first individual right on every training row, and the fitness:
wrong training rows, counted bit-parallel (:func:`sva.families.boolean.bitparallel.evaluate`
on each tree, the parts' values bound by :func:`sva.core.adf.value`).

The individual is a main tree over the spec's inputs and ``parts`` part trees (default 2) of
``part_arity`` arguments (default 2) over the same primitives; the main tree may call each part
(:mod:`sva.core.adf`). Crossover and mutation act tree by tree, as in DEAP's ADF example;
each tree is under the height limit. A spec with several outputs gets one run per output (seeded
``seed * m + k`` like search), each with its own parts; the emitted helpers are numbered over
the outputs in order of first use. No ``deap.creator``: the classes are made per run.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from typing import Any, Mapping, Sequence

from deap import base, gp, tools

from sva.core import adf
from sva.core.artifact import Artifact, SearchRecord
from sva.core.emitter import emit_program, render_expression
from sva.core.program import Expr, TupleOf
from sva.core.rng import check_seed
from sva.core.settings import merge_config
from sva.core.spec import Spec
from sva.families.boolean.bitparallel import PackedTable, evaluate, pack_spec, primitive_set
from sva.families.boolean.primitives import PRIMITIVES
from sva.families.boolean.search import SearchSettings, tree_to_expression
from sva.families.boolean.search import default_config as search_config

GENERATOR = "search-modular"


def default_config(spec: Spec) -> dict[str, Any]:
    """search's settings for ``spec`` and the parts (``parts``, ``part_arity``)."""
    return adf.modular_config(search_config(spec))


def _psets(spec: Spec, parts: int, arity: int) -> list[gp.PrimitiveSet]:
    """The main tree's primitive set, then each part's (main calls parts; parts call nothing)."""
    part_sets = [primitive_set(spec.primitives, adf.part_params(arity), name=name)
                 for name in adf.part_names(parts)]
    main = primitive_set(spec.primitives, spec.params, name=spec.entry)
    for part_set in part_sets:
        main.addADF(part_set)
    return [main] + part_sets


def wrong_rows(individual: Any, table: PackedTable, output: int, names: Sequence[str],
               params: Sequence[str]) -> int:
    """Training rows on which the individual's output number ``output`` is wrong (bit-parallel)."""
    def run(tree: Sequence[Any], bindings: Mapping[str, int]) -> int:
        return evaluate(tree, dataclasses.replace(table, inputs=bindings))

    parts = dict(zip(names, individual.trees[1:]))
    got = adf.value(individual.trees[0], parts, params, run, table.inputs)
    return ((got ^ table.targets[output]) & table.mask).bit_count()


def evolve(psets: Sequence[gp.PrimitiveSet], table: PackedTable, output: int, settings: SearchSettings,
           arity: int, seed: int) -> adf.ModularRun:
    """One run minimising the wrong rows of output number ``output``."""
    names = adf.part_names(len(psets) - 1)
    params = adf.part_params(arity)
    individual = adf.individual_class((-1.0,))
    limit = gp.staticLimit(key=operator.attrgetter("height"), max_value=settings.height_limit)
    mate = limit(gp.cxOnePoint)
    mutations = [limit(functools.partial(gp.mutUniform, pset=pset,
                                         expr=functools.partial(gp.genFull, min_=settings.mutation_min_height,
                                                                max_=settings.mutation_max_height)))
                 for pset in psets]
    clone = base.Toolbox().clone

    def initial() -> Any:
        return individual([gp.PrimitiveTree(gp.genHalfAndHalf(pset, settings.init_min_height,
                                                              settings.init_max_height)) for pset in psets])

    def score(individuals: Sequence[Any]) -> None:
        for each in individuals:
            each.fitness.values = (wrong_rows(each, table, output, names, params),)

    return adf.evolve(
        initial=initial, evaluate=score,
        select=lambda population, count: tools.selTournament(population, count, tournsize=settings.tournament_size),
        variation=lambda parents: adf.vary(parents, clone, mate, mutations, settings.crossover_probability,
                                           settings.mutation_probability),
        clone=clone, rank=lambda each: (int(each.fitness.values[0]),), population_size=settings.population_size,
        generations=settings.generations, elites=settings.elites,
        solved=lambda best: settings.stop_when_perfect and best.fitness.values[0] == 0, seed=seed)


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """Evolve the modular artifact for (spec, seed, configuration); a failed run still yields one."""
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    settings = SearchSettings.from_config(resolved)
    parts, arity = adf.check_parts(resolved)
    psets = _psets(spec, parts, arity)
    table = pack_spec(spec)
    count = len(spec.outputs)
    runs = [evolve(psets, table, index, settings, arity, seed * count + index) for index in range(count)]
    names = adf.part_names(parts)
    mains: list[Expr] = []
    trees: dict[str, Any] = {}
    for index, run in enumerate(runs):
        prefix = f"{spec.outputs[index]}." if count > 1 else ""  # each output's parts are its own
        qualified = {name: f"{prefix}{name}" for name in names}
        mains.append(adf.as_calls(tree_to_expression(run.best.trees[0]), qualified, call=False))
        trees.update((qualified[name], tree) for name, tree in zip(names, run.best.trees[1:]))
    returned = mains[0] if count == 1 else TupleOf(tuple(mains))
    found = adf.collect(returned, trees, lambda tree, name: tree_to_expression(tree),
                        lambda expr: render_expression(expr, PRIMITIVES), arity)
    wrong = [int(run.best.fitness.values[0]) for run in runs]
    program = found.program(_docstring(spec, seed, settings, resolved, wrong, table.rows, found.sentence),
                            spec.entry, spec.params, spec.description, returned)
    details = {
        "outputs": list(spec.outputs),
        "run_seeds": [seed * count + index for index in range(count)],
        "training_cases": table.rows,
        "evaluations_per_output": [run.evaluations for run in runs],
        "budget": adf.budget_record(settings.population_size, settings.generations, count),
        "generations": [run.generations for run in runs],
        "first_perfect_generation": [run.first_solved_generation for run in runs],
        "training_errors": wrong,
        "tree_sizes": [len(run.best) for run in runs],
        "trees": [str(run.best) for run in runs],
        **found.record,
    }
    record = SearchRecord(success=not any(wrong), evaluations=sum(run.evaluations for run in runs),
                          best_fitness_per_generation=[list(run.history) for run in runs],
                          wall_time_s=round(sum(run.wall_time_s for run in runs), 4),
                          cpu_time_s=round(sum(run.cpu_time_s for run in runs), 4), details=details)
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record)


def _docstring(spec: Spec, seed: int, settings: SearchSettings, config: Mapping[str, Any], wrong: Sequence[int],
               rows: int, sentence: str) -> str:
    verdict = (f"right on all {rows} training cases" if not any(wrong)
               else f"wrong on {', '.join(map(str, wrong))} of {rows} training cases")
    return (f"{spec.name} found by evolutionary search with automatically defined functions (DEAP genetic "
            f"programming), seed {seed}: the entry function is the best evolved program, {verdict}; {sentence}. "
            f"Population {settings.population_size}, at most {settings.generations} generations, up to "
            f"{config['parts']} parts of {config['part_arity']} arguments; primitives {', '.join(spec.primitives)}; "
            f"no constants.")
