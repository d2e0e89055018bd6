"""The sorting family's ``search-parsimony``: NSGA-II on (unsorted inputs, size, depth).

As DEAP's own sorting-network example (``examples/ga/evosn.py``) does: three objectives, all
minimised, the binary inputs the network leaves unsorted (bit-sliced,
:func:`sva.families.sorting.search.bitsliced_fitness`), its comparators and its parallel
depth, selected by NSGA-II (:func:`sva.core.pareto.nsga2`) instead of the lexicographic
tournament with an elite. The representation, initialisation, messy one-point crossover
(p = 0.5 per pair), the four mutations (p = 0.8), the length cap and the budget are the family's
``search``'s (:mod:`sva.families.sorting.search`), and so is the stop: as soon as a network
that sorts every binary input with at most the best known number of comparators is found. The
size objective is the comparator count itself, which is what the artifact's explanation
grows with (one statement per comparator).

The artifact is chosen by :func:`sva.core.pareto.choose` with ``tolerance`` (default 0
unsorted inputs): the smallest network, then the shallowest, among those leaving the fewest
inputs unsorted. Only ``objective=size``: a network is not a formula.
"""

from __future__ import annotations

import random
from typing import Any, Mapping, Sequence

from deap import base, tools

from sva.core.artifact import Artifact
from sva.core.emitter import emit_program
from sva.core.pareto import check_nsga2, choose, front, front_record, nsga2, parsimony_config
from sva.core.rng import check_seed
from sva.core.settings import integer, merge_config, number
from sva.core.spec import Spec
from sva.errors import UsageError
from sva.families.sorting.networks import best_known
from sva.families.sorting.primitives import PRIMITIVES
from sva.families.sorting.search import _random_comparator, bitsliced_fitness, mutate, network_program
from sva.families.sorting.search import default_config as search_config

GENERATOR = "search-parsimony"
SHARED = ("population_size", "generations", "crossover_probability", "mutation_probability",
          "init_length_min_factor", "init_length_max_factor", "length_cap_factor", "stop_at_best_known")
RULE = ("the network with the fewest comparators, then the smallest depth, among the front members whose "
        "unsorted binary inputs are at most the front's fewest plus tolerance")


def default_config(spec: Spec) -> dict[str, Any]:
    """search's budget and operators, NSGA-II selection, the objective and the tolerance."""
    return parsimony_config(search_config(spec), SHARED, tolerance=0)


def _check(config: Mapping[str, Any]) -> None:
    integer(config, "population_size", 4)
    integer(config, "generations", 0)
    for key, high in (("crossover_probability", 1.0), ("mutation_probability", 1.0),
                      ("init_length_min_factor", 100.0), ("init_length_max_factor", 100.0),
                      ("length_cap_factor", 100.0), ("tolerance", 1e9)):
        number(config, key, 0.0, high)
    if config["objective"] != "size":
        raise UsageError(f"search setting objective={config['objective']!r}: a network is not a formula, so "
                         f"search-parsimony minimises its size and depth (objective=size)")
    check_nsga2(config)
    if config["init_length_min_factor"] > config["init_length_max_factor"]:
        raise UsageError(f"search setting init_length_min_factor={config['init_length_min_factor']!r} exceeds "
                         f"init_length_max_factor={config['init_length_max_factor']!r}")


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The chosen network of the front as the entry function; the front in the manifest."""
    if spec.family != "sorting" or spec.kind != "network" or spec.params != ("values",):
        raise UsageError(f"the sorting-network search needs a network spec of the sorting family; spec "
                         f"{spec.name!r} is family {spec.family!r}, kind {spec.kind!r}")
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    _check(resolved)
    n = spec.size
    target, target_depth = best_known(n)
    low_length = round(resolved["init_length_min_factor"] * target)
    high_length = round(resolved["init_length_max_factor"] * target)
    cap = max(1, round(resolved["length_cap_factor"] * target))
    score = bitsliced_fitness(n)

    class Fitness(base.Fitness):
        """(unsorted binary inputs, comparators, depth); all minimised."""

        weights = (-1.0, -1.0, -1.0)

    class Individual(list):
        def __init__(self, content: Any = ()) -> None:
            super().__init__(content)
            self.fitness = Fitness()

    def clone(individual: Individual) -> Individual:
        copy = Individual(individual)
        if individual.fitness.valid:
            copy.fitness.values = individual.fitness.values
        return copy

    def evaluate(individuals: Sequence[Individual]) -> None:
        for individual in individuals:
            individual.fitness.values = tuple(float(value) for value in score(individual))

    def vary(offspring: list) -> list:
        for first, second in zip(offspring[::2], offspring[1::2]):
            if random.random() < resolved["crossover_probability"]:
                tools.cxMessyOnePoint(first, second)
                del first.fitness.values, second.fitness.values
        for child in offspring:
            if random.random() < resolved["mutation_probability"]:
                mutate(child, n)
                del child.fitness.values
            if len(child) > cap:
                del child[cap:]
                if child.fitness.valid:
                    del child.fitness.values
        return offspring

    def stop(population: Sequence[Individual]) -> bool:
        return bool(resolved["stop_at_best_known"]) and any(
            individual.fitness.values[0] == 0 and len(individual) <= target for individual in population)

    run = nsga2(
        initial=lambda: Individual(_random_comparator(n) for _ in range(random.randint(low_length, high_length))),
        evaluate=evaluate, vary=vary, clone=clone, population_size=resolved["population_size"],
        generations=resolved["generations"], seed=seed, stop=stop)
    members = front(run.population)
    chosen = choose(members, float(resolved["tolerance"]))
    unsorted, size, depth = (int(value) for value in chosen.fitness.values)
    rows = len(spec.training)
    verdict = (f"a network of {size} compare-exchanges, depth {depth}, that sorts all {rows} binary inputs (so, "
               f"by the 0-1 principle, every input)" if unsorted == 0
               else f"no sorting network: the chosen one leaves {unsorted} of {rows} binary inputs unsorted")
    docstring = (f"{spec.name} found by multi-objective search (DEAP genetic algorithm over comparator lists, "
                 f"NSGA-II on unsorted inputs, size and depth), seed {seed}: {verdict}. Population "
                 f"{resolved['population_size']}, at most {resolved['generations']} generations; primitive: "
                 f"compare-exchange.")
    program = network_program(spec, tuple(chosen), docstring)

    def describe(member: Any) -> dict[str, Any]:
        return {"training_errors": int(member.fitness.values[0]), "comparators": len(member),
                "depth": int(member.fitness.values[2])}

    record = {
        "outputs": list(spec.outputs),
        "run_seeds": [seed],
        "training_cases": rows,
        "success": unsorted == 0,
        "evaluations": run.evaluations,
        "generations": [run.generations],
        "best_fitness_per_generation": [[int(value) for value in run.best_error_per_generation]],
        "front_size_per_generation": [list(run.front_size_per_generation)],
        "training_errors": [unsorted],
        "comparators": size,
        "depth": depth,
        "best_known_comparators": target,
        "best_known_depth": target_depth,
        "network": [list(pair) for pair in chosen],
        "objectives": ["unsorted_inputs", "comparators", "depth"],
        "size_proxy": "comparators: one compare-exchange statement each in the artifact",
        "rule": RULE,
        "tolerance": resolved["tolerance"],
        "fronts": [front_record(members, chosen, describe)],
        "wall_time_s": round(run.wall_time_s, 4),
        "cpu_time_s": round(run.cpu_time_s, 4),
    }
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record)
