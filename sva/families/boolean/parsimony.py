"""The Boolean family's ``search-parsimony``: NSGA-II on (wrong training rows, explanation size).

The same trees, primitive set, bit-parallel fitness, operators and budget as the family's
``search`` (:mod:`sva.families.boolean.search`): ramped half-and-half initialisation,
``algorithms.varAnd`` with one-point crossover (p = 0.9) and subtree mutation (p = 0.1) under
the static height limit of 17, population 500 for 50 generations (2000 x 60 on the specs of
``LARGE_BUDGETS``). Selection is NSGA-II (:func:`sva.core.pareto.nsga2`) instead of
tournaments with an elite, and the run does not stop at the first perfect tree: it spends the
whole budget pressing the front toward smaller trees.

Objectives, both minimised:

1. wrong training rows (``count_errors``, bit-parallel);
2. with ``objective=size`` (default): the tree's node count (``len(tree)``), the cheap proxy of
   the explanation length. Each node is one primitive or one input, and the emitter writes each
   as one libcst expression node (``a and b``, ``not a``, ``a ^ b``, ``t if c else e``), so for
   one output ``explanation_length = len(tree) + (one per parameter) + 2`` exactly (the
   parameters' names, the function definition and the return statement);
   ``tests/generate/test_parsimony.py`` checks the gap is one constant on the front. With ``objective=phi``: Virgolin et al.'s phi of the tree, every Boolean primitive
   counted as one non-arithmetic operation (:func:`sva.core.pareto.phi_counts`), equal to
   the ``interpretability_phi`` of the emitted artifact.

The artifact is chosen from the final front by :func:`sva.core.pareto.choose` with the
setting ``tolerance`` (default 0 wrong rows): the smallest tree among the most accurate. A spec
with several outputs gets one run per output (seeded ``seed * m + k`` like search), one front
per output in the manifest. No ``deap.creator``: the classes are made per run.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from deap import algorithms, gp

from sva.core.artifact import Artifact, SearchRecord
from sva.core.emitter import emit_program, render_expression
from sva.core.gp import individual_class
from sva.core.pareto import NON_ARITHMETIC, FrontRun, choose, front, front_record, nsga2, parsimony_config, phi_of
from sva.core.program import Function, Program, Return, TupleOf
from sva.core.rng import check_seed
from sva.core.settings import merge_config, parsimony_schema
from sva.core.spec import Spec
from sva.families.boolean.bitparallel import PackedTable, count_errors, pack_spec, primitive_set
from sva.families.boolean.primitives import PRIMITIVES
from sva.families.boolean.search import default_config as search_config
from sva.families.boolean.search import SCHEMA as SEARCH_SCHEMA
from sva.families.boolean.search import toolbox, tree_to_expression

GENERATOR = "search-parsimony"
#: how phi sees each Boolean primitive: one non-arithmetic operation
SHAPES: dict[str, tuple[str, ...]] = {name: (NON_ARITHMETIC,) for name in PRIMITIVES}
#: the search settings search-parsimony shares (selection and early stop are its own)
SHARED = ("population_size", "generations", "init_min_height", "init_max_height", "crossover_probability",
          "mutation_probability", "mutation_min_height", "mutation_max_height", "height_limit")
OBJECTIVES = ("size", "phi")
SCHEMA = parsimony_schema(SEARCH_SCHEMA, SHARED, 1e9, OBJECTIVES)
RULE = ("the smallest tree (by the size objective) among the front members whose wrong training rows are "
        "at most the front's fewest plus tolerance; ties to fewer wrong rows, then the front's order "
        "(size, then error, then the tree's text)")


def default_config(spec: Spec) -> dict[str, Any]:
    """search's budget and operators for ``spec``, NSGA-II selection, the objective and tolerance."""
    return parsimony_config(search_config(spec), SHARED, tolerance=0)


def size_objective(tree: Sequence[Any], objective: str) -> float:
    """The second objective of a tree: its node count, or phi of its expression."""
    return float(len(tree)) if objective == "size" else phi_of(tree_to_expression(tree), SHAPES)


def evolve(pset: gp.PrimitiveSet, table: PackedTable, output: int, config: Mapping[str, Any],
           seed: int) -> FrontRun:
    """One NSGA-II run for output number ``output`` of ``table``."""
    individual = individual_class(gp.PrimitiveTree, (-1.0, -1.0))
    variation = toolbox(pset, config)

    def evaluate(individuals: Sequence[Any]) -> None:
        for each in individuals:
            each.fitness.values = (float(count_errors(each, table, output)), size_objective(each, config["objective"]))

    return nsga2(
        initial=lambda: individual(gp.genHalfAndHalf(pset, config["init_min_height"], config["init_max_height"])),
        evaluate=evaluate,
        vary=lambda offspring: algorithms.varAnd(offspring, variation, config["crossover_probability"],
                                                 config["mutation_probability"]),
        clone=variation.clone, population_size=config["population_size"], generations=config["generations"],
        seed=seed)


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The chosen front member of each output as the entry function; the fronts in the manifest."""
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    SCHEMA.check(resolved)
    pset = primitive_set(spec.primitives, spec.params, name=spec.entry)
    table = pack_spec(spec)
    count = len(spec.outputs)
    runs = [evolve(pset, table, index, resolved, seed * count + index) for index in range(count)]
    fronts = [front(run.population) for run in runs]
    chosen = [choose(members, float(resolved["tolerance"])) for members in fronts]
    expressions = tuple(tree_to_expression(tree) for tree in chosen)
    returned = expressions[0] if count == 1 else TupleOf(expressions)
    wrong = [int(tree.fitness.values[0]) for tree in chosen]
    how = (f"NSGA-II on (wrong training rows, {'tree size' if resolved['objective'] == 'size' else 'phi'}), "
           f"population {resolved['population_size']}, {resolved['generations']} generations; primitives "
           f"{', '.join(spec.primitives)}; no constants. The tree is the smallest of the final front's most "
           f"accurate members.")
    verdict = (f"right on all {table.rows} training cases" if not any(wrong)
               else f"wrong on {', '.join(map(str, wrong))} of {table.rows} training cases")
    docstring = f"{spec.name} found by multi-objective search (DEAP, NSGA-II), seed {seed}: {verdict}. {how}"
    program = Program(docstring, (Function(spec.entry, spec.params, (Return(returned),), story=spec.description),),
                      spec.entry)

    def describe(tree: Any) -> dict[str, Any]:
        return {"training_errors": int(tree.fitness.values[0]), "tree_size": len(tree),
                "phi": phi_of(tree_to_expression(tree), SHAPES),
                "expression": render_expression(tree_to_expression(tree), PRIMITIVES)}

    details = {
        "outputs": list(spec.outputs),
        "run_seeds": [seed * count + index for index in range(count)],
        "training_cases": table.rows,
        "evaluations_per_output": [run.evaluations for run in runs],
        "generations": [run.generations for run in runs],
        "front_size_per_generation": [list(run.front_size_per_generation) for run in runs],
        "training_errors": wrong,
        "tree_sizes": [len(tree) for tree in chosen],
        "trees": [str(tree) for tree in chosen],
        "objectives": ["training_errors", "tree_size" if resolved["objective"] == "size" else "phi"],
        "size_proxy": ("tree_size: nodes of the DEAP tree (primitives and inputs); the emitter writes each as one "
                       "libcst expression node, so a one-output artifact's explanation_length is tree_size plus one "
                       "per parameter plus 2"),
        "rule": RULE,
        "tolerance": resolved["tolerance"],
        "fronts": [front_record(members, tree, describe) for members, tree in zip(fronts, chosen)],
    }
    record = SearchRecord(success=not any(wrong), evaluations=sum(run.evaluations for run in runs),
                          best_fitness_per_generation=[[int(value) for value in run.best_error_per_generation]
                                                       for run in runs],
                          wall_time_s=round(sum(run.wall_time_s for run in runs), 4),
                          cpu_time_s=round(sum(run.cpu_time_s for run in runs), 4), details=details)
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record)
