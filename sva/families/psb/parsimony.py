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

from typing import Any, Mapping, Sequence

from deap import algorithms, gp

from sva.core.artifact import Artifact, SearchRecord
from sva.core.emitter import emit_program, render_expression
from sva.core.gp import individual_class
from sva.core.pareto import FrontRun, choose, front, front_record, nsga2, parsimony_config
from sva.core.program import Function, Program, Return
from sva.core.rng import check_seed
from sva.core.settings import merge_config, parsimony_schema
from sva.core.spec import Spec
from sva.families.psb.compiled import Evaluator
from sva.families.psb.grammar import grammar, half_and_half, tree_to_expression
from sva.families.psb.primitives import PRIMITIVES
from sva.families.psb.search import SCHEMA as SEARCH_SCHEMA
from sva.families.psb.search import default_config as search_config
from sva.families.psb.search import toolbox

GENERATOR = "search-parsimony"
SHARED = ("population_size", "generations", "init_min_height", "init_max_height", "crossover_probability",
          "mutation_probability", "mutation_max_height", "height_limit")
SCHEMA = parsimony_schema(SEARCH_SCHEMA, SHARED, 1e9, refusal=(
    ": a PSB program is not a formula, so search-parsimony minimises its size only (objective=size)"))
RULE = ("the smallest tree (node count) among the front members whose wrong training cases are at most the "
        "front's fewest plus tolerance; ties to fewer wrong cases, then the front's order (size, then "
        "error, then the tree's text)")


def default_config(spec: Spec) -> dict[str, Any]:
    """search's budget and operators, NSGA-II selection, the objective and the tolerance."""
    return parsimony_config(search_config(spec), SHARED, tolerance=0)


def evolve(spec: Spec, config: Mapping[str, Any], seed: int) -> FrontRun:
    """One NSGA-II run on the training cases of ``spec`` with search's grammar and operators."""
    spec_grammar = grammar(spec)
    pset = spec_grammar.pset
    evaluator = Evaluator(spec, spec_grammar)
    individual = individual_class(gp.PrimitiveTree, (-1.0, -1.0))
    variation = toolbox(pset, config["height_limit"], config["mutation_max_height"])

    def evaluate(individuals: Sequence[Any]) -> None:
        for each in individuals:
            errors = evaluator.errors(each)
            each.fitness.values = (float(sum(1 for error in errors if error)), float(len(each)))

    return nsga2(
        initial=lambda: individual(half_and_half(pset, config["init_min_height"], config["init_max_height"])),
        evaluate=evaluate,
        vary=lambda offspring: algorithms.varAnd(offspring, variation, config["crossover_probability"],
                                                 config["mutation_probability"]),
        clone=variation.clone, population_size=config["population_size"], generations=config["generations"],
        seed=seed)


def _docstring(spec: Spec, seed: int, config: Mapping[str, Any], wrong: int) -> str:
    rows = len(spec.training)
    verdict = f"right on all {rows} training cases" if not wrong else f"wrong on {wrong} of {rows} training cases"
    return (f"{spec.name} found by multi-objective search (DEAP strongly typed GP, NSGA-II on wrong cases "
            f"and tree size), seed {seed}: {verdict}, the smallest of the final front's most accurate "
            f"trees. Population {config['population_size']}, {config['generations']} generations; "
            f"primitives {', '.join(spec.primitives)}.")


def _record(spec: Spec, config: Mapping[str, Any], run: FrontRun, members: list[Any], chosen: Any) -> SearchRecord:
    spec_grammar = grammar(spec)
    wrong = int(chosen.fitness.values[0])

    def describe(member: Any) -> dict[str, Any]:
        return {"training_errors": int(member.fitness.values[0]), "tree_size": len(member),
                "expression": render_expression(tree_to_expression(member, spec_grammar), PRIMITIVES)}

    details = {
        "training_cases": len(spec.training),
        "generations": run.generations,
        "front_size_per_generation": [list(run.front_size_per_generation)],
        "training_errors": wrong,
        "tree_size": len(chosen),
        "tree_depth": chosen.height,
        "tree": str(chosen),
        "objectives": ["training_errors", "tree_size"],
        "size_proxy": "tree_size: nodes of the typed DEAP tree (primitives, inputs, constants)",
        "rule": RULE,
        "tolerance": config["tolerance"],
        "fronts": [front_record(members, chosen, describe)],
    }
    return run.search_record(wrong == 0, details, curve=int)


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The chosen front member as the entry function; the front in the manifest."""
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    SCHEMA.check(resolved)
    run = evolve(spec, resolved, seed)
    members = front(run.population)
    chosen = choose(members, float(resolved["tolerance"]))
    returned = tree_to_expression(chosen, grammar(spec))
    program = Program(_docstring(spec, seed, resolved, int(chosen.fitness.values[0])),
                      (Function(spec.entry, spec.params, (Return(returned),), story=spec.description),), spec.entry)
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved,
                    search=_record(spec, resolved, run, members, chosen))
