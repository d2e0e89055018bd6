"""Multi-objective search pieces every family's ``search-parsimony`` shares: NSGA-II, the front,
the rule that picks the artifact from it, and Virgolin et al.'s interpretability formula phi.

**NSGA-II** (:func:`nsga2`) is DEAP's own example (``examples/ga/nsga2.py``) around a family's
operators: the initial population is sorted once by ``tools.selNSGA2`` (which assigns the
crowding distances), then each generation picks ``population`` parents by
``tools.selTournamentDCD`` (dominance, then crowding distance), clones and varies them with the
family's ``vary``, evaluates the changed ones and keeps the best ``population`` of parents and
offspring by ``tools.selNSGA2``. Objectives are minimised, the training error first. The
evaluation budget is the one of the family's ``search``: the same population for at most the
same generations, so at most ``population x (generations + 1)`` evaluations. Only new or
changed individuals are evaluated, and only those are counted. The population must be a
multiple of 4 (``selTournamentDCD``'s rule).

Before each ``selNSGA2`` the parents and offspring are reduced to one individual per distinct
objective vector (:func:`distinct_first`; the others only fill up when fewer than ``population``
vectors are distinct): individuals that score alike (copies of one small tree, the many trees
that scale to one constant) would otherwise fill the first fronts, and the population collapses
onto the smallest trees (without it, parity-4 seed 0 ended 2 rows wrong at search's budget;
keyed by the tree's text rather than its objectives, feynman-I.14.3's front filled with trees
that all scale to one constant and lost the exact ``m * g * z``). Fronts are sorted by DEAP's ``nd="log"`` (Fortin et al.'s generalized
non-dominated sort: the same fronts as the standard sort, in far less time when many objective
vectors are distinct).

**The front** (:func:`front`) is the first non-dominated front of the final population, one
member per distinct objective vector (the first in the population's order), ordered by size
then error.

**The rule** (:func:`choose`): the artifact is the member with the smallest size objective among
those whose training error is at most ``best + tolerance`` (best: the lowest training error on
the front); ties go to the next objectives (a network's depth), then the lower error, then the
earlier member of the front's order. With a tolerance of 0 this is the smallest of the most accurate members.

**phi** (:func:`phi`, :func:`phi_counts`): Virgolin, Alderliesten and Bosman's learned model of
formula interpretability (PPSN 2020), as GP-GOMEA's ``InterpretabilityPHIFitness`` computes it:
``phi = 100 (0.00195041 n_nodes + 0.00502375 n_ops + 0.03351907 n_naops + 0.04472121 n_nacomp)``;
``n_nodes`` counts every node (operations and leaves), ``n_ops`` the operations, ``n_naops`` the
non-arithmetic operations (anything but ``+ - * /`` and negation), ``n_nacomp`` the most
non-arithmetic operations on one path from the root to a leaf (GP-GOMEA's ``Count_N_NaComp``:
arithmetic nodes on the path neither add nor reset). Lower is more interpretable. Worked example:
``math.sin(x) * y`` has 4 nodes (``*``, ``sin``, ``x``, ``y``), 2 operations, 1 non-arithmetic,
n_nacomp 1: phi = 100 (0.00780164 + 0.0100475 + 0.03351907 + 0.04472121) = 9.608942.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from sva.core.artifact import SearchRecord
from sva.core.program import Apply, Call, Constant, Expr, Name, TupleOf
from sva.core.rng import seeded
from sva.errors import UsageError

__all__ = ["ARITHMETIC", "NON_ARITHMETIC", "FrontRun", "PhiCounts", "choose", "front", "front_record",
           "distinct_first", "nsga2", "phi", "phi_counts", "phi_of", "written_size"]

#: the two kinds of operation phi tells apart
ARITHMETIC = "arithmetic"
NON_ARITHMETIC = "non-arithmetic"


@dataclass(frozen=True)
class PhiCounts:
    """The four counts of phi (see the module docstring)."""

    n_nodes: int
    n_ops: int
    n_naops: int
    n_nacomp: int

    @property
    def phi(self) -> float:
        return phi(self.n_nodes, self.n_ops, self.n_naops, self.n_nacomp)


def phi(n_nodes: int, n_ops: int, n_naops: int, n_nacomp: int) -> float:
    """Virgolin et al. 2020's phi, rounded to 6 decimals (lower is more interpretable)."""
    return round(100 * (0.00195041 * n_nodes + 0.00502375 * n_ops + 0.03351907 * n_naops
                        + 0.04472121 * n_nacomp), 6)


def _plain_number(expr: Expr) -> bool:
    return (isinstance(expr, Constant) and isinstance(expr.value, (int, float)) and not isinstance(expr.value, bool)
            and expr.value >= 0)


def phi_counts(expr: Expr, shapes: Mapping[str, tuple[str, ...]]) -> PhiCounts:
    """phi's counts of an IR expression. ``shapes[primitive]`` is the chain of operations the
    primitive is written as, outermost first (``("non-arithmetic", "non-arithmetic")`` for
    ``math.sqrt(abs(a))``, ``("arithmetic",)`` for ``a + b``, ``()`` for a leaf such as
    ``math.pi``); names and constants are leaves; a tuple of outputs adds no node (its items
    are counted, n_nacomp the largest). A one-operand arithmetic primitive (negation) of a
    non-negative number is written as a signed literal (``-1.5``) and counts as one leaf, as
    the ``ast`` reading of :mod:`sva.measure.metrics.interpretability` counts it."""
    nodes = ops = naops = 0

    def walk(node: Expr) -> int:
        nonlocal nodes, ops, naops
        if isinstance(node, TupleOf):
            return max((walk(item) for item in node.items), default=0)
        if isinstance(node, (Name, Constant)):
            nodes += 1
            return 0
        if isinstance(node, Apply):
            chain = shapes[node.primitive]
            if not chain or (chain == (ARITHMETIC,) and len(node.args) == 1 and _plain_number(node.args[0])):
                nodes += 1  # a leaf such as math.pi, or a negated number, written -1.5: a signed literal
                return 0
            nodes += len(chain)
            ops += len(chain)
            here = sum(1 for kind in chain if kind == NON_ARITHMETIC)
            naops += here
            return here + max((walk(argument) for argument in node.args), default=0)
        if isinstance(node, Call):
            raise ValueError("phi counts one expression; a call to another function is not part of it")
        raise ValueError(f"phi cannot count a {type(node).__name__}")

    deepest = walk(expr)
    return PhiCounts(nodes, ops, naops, deepest)


def written_size(expr: Expr, weights: Mapping[str, int]) -> int:
    """The code tokens of an IR expression as the emitter writes it (one per libcst expression
    node, parentheses not counted, as ``explanation_length`` counts them): ``weights[primitive]``
    nodes for each primitive (``math.sin(a)`` is 4: the call, the attribute and its two names),
    one for a name or a constant, two for a negative number (``-1.5`` is a unary minus on 1.5)."""
    if isinstance(expr, TupleOf):
        return 1 + sum(written_size(item, weights) for item in expr.items)
    if isinstance(expr, Name):
        return 1
    if isinstance(expr, Constant):
        value = expr.value
        return 2 if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0 else 1
    if isinstance(expr, Apply):
        return weights[expr.primitive] + sum(written_size(argument, weights) for argument in expr.args)
    raise ValueError(f"cannot size a {type(expr).__name__}")


def phi_of(expr: Expr, shapes: Mapping[str, tuple[str, ...]]) -> float:
    """phi of an IR expression (:func:`phi_counts`)."""
    return phi_counts(expr, shapes).phi


# -- NSGA-II ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrontRun:
    """One NSGA-II run: the final population, the evaluations it cost and its history (the
    lowest training error and the size of the first front in each population, generation 0
    first)."""

    population: tuple[Any, ...]
    generations: int
    evaluations: int
    best_error_per_generation: tuple[float, ...]
    front_size_per_generation: tuple[int, ...]
    wall_time_s: float
    cpu_time_s: float

    def search_record(self, success: bool, details: Mapping[str, Any],
                      curve: Callable[[float], Any] = float) -> SearchRecord:
        """The manifest's search record of this run: ``success`` as the family judges its chosen
        member, the run's evaluations, its best-error curve (each value through ``curve``:
        ``int`` for a family counting wrong cases) and times, and the family's ``details``."""
        return SearchRecord(success=success, evaluations=self.evaluations,
                            best_fitness_per_generation=[[curve(value) for value in self.best_error_per_generation]],
                            wall_time_s=round(self.wall_time_s, 4), cpu_time_s=round(self.cpu_time_s, 4),
                            details=details)


def nsga2(initial: Callable[[], Any], evaluate: Callable[[Sequence[Any]], None], vary: Callable[[list], list],
          clone: Callable[[Any], Any], population_size: int, generations: int, seed: int,
          stop: Callable[[Sequence[Any]], bool] | None = None,
          key: Callable[[Any], Any] = lambda individual: individual.fitness.values) -> FrontRun:
    """NSGA-II as DEAP's example runs it (module docstring). ``initial()`` makes one individual
    (its ``fitness`` weights all negative); ``evaluate(individuals)`` sets ``fitness.values`` of
    each; ``vary(offspring)`` varies clones in place or returns new ones, deleting the fitness of
    what it changed; ``stop(population)`` may end the run early. Everything random happens
    inside :func:`sva.core.rng.seeded`."""
    from deap import tools

    if population_size % 4:
        raise UsageError(f"search setting population_size={population_size!r} must be a multiple of 4 "
                         f"for NSGA-II (selTournamentDCD pairs the population in fours)")
    started_wall, started_cpu = time.perf_counter(), time.process_time()

    def score_new(population: Sequence[Any]) -> int:
        fresh = [individual for individual in population if not individual.fitness.valid]
        evaluate(fresh)
        return len(fresh)

    def record(population: Sequence[Any]) -> None:
        best_errors.append(float(min(individual.fitness.values[0] for individual in population)))
        front_sizes.append(len(tools.sortLogNondominated(population, len(population), first_front_only=True)))

    best_errors: list[float] = []
    front_sizes: list[int] = []
    with seeded(seed):
        population = [initial() for _ in range(population_size)]
        evaluations = score_new(population)
        population = tools.selNSGA2(population, population_size, nd="log")  # assigns the crowding distances
        record(population)
        generation = 0
        while generation < generations and not (stop is not None and stop(population)):
            generation += 1
            offspring = [clone(individual) for individual in tools.selTournamentDCD(population, population_size)]
            offspring = vary(offspring)
            evaluations += score_new(offspring)
            population = tools.selNSGA2(distinct_first(population + offspring, population_size, key),
                                        population_size, nd="log")
            record(population)
    return FrontRun(tuple(population), generation, evaluations, tuple(best_errors), tuple(front_sizes),
                    time.perf_counter() - started_wall, time.process_time() - started_cpu)


def distinct_first(individuals: Sequence[Any], count: int, key: Callable[[Any], Any] = str) -> list[Any]:
    """``individuals`` with each distinct ``key`` once, in order, padded with the repeats (in
    order) up to ``count``. :func:`nsga2` keys by the objective vector: NSGA-II then ranks two
    individuals with the same objectives only when too few distinct vectors remain (without
    this, trees that score alike, such as the many ways of writing one constant, crowd the
    first fronts and the population collapses onto them)."""
    seen: set[Any] = set()
    firsts: list[Any] = []
    repeats: list[Any] = []
    for individual in individuals:
        mark = key(individual)
        (repeats if mark in seen else firsts).append(individual)
        seen.add(mark)
    return firsts + repeats[:max(0, count - len(firsts))]


def parsimony_config(search_defaults: Mapping[str, Any], shared: Sequence[str], tolerance: float) -> dict[str, Any]:
    """A family's ``search-parsimony`` defaults: its ``search``'s settings named in ``shared``
    (budget and operators: the fair comparison), NSGA-II selection, the size objective and the
    error ``tolerance`` of the choice rule (:func:`choose`)."""
    config = {key: value for key, value in search_defaults.items() if key in shared}
    config.update(selection="nsga2", objective="size", tolerance=tolerance)
    return config


def check_nsga2(config: Mapping[str, Any]) -> None:
    """:class:`UsageError` unless the configuration selects by NSGA-II (the only selection here)."""
    if config["selection"] != "nsga2":
        raise UsageError(f"search setting selection={config['selection']!r}: search-parsimony selects by nsga2")


def front(population: Sequence[Any]) -> list[Any]:
    """The first non-dominated front of ``population``: one member per distinct objective
    vector (the first in population order), ordered by the size objectives, then the error."""
    from deap import tools

    first = tools.sortNondominated(list(population), len(population), first_front_only=True)[0]
    seen: dict[tuple, Any] = {}
    for individual in first:
        seen.setdefault(tuple(individual.fitness.values), individual)
    return [seen[values] for values in sorted(seen, key=lambda values: (values[1:], values[0]))]


def choose(members: Sequence[Any], tolerance: float) -> Any:
    """The artifact's member of a front (module docstring): the smallest size objective among
    the members whose training error is within ``tolerance`` of the best."""
    if not members:
        raise ValueError("an empty front has no member to choose")
    best = min(member.fitness.values[0] for member in members)
    eligible = [index for index, member in enumerate(members) if member.fitness.values[0] <= best + tolerance]
    return members[min(eligible, key=lambda index: (members[index].fitness.values[1:],
                                                     members[index].fitness.values[0], index))]


def front_record(members: Sequence[Any], chosen: Any, describe: Callable[[Any], Mapping[str, Any]]) -> list[dict]:
    """The front as the manifest keeps it: one entry per member, in the front's order, with its
    objectives, what ``describe`` adds (its explanation length proxy, its expression) and
    whether it is the artifact."""
    return [{"objectives": [float(value) for value in member.fitness.values],
             **describe(member), "chosen": member is chosen}
            for member in members]
