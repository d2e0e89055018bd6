"""The Feynman family's ``search-parsimony``: NSGA-II on (training error, explanation size).

The same untyped primitive set with ephemeral constants, numpy fitness with linear scaling,
operators and budget as the family's ``search`` (:mod:`sva.families.feynman.search`):
``gp.genHalfAndHalf`` of heights 1..4, ``algorithms.varAnd`` with one-point crossover (p = 0.8)
and uniform subtree mutation (p = 0.2) under the static height limit of 8, population 400 for
50 generations. Selection is NSGA-II (:func:`sva.core.pareto.nsga2`) instead of the
double tournament with an elite, and the run spends the whole budget (search stops at an error
below ``stop_error``; here the front keeps pressing toward shorter formulas).

Objectives, both minimised:

1. the normalised squared error after linear scaling, ``1 - R^2`` on the training points
   (:data:`~sva.families.feynman.fitness.PENALTY` for a non-finite output);
2. ``objective=size`` (default): the formula's **written size**
   (:func:`sva.core.pareto.written_size` with :data:`WRITTEN`): the code tokens of the
   scaled formula as the emitter writes it, one per libcst expression node, so the linear
   scaling's ``b * (...) + a`` (up to four tokens, five with a negative constant), SQRT's
   ``math.sqrt(abs(.))`` (six) and a ``math.f`` call's attribute count as the artifact shows
   them. The artifact's ``explanation_length`` is this plus a constant of the spec (one per
   parameter, plus 2), checked on the front by ``tests/generate/test_parsimony.py``. The DEAP tree's node
   count (``len(tree)``) would not do: an exact ``m * g * z`` (5 nodes, no scaling) and a
   scaled ``(9.34 * m) - 2.19`` (1 node) are both 10 tokens in the artifact, and on a
   feynman-I.14.3 front the node count's rank correlation with ``explanation_length`` was
   -0.53.
   ``objective=phi``: Virgolin et al.'s phi of the *scaled* expression as the artifact writes
   it (SQRT as two nested non-arithmetic calls, ``sqrt`` of ``abs``; EXP, SIN, COS one each;
   ``+ - * /`` and negation arithmetic; ``PI``, inputs and constants leaves), equal to the
   artifact's ``interpretability_phi``.

The artifact is chosen by :func:`sva.core.pareto.choose` with ``tolerance`` (default 1e-4
in ``1 - R^2``): the smallest formula whose training error is within 1e-4 of the front's best.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from deap import algorithms, gp

from sva.core.artifact import Artifact, SearchRecord
from sva.core.emitter import emit_program, render_expression
from sva.core.gp import individual_class
from sva.core.pareto import (ARITHMETIC, NON_ARITHMETIC, FrontRun, choose, front, front_record, nsga2,
                             parsimony_config, phi_of, written_size)
from sva.core.program import Constant, Expr, Function, Program, Return
from sva.core.rng import check_seed
from sva.core.settings import merge_config, parsimony_schema
from sva.core.spec import Spec
from sva.errors import UsageError
from sva.families.feynman.fitness import PENALTY, agreement, training_data
from sva.families.feynman.primitives import PRIMITIVES
from sva.families.feynman.search import SCHEMA as SEARCH_SCHEMA
from sva.families.feynman.search import SUCCESS_R2, primitive_set, scaled_expression, toolbox
from sva.families.feynman.search import default_config as search_config
from sva.families.feynman.subtrees import Evaluator

GENERATOR = "search-parsimony"
#: how phi sees each primitive as the emitter writes it (outermost operation first)
SHAPES: dict[str, tuple[str, ...]] = {
    "ADD": (ARITHMETIC,), "SUB": (ARITHMETIC,), "MUL": (ARITHMETIC,), "DIV": (ARITHMETIC,), "NEG": (ARITHMETIC,),
    "SQRT": (NON_ARITHMETIC, NON_ARITHMETIC), "EXP": (NON_ARITHMETIC,), "SIN": (NON_ARITHMETIC,),
    "COS": (NON_ARITHMETIC,), "PI": (), "LOG": (NON_ARITHMETIC,), "TANH": (NON_ARITHMETIC,),
    "ASIN": (NON_ARITHMETIC,), "ACOS": (NON_ARITHMETIC,),
}
#: libcst expression nodes of each primitive as the emitter writes it, its operands aside
#: (``a + b``: 1; ``math.sin(a)``: the call, the attribute, ``math`` and ``sin``; ``math.pi``: 3)
WRITTEN: dict[str, int] = {"ADD": 1, "SUB": 1, "MUL": 1, "DIV": 1, "NEG": 1, "SQRT": 6, "EXP": 4, "SIN": 4,
                           "COS": 4, "PI": 3, "LOG": 4, "TANH": 4, "ASIN": 4, "ACOS": 4}
SHARED = ("population_size", "generations", "init_min_height", "init_max_height", "crossover_probability",
          "mutation_probability", "mutation_max_height", "height_limit", "noise")
OBJECTIVES = ("size", "phi")
SCHEMA = parsimony_schema(SEARCH_SCHEMA, SHARED, 1.0, OBJECTIVES)
RULE = ("the smallest formula (by the size objective) among the front members whose training error "
        "(1 - R^2 after linear scaling) is at most the front's lowest plus tolerance; ties to the lower "
        "error, then the front's order (size, then error, then the tree's text)")


def default_config(spec: Spec) -> dict[str, Any]:
    """search's budget and operators, NSGA-II selection, the objective and the tolerance."""
    return parsimony_config(search_config(spec), SHARED, tolerance=1e-4)


def formula(spec: Spec, tree: Sequence[Any], error: float, scaling: tuple[float, float]) -> Expr:
    """The artifact's expression of a scored tree, as search writes it (scaled, or a constant)."""
    intercept, slope = scaling
    if error >= PENALTY:
        return Constant(0.0)
    if slope == 0.0:
        return Constant(float(f"{intercept:.10g}"))
    return scaled_expression(tree, intercept, slope, float(spec.extra.get("rms", 0.0)))


def evolve(spec: Spec, config: Mapping[str, Any], seed: int) -> FrontRun:
    """One NSGA-II run on ``spec``'s training points with search's representation and operators."""
    pset = primitive_set(spec)
    data = training_data(spec, float(config["noise"]))
    objective = config["objective"]
    individual = individual_class(gp.PrimitiveTree, (-1.0, -1.0), scaling=(0.0, 1.0))
    variation = toolbox(pset, config["height_limit"], config["mutation_max_height"])
    scorer = Evaluator(data)  # one for the run: subtrees met before are not computed again

    def clone(each: Any) -> Any:
        copy = variation.clone(each)
        copy.scaling = each.scaling
        return copy

    def evaluate(individuals: Sequence[Any]) -> None:
        for each, (error, intercept, slope) in zip(individuals, scorer.fitnesses(individuals)):
            error = min(float(error), PENALTY)
            each.scaling = (intercept, slope)
            written = formula(spec, each, error, each.scaling)
            second = float(written_size(written, WRITTEN) if objective == "size" else phi_of(written, SHAPES))
            each.fitness.values = (error, second)

    return nsga2(
        initial=lambda: individual(gp.genHalfAndHalf(pset, config["init_min_height"], config["init_max_height"])),
        evaluate=evaluate,
        vary=lambda offspring: algorithms.varAnd(offspring, variation, config["crossover_probability"],
                                                 config["mutation_probability"]),
        clone=clone, population_size=config["population_size"], generations=config["generations"], seed=seed)


def _docstring(spec: Spec, seed: int, config: Mapping[str, Any], r2: float) -> str:
    return (f"{spec.name} fitted by multi-objective search (DEAP, NSGA-II on training error and "
            f"{'tree size' if config['objective'] == 'size' else 'phi'}), seed {seed}: training R^2 = {r2:.6f} on "
            f"{len(spec.training)} points, the smallest formula of the final front within "
            f"{config['tolerance']} of its best error. Population {config['population_size']}, at most "
            f"{config['generations']} generations, linear scaling; primitives {', '.join(spec.primitives)} "
            f"and constants.")


def describer(spec: Spec) -> Callable[[Any], dict[str, Any]]:
    """What the manifest keeps of each front member of ``spec``: its sizes, its formula, and its
    pass rates on the oracle's training and held-out points (computed after the choice)."""
    exact = training_data(spec)  # the oracle's targets, no noise: what the trust checks compare with
    held = training_data(spec, cases=spec.held_out) if spec.held_out else None

    def describe(member: Any) -> dict[str, Any]:
        member_error = float(member.fitness.values[0])
        member_expr = formula(spec, member, member_error, member.scaling)
        size = written_size(member_expr, WRITTEN)
        passes = member_error < PENALTY
        return {"training_error": member_error, "tree_size": len(member), "written_size": size,
                "phi": phi_of(member_expr, SHAPES), "expression": render_expression(member_expr, PRIMITIVES),
                "explanation_length": size + len(spec.params) + 2,
                "training_pass_rate": agreement(spec, member, member.scaling, exact) if passes else 0.0,
                "held_out_pass_rate": (agreement(spec, member, member.scaling, held) if passes else 0.0)
                if held is not None else None}

    return describe


def _record(spec: Spec, seed: int, config: Mapping[str, Any], run: FrontRun, members: list[Any],
            chosen: Any, expr: Expr) -> SearchRecord:
    error = float(chosen.fitness.values[0])
    details = {
        "outputs": list(spec.outputs),
        "run_seeds": [seed],
        "training_cases": len(spec.training),
        "generations": [run.generations],
        "front_size_per_generation": [list(run.front_size_per_generation)],
        "training_errors": [error],
        "training_r2": 1.0 - error,
        "expression": render_expression(expr, PRIMITIVES),
        "tree": str(chosen),
        "tree_size": len(chosen),
        "written_size": written_size(expr, WRITTEN),
        "objectives": ["training_error", "written_size" if config["objective"] == "size" else "phi"],
        "size_proxy": ("written_size: the code tokens of the formula as the artifact writes it, linear scaling "
                       "included (one per libcst expression node: math.sin(a) is 5 with its operand); the "
                       "artifact's explanation_length is written_size plus one per parameter plus 2"),
        "rule": RULE,
        "tolerance": config["tolerance"],
        "front_pass_rates": ("each member's training_pass_rate and held_out_pass_rate: the share of the spec's "
                             "training and held-out points where the member, scaled as recorded, agrees with the "
                             "oracle within the spec's tolerance, computed after the choice (never used to choose); "
                             "explanation_length is written_size plus one per parameter plus 2, the artifact's E"),
        "fronts": [front_record(members, chosen, describer(spec))],
    }
    return run.search_record(1.0 - error > SUCCESS_R2, details)


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The chosen front member as the entry function; the front in the manifest."""
    if spec.family != "feynman":
        raise UsageError(f"the Feynman search needs a spec of the feynman family; {spec.name!r} is "
                         f"family {spec.family!r}")
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    SCHEMA.check(resolved)
    run = evolve(spec, resolved, seed)
    members = front(run.population)
    chosen = choose(members, float(resolved["tolerance"]))
    error = float(chosen.fitness.values[0])
    expr = formula(spec, chosen, error, chosen.scaling)
    program = Program(_docstring(spec, seed, resolved, 1.0 - error),
                      (Function(spec.entry, spec.params, (Return(expr),), story=spec.description),), spec.entry)
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved,
                    search=_record(spec, seed, resolved, run, members, chosen, expr))
