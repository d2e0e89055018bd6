"""The PSB family's ``search-parsimony``: NSGA-II on (wrong training cases, tree size).

The same typed grammar, compiled fitness, operators and budget as the family's ``search``
(:mod:`sva.families.psb.search`): ramped half-and-half of heights 1..4 that always closes a
branch, ``algorithms.varAnd`` with the family's typed one-point crossover (p = 0.8) and uniform
subtree mutation (p = 0.2) under the static height limit of 8, population 200 for 30
generations. Selection is NSGA-II (:func:`sva.core.pareto.nsga2`) instead of lexicase with
an elite, and the run spends the whole budget.

Objectives, both minimised: the training cases the tree gets wrong (a case is wrong when its
error is not 0, as search counts them), and the tree's node count (``len(tree)``), the cheap
proxy of the explanation length (the emitter writes most primitives as one expression node, the
higher-order forms as comprehensions of a few nodes; ``tests/generate/test_parsimony.py`` measures the
rank correlation with ``explanation_length`` on fronts). Only ``objective=size``: phi counts
formulas, and a PSB program's comprehensions, subscripts and calls are not one
(``interpretability_phi`` is ``None`` for them).

The artifact is chosen by :func:`sva.core.pareto.choose` with ``tolerance`` (default 0
wrong cases): the smallest of the most accurate front members.
"""

from __future__ import annotations

import functools
import operator
from typing import Any, Mapping, Sequence

from deap import algorithms, base, gp

from sva.core.artifact import Artifact
from sva.core.emitter import emit_program, render_expression
from sva.core.pareto import check_nsga2, choose, front, front_record, nsga2, parsimony_config
from sva.core.program import Function, Program, Return
from sva.core.rng import check_seed
from sva.core.settings import integer, merge_config, number
from sva.core.spec import Spec
from sva.errors import UsageError
from sva.families.psb.compiled import Evaluator
from sva.families.psb.grammar import crossover, grammar, half_and_half, tree_to_expression
from sva.families.psb.primitives import PRIMITIVES
from sva.families.psb.search import default_config as search_config

GENERATOR = "search-parsimony"
SHARED = ("population_size", "generations", "init_min_height", "init_max_height", "crossover_probability",
          "mutation_probability", "mutation_max_height", "height_limit")
RULE = ("the smallest tree (node count) among the front members whose wrong training cases are at most the "
        "front's fewest plus tolerance; ties to fewer wrong cases, then the front's order (size, then "
        "error, then the tree's text)")


def default_config(spec: Spec) -> dict[str, Any]:
    """search's budget and operators, NSGA-II selection, the objective and the tolerance."""
    return parsimony_config(search_config(spec), SHARED, tolerance=0)


def _check(config: Mapping[str, Any]) -> None:
    integer(config, "population_size", 4)
    for key in ("generations", "init_min_height", "init_max_height", "mutation_max_height",
                "height_limit"):
        integer(config, key, 0)
    number(config, "crossover_probability")
    number(config, "mutation_probability")
    number(config, "tolerance", 0.0, 1e9)
    if config["objective"] != "size":
        raise UsageError(f"search setting objective={config['objective']!r}: a PSB program is not a formula, "
                         f"so search-parsimony minimises its size only (objective=size)")
    check_nsga2(config)
    if config["init_min_height"] > config["init_max_height"]:
        raise UsageError(f"search setting init_min_height={config['init_min_height']} exceeds "
                         f"init_max_height={config['init_max_height']}")


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The chosen front member as the entry function; the front in the manifest."""
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    _check(resolved)
    spec_grammar = grammar(spec)
    pset = spec_grammar.pset
    evaluator = Evaluator(spec, spec_grammar)

    class Fitness(base.Fitness):
        """(wrong training cases, node count); both minimised."""

        weights = (-1.0, -1.0)

    class Individual(gp.PrimitiveTree):
        def __init__(self, content: Any) -> None:
            super().__init__(content)
            self.fitness = Fitness()

    limit = gp.staticLimit(key=operator.attrgetter("height"), max_value=resolved["height_limit"])
    new_subtree = functools.partial(half_and_half, min_=0, max_=resolved["mutation_max_height"])
    toolbox = base.Toolbox()
    toolbox.register("mate", limit(crossover))
    toolbox.register("mutate", limit(functools.partial(gp.mutUniform, expr=new_subtree, pset=pset)))

    def evaluate(individuals: Sequence[Any]) -> None:
        for individual in individuals:
            errors = evaluator.errors(individual)
            individual.fitness.values = (float(sum(1 for error in errors if error)), float(len(individual)))

    run = nsga2(
        initial=lambda: Individual(half_and_half(pset, resolved["init_min_height"], resolved["init_max_height"])),
        evaluate=evaluate,
        vary=lambda offspring: algorithms.varAnd(offspring, toolbox, resolved["crossover_probability"],
                                                 resolved["mutation_probability"]),
        clone=toolbox.clone, population_size=resolved["population_size"], generations=resolved["generations"],
        seed=seed)
    members = front(run.population)
    chosen = choose(members, float(resolved["tolerance"]))
    wrong = int(chosen.fitness.values[0])
    rows = len(spec.training)
    verdict = f"right on all {rows} training cases" if not wrong else f"wrong on {wrong} of {rows} training cases"
    docstring = (f"{spec.name} found by multi-objective search (DEAP strongly typed GP, NSGA-II on wrong cases "
                 f"and tree size), seed {seed}: {verdict}, the smallest of the final front's most accurate "
                 f"trees. Population {resolved['population_size']}, {resolved['generations']} generations; "
                 f"primitives {', '.join(spec.primitives)}.")
    program = Program(docstring, (Function(spec.entry, spec.params,
                                           (Return(tree_to_expression(chosen, spec_grammar)),),
                                           story=spec.description),), spec.entry)

    def describe(member: Any) -> dict[str, Any]:
        return {"training_errors": int(member.fitness.values[0]), "tree_size": len(member),
                "expression": render_expression(tree_to_expression(member, spec_grammar), PRIMITIVES)}

    record = {
        "training_cases": rows,
        "success": wrong == 0,
        "evaluations": run.evaluations,
        "generations": run.generations,
        "best_fitness_per_generation": [[int(value) for value in run.best_error_per_generation]],
        "front_size_per_generation": [list(run.front_size_per_generation)],
        "training_errors": wrong,
        "tree_size": len(chosen),
        "tree_depth": chosen.height,
        "tree": str(chosen),
        "objectives": ["training_errors", "tree_size"],
        "size_proxy": "tree_size: nodes of the typed DEAP tree (primitives, inputs, constants)",
        "rule": RULE,
        "tolerance": resolved["tolerance"],
        "fronts": [front_record(members, chosen, describe)],
        "wall_time_s": round(run.wall_time_s, 4),
        "cpu_time_s": round(run.cpu_time_s, 4),
    }
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record)
