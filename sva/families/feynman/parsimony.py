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

import functools
import operator
from typing import Any, Mapping, Sequence

from deap import algorithms, base, gp

from sva.core.artifact import Artifact
from sva.core.emitter import emit_program, render_expression
from sva.core.pareto import (ARITHMETIC, NON_ARITHMETIC, check_nsga2, choose, front, front_record, nsga2,
                                  parsimony_config, phi_of, written_size)
from sva.core.program import Constant, Expr, Function, Program, Return
from sva.core.rng import check_seed
from sva.core.settings import integer, merge_config, number
from sva.core.spec import Spec
from sva.errors import UsageError
from sva.families.feynman.fitness import PENALTY, agreement, fitnesses, training_data
from sva.families.feynman.primitives import PRIMITIVES
from sva.families.feynman.search import SUCCESS_R2, primitive_set, scaled_expression
from sva.families.feynman.search import default_config as search_config

GENERATOR = "search-parsimony"
#: how phi sees each primitive as the emitter writes it (outermost operation first)
SHAPES: dict[str, tuple[str, ...]] = {
    "ADD": (ARITHMETIC,), "SUB": (ARITHMETIC,), "MUL": (ARITHMETIC,), "DIV": (ARITHMETIC,), "NEG": (ARITHMETIC,),
    "SQRT": (NON_ARITHMETIC, NON_ARITHMETIC), "EXP": (NON_ARITHMETIC,), "SIN": (NON_ARITHMETIC,),
    "COS": (NON_ARITHMETIC,), "PI": (),
}
#: libcst expression nodes of each primitive as the emitter writes it, its operands aside
#: (``a + b``: 1; ``math.sin(a)``: the call, the attribute, ``math`` and ``sin``; ``math.pi``: 3)
WRITTEN: dict[str, int] = {"ADD": 1, "SUB": 1, "MUL": 1, "DIV": 1, "NEG": 1, "SQRT": 6, "EXP": 4, "SIN": 4,
                           "COS": 4, "PI": 3}
SHARED = ("population_size", "generations", "init_min_height", "init_max_height", "crossover_probability",
          "mutation_probability", "mutation_max_height", "height_limit", "noise")
OBJECTIVES = ("size", "phi")
RULE = ("the smallest formula (by the size objective) among the front members whose training error "
        "(1 - R^2 after linear scaling) is at most the front's lowest plus tolerance; ties to the lower "
        "error, then the front's order (size, then error, then the tree's text)")


def default_config(spec: Spec) -> dict[str, Any]:
    """search's budget and operators, NSGA-II selection, the objective and the tolerance."""
    return parsimony_config(search_config(spec), SHARED, tolerance=1e-4)


def _check(config: Mapping[str, Any]) -> None:
    integer(config, "population_size", 4)
    for key in ("generations", "init_min_height", "init_max_height", "mutation_max_height",
                "height_limit"):
        integer(config, key, 0)
    for key, high in (("crossover_probability", 1.0), ("mutation_probability", 1.0), ("noise", 10.0),
                      ("tolerance", 1.0)):
        number(config, key, 0.0, high)
    if config["objective"] not in OBJECTIVES:
        raise UsageError(f"search setting objective={config['objective']!r} must be one of {', '.join(OBJECTIVES)}")
    check_nsga2(config)
    if config["init_min_height"] > config["init_max_height"]:
        raise UsageError(f"search setting init_min_height={config['init_min_height']!r} exceeds "
                         f"init_max_height={config['init_max_height']!r}")


def formula(spec: Spec, tree: Sequence[Any], error: float, scaling: tuple[float, float]) -> Expr:
    """The artifact's expression of a scored tree, as search writes it (scaled, or a constant)."""
    intercept, slope = scaling
    if error >= PENALTY:
        return Constant(0.0)
    if slope == 0.0:
        return Constant(float(f"{intercept:.10g}"))
    return scaled_expression(tree, intercept, slope, float(spec.extra.get("rms", 0.0)))


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The chosen front member as the entry function; the front in the manifest."""
    if spec.family != "feynman":
        raise UsageError(f"the Feynman search needs a spec of the feynman family; {spec.name!r} is "
                         f"family {spec.family!r}")
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    _check(resolved)
    pset = primitive_set(spec)
    data = training_data(spec, float(resolved["noise"]))
    objective = resolved["objective"]

    class Fitness(base.Fitness):
        """(1 - R^2 after linear scaling, size objective); both minimised."""

        weights = (-1.0, -1.0)

    class Individual(gp.PrimitiveTree):
        def __init__(self, content: Any) -> None:
            super().__init__(content)
            self.fitness = Fitness()
            self.scaling = (0.0, 1.0)

    limit = gp.staticLimit(key=operator.attrgetter("height"), max_value=resolved["height_limit"])
    toolbox = base.Toolbox()
    toolbox.register("mate", limit(gp.cxOnePoint))
    new_subtree = functools.partial(gp.genFull, min_=0, max_=resolved["mutation_max_height"])
    toolbox.register("mutate", limit(functools.partial(gp.mutUniform, expr=new_subtree, pset=pset)))

    def clone(individual: Any) -> Any:
        copy = toolbox.clone(individual)
        copy.scaling = individual.scaling
        return copy

    def evaluate(individuals: Sequence[Any]) -> None:
        for individual, (error, intercept, slope) in zip(individuals, fitnesses(individuals, data)):
            error = min(float(error), PENALTY)
            individual.scaling = (intercept, slope)
            written = formula(spec, individual, error, individual.scaling)
            second = float(written_size(written, WRITTEN) if objective == "size" else phi_of(written, SHAPES))
            individual.fitness.values = (error, second)

    run = nsga2(
        initial=lambda: Individual(gp.genHalfAndHalf(pset, resolved["init_min_height"], resolved["init_max_height"])),
        evaluate=evaluate,
        vary=lambda offspring: algorithms.varAnd(offspring, toolbox, resolved["crossover_probability"],
                                                 resolved["mutation_probability"]),
        clone=clone, population_size=resolved["population_size"], generations=resolved["generations"],
        seed=seed)
    members = front(run.population)
    chosen = choose(members, float(resolved["tolerance"]))
    error = float(chosen.fitness.values[0])
    expr = formula(spec, chosen, error, chosen.scaling)
    r2 = 1.0 - error
    docstring = (f"{spec.name} fitted by multi-objective search (DEAP, NSGA-II on training error and "
                 f"{'tree size' if objective == 'size' else 'phi'}), seed {seed}: training R^2 = {r2:.6f} on "
                 f"{len(spec.training)} points, the smallest formula of the final front within "
                 f"{resolved['tolerance']} of its best error. Population {resolved['population_size']}, at most "
                 f"{resolved['generations']} generations, linear scaling; primitives {', '.join(spec.primitives)} "
                 f"and constants.")
    program = Program(docstring, (Function(spec.entry, spec.params, (Return(expr),), story=spec.description),),
                      spec.entry)

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

    record = {
        "outputs": list(spec.outputs),
        "run_seeds": [seed],
        "training_cases": len(spec.training),
        "success": r2 > SUCCESS_R2,
        "evaluations": run.evaluations,
        "generations": [run.generations],
        "best_fitness_per_generation": [list(run.best_error_per_generation)],
        "front_size_per_generation": [list(run.front_size_per_generation)],
        "training_errors": [error],
        "training_r2": r2,
        "expression": render_expression(expr, PRIMITIVES),
        "tree": str(chosen),
        "tree_size": len(chosen),
        "written_size": written_size(expr, WRITTEN),
        "objectives": ["training_error", "written_size" if objective == "size" else "phi"],
        "size_proxy": ("written_size: the code tokens of the formula as the artifact writes it, linear scaling "
                       "included (one per libcst expression node: math.sin(a) is 5 with its operand); the "
                       "artifact's explanation_length is written_size plus one per parameter plus 2"),
        "rule": RULE,
        "tolerance": resolved["tolerance"],
        "front_pass_rates": ("each member's training_pass_rate and held_out_pass_rate: the share of the spec's "
                             "training and held-out points where the member, scaled as recorded, agrees with the "
                             "oracle within the spec's tolerance, computed after the choice (never used to choose); "
                             "explanation_length is written_size plus one per parameter plus 2, the artifact's E"),
        "fronts": [front_record(members, chosen, describe)],
        "wall_time_s": round(run.wall_time_s, 4),
        "cpu_time_s": round(run.cpu_time_s, 4),
    }
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record)
