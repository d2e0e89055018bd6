"""Search for sorting networks: a DEAP genetic algorithm over variable-length comparator lists.

An individual is a list of comparators ``(i, j)`` with ``i < j`` (wire i keeps the smaller value).
Its fitness is lexicographic, every component minimised (weights ``(-1, -1, -1)``):

1. unsorted binary inputs: how many of the ``2^n`` binary vectors (the spec's training cases)
   the network leaves unsorted, computed bit-sliced (:mod:`sva.families.sorting.networks`: wire k is
   one Python int over all inputs, a comparator is one AND and one OR);
2. size: the number of comparators;
3. parallel depth: greedy layering, :func:`sva.families.sorting.networks.depth`.

Settings follow the project's calibration (``shared/reference/search-calibration.md`` section 6):

* initial population: each individual gets a length uniform in ``[round(1.3 b), round(1.7 b)]``
  (b the best known size for n, :func:`sva.families.sorting.networks.best_known`), each comparator a
  uniformly random pair of distinct wires;
* selection: tournaments of 5 choose ``population - 1`` parents;
* crossover: ``tools.cxMessyOnePoint`` (a cut point in each parent, tails swapped, so lengths
  change) on consecutive pairs with probability 0.5;
* mutation, probability 0.8 per individual, one operator chosen uniformly:
  *add* a random comparator at a random position; *remove* a random comparator; *move* one end
  of a random comparator to a wire it does not touch yet (the pair is re-ordered so that i < j);
  *swap* two adjacent comparators. Where the chosen operator cannot apply (remove or move on an
  empty list, move on two wires, swap on fewer than two comparators) the operator is *add*;
* a child longer than ``3 b`` loses its tail (length cap);
* elitism: a clone of the best individual so far (``tools.HallOfFame(1)``) joins every generation;
* stop: after the generation budget, or as soon as the best individual sorts every binary
  input with at most b comparators.

Budgets (population x generations): 300 x 200 for n <= 8 (the calibration), and for the larger
specs budgets that keep one run to seconds: see :data:`BUDGETS`.

Everything random happens inside :func:`sva.core.rng.seeded` (DEAP's operators draw from
the global ``random`` module); the fitness and individual classes are made per run (no
``deap.creator``), so runs share no state. The best individual is emitted by the shared emitter
as the flat sequence of compare-exchanges it found, after ``wires = list(values)``.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from deap import base, tools

from sva.errors import UsageError
from sva.core.settings import merge_config
from sva.core.artifact import Artifact
from sva.core.emitter import emit_program
from sva.core.program import Apply, Bind, Constant, Function, Name, Program, Return
from sva.families.sorting.primitives import PRIMITIVES, WIRES, compare_exchange
from sva.core.rng import check_seed, seeded
from sva.core.settings import flag, integer, number
from sva.core.spec import Spec
from sva.families.sorting.networks import Comparator, best_known, depth, initial_masks

GENERATOR = "search"

#: (population, generations) by n where the calibrated 300 x 200 would take too long per run.
BUDGETS: dict[int, tuple[int, int]] = {10: (300, 200), 12: (300, 200), 16: (200, 200)}

_DEFAULTS: dict[str, Any] = {
    "population_size": 300,
    "generations": 200,
    "tournament_size": 5,
    "crossover_probability": 0.5,
    "mutation_probability": 0.8,
    "init_length_min_factor": 1.3,
    "init_length_max_factor": 1.7,
    "length_cap_factor": 3.0,
    "elites": 1,
    "stop_at_best_known": True,
}

MUTATIONS = ("add", "remove", "move", "swap")


def default_config(spec: Spec) -> dict[str, Any]:
    """Every GA setting for ``spec`` as a plain JSON-able dict (the calibrated ones)."""
    config = dict(_DEFAULTS)
    if spec.size in BUDGETS:
        config["population_size"], config["generations"] = BUDGETS[spec.size]
    return config


@dataclass(frozen=True)
class GASettings:
    """A validated GA configuration (see :data:`_DEFAULTS` for the keys)."""

    population_size: int
    generations: int
    tournament_size: int
    crossover_probability: float
    mutation_probability: float
    init_length_min_factor: float
    init_length_max_factor: float
    length_cap_factor: float
    elites: int
    stop_at_best_known: bool

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "GASettings":
        """Check every value; a :class:`UsageError` names the first bad one."""
        settings = cls(
            population_size=integer(config, "population_size", 2),
            generations=integer(config, "generations", 0),
            tournament_size=integer(config, "tournament_size", 1),
            crossover_probability=number(config, "crossover_probability", 0.0, 1.0),
            mutation_probability=number(config, "mutation_probability", 0.0, 1.0),
            init_length_min_factor=number(config, "init_length_min_factor", 0.0, 100.0),
            init_length_max_factor=number(config, "init_length_max_factor", 0.0, 100.0),
            length_cap_factor=number(config, "length_cap_factor", 0.0, 100.0),
            elites=integer(config, "elites", 0),
            stop_at_best_known=flag(config, "stop_at_best_known"),
        )
        if settings.init_length_min_factor > settings.init_length_max_factor:
            raise UsageError(f"search setting init_length_min_factor={settings.init_length_min_factor!r} "
                             f"exceeds init_length_max_factor={settings.init_length_max_factor!r}")
        if settings.elites >= settings.population_size:
            raise UsageError(f"search setting elites={settings.elites!r} must be smaller than "
                             f"population_size={settings.population_size!r}")
        return settings


def bitsliced_fitness(n: int) -> Callable[[Sequence[Comparator]], tuple[int, int, int]]:
    """The GA's fitness on n wires: ``(unsorted binary inputs, size, parallel depth)``.

    The same computation as :func:`sva.families.sorting.networks.unsorted_count`, without its
    per-comparator validation (search only makes valid comparators): the benchmark times this.
    """
    start = initial_masks(n)

    def fitness(network: Sequence[Comparator]) -> tuple[int, int, int]:
        wires = list(start)
        for i, j in network:
            low, high = wires[i], wires[j]
            wires[i], wires[j] = low & high, low | high
        bad = 0
        for k in range(n - 1):
            bad |= wires[k] & ~wires[k + 1]
        return bad.bit_count(), len(network), depth(network, n)

    return fitness


def _random_comparator(n: int) -> Comparator:
    i, j = random.sample(range(n), 2)
    return (i, j) if i < j else (j, i)


def mutate(network: list, n: int) -> str:
    """Apply one mutation operator, chosen uniformly from :data:`MUTATIONS`, in place.

    Returns the operator actually applied (``add`` stands in for one the list is too short for).
    """
    operator = random.choice(MUTATIONS)
    if ((operator == "remove" and not network) or (operator == "move" and (not network or n < 3))
            or (operator == "swap" and len(network) < 2)):
        operator = "add"
    if operator == "add":
        network.insert(random.randint(0, len(network)), _random_comparator(n))
    elif operator == "remove":
        del network[random.randrange(len(network))]
    elif operator == "move":
        index = random.randrange(len(network))
        i, j = network[index]
        keep = i if random.random() < 0.5 else j
        new = random.choice([wire for wire in range(n) if wire not in (i, j)])
        network[index] = (keep, new) if keep < new else (new, keep)
    else:
        index = random.randrange(len(network) - 1)
        network[index], network[index + 1] = network[index + 1], network[index]
    return operator


@dataclass(frozen=True)
class GARun:
    """One GA run: the best network and what it cost.

    ``best_unsorted_per_generation`` and ``best_size_per_generation`` describe the best
    individual of each population, generation 0 (the initial population) first.
    """

    best: tuple[Comparator, ...]
    unsorted: int
    depth: int
    best_unsorted_per_generation: tuple[int, ...]
    best_size_per_generation: tuple[int, ...]
    generations: int
    evaluations: int
    first_valid_generation: int | None
    wall_time_s: float
    cpu_time_s: float


def evolve(n: int, settings: GASettings, seed: int) -> GARun:
    """One GA run for n wires (see the module docstring for every step)."""
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    target, _ = best_known(n)
    low_length = round(settings.init_length_min_factor * target)
    high_length = round(settings.init_length_max_factor * target)
    cap = max(1, round(settings.length_cap_factor * target))
    score = bitsliced_fitness(n)

    class Fitness(base.Fitness):
        """(unsorted binary inputs, comparators, depth), compared lexicographically; fewer is better."""

        weights = (-1.0, -1.0, -1.0)

    class Individual(list):
        """A comparator list that carries its own fitness (what ``creator.create`` would make)."""

        def __init__(self, content: Any = ()) -> None:
            super().__init__(content)
            self.fitness = Fitness()

    def clone(individual: Individual) -> Individual:
        copy = Individual(individual)
        if individual.fitness.valid:
            copy.fitness.values = individual.fitness.values
        return copy

    def score_new(population: Sequence[Individual]) -> int:
        fresh = [individual for individual in population if not individual.fitness.valid]
        for individual in fresh:
            individual.fitness.values = score(individual)
        return len(fresh)

    def finished(best: Individual) -> bool:
        unsorted, size, _ = best.fitness.values
        return settings.stop_at_best_known and unsorted == 0 and size <= target

    with seeded(seed):
        population = [Individual(_random_comparator(n) for _ in range(random.randint(low_length, high_length)))
                      for _ in range(settings.population_size)]
        evaluations = score_new(population)
        hall = tools.HallOfFame(max(1, settings.elites))
        hall.update(population)
        unsorted_history, size_history = [int(hall[0].fitness.values[0])], [len(hall[0])]
        generation = 0
        while generation < settings.generations and not finished(hall[0]):
            generation += 1
            parents = tools.selTournament(population, settings.population_size - settings.elites,
                                          tournsize=settings.tournament_size)
            offspring = [clone(parent) for parent in parents]
            for first, second in zip(offspring[::2], offspring[1::2]):
                if random.random() < settings.crossover_probability:
                    tools.cxMessyOnePoint(first, second)
                    del first.fitness.values, second.fitness.values
            for child in offspring:
                if random.random() < settings.mutation_probability:
                    mutate(child, n)
                    del child.fitness.values
                if len(child) > cap:
                    del child[cap:]
                    if child.fitness.valid:
                        del child.fitness.values
            offspring.extend(clone(elite) for elite in hall[:settings.elites])
            evaluations += score_new(offspring)
            hall.update(offspring)
            population = offspring
            unsorted_history.append(int(hall[0].fitness.values[0]))
            size_history.append(len(hall[0]))
    best = hall[0]
    return GARun(
        best=tuple(best),
        unsorted=int(best.fitness.values[0]),
        depth=int(best.fitness.values[2]),
        best_unsorted_per_generation=tuple(unsorted_history),
        best_size_per_generation=tuple(size_history),
        generations=generation,
        evaluations=evaluations,
        first_valid_generation=unsorted_history.index(0) if 0 in unsorted_history else None,
        wall_time_s=time.perf_counter() - started_wall,
        cpu_time_s=time.process_time() - started_cpu,
    )


def network_program(spec: Spec, network: Sequence[Comparator], docstring: str) -> Program:
    """The entry function: copy the values onto wires, the compare-exchanges in order, return."""
    (values,) = spec.params
    body = ((Bind(WIRES, Apply("COPY", (Name(values),))),)
            + tuple(compare_exchange(WIRES, Constant(i), Constant(j)) for i, j in network)
            + (Return(Name(WIRES)),))
    return Program(docstring, (Function(spec.entry, spec.params, body, story=spec.description),), spec.entry)


def _docstring(spec: Spec, seed: int, settings: GASettings, run: GARun, rows: int) -> str:
    how = (f"Population {settings.population_size}, at most {settings.generations} generations; "
           f"primitive: compare-exchange.")
    if run.unsorted == 0:
        return (f"{spec.name} solved by evolutionary search (DEAP genetic algorithm over comparator "
                f"lists), seed {seed}: a network of {len(run.best)} compare-exchanges, depth {run.depth}, "
                f"that sorts all {rows} binary inputs (so, by the 0-1 principle, every input). {how}")
    return (f"{spec.name} attempted by evolutionary search (DEAP genetic algorithm over comparator lists), "
            f"seed {seed}, without a sorting network: the best network found, {len(run.best)} "
            f"compare-exchanges, leaves {run.unsorted} of {rows} binary inputs unsorted. {how}")


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """Evolve the network artifact for (spec, seed, configuration); a failed run still yields one."""
    if spec.family != "sorting" or spec.kind != "network" or spec.params != ("values",):
        raise UsageError(f"the sorting-network search needs a network spec of the sorting family "
                         f"(one parameter, values); spec {spec.name!r} is family {spec.family!r}, "
                         f"kind {spec.kind!r}, parameters {list(spec.params)}")
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    settings = GASettings.from_config(resolved)
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    n = spec.size
    run = evolve(n, settings, seed)
    rows = len(spec.training)
    program = network_program(spec, run.best, _docstring(spec, seed, settings, run, rows))
    known_size, known_depth = best_known(n)
    record = {
        "outputs": list(spec.outputs),
        "run_seeds": [seed],
        "training_cases": rows,
        "success": run.unsorted == 0,
        "evaluations": run.evaluations,
        "evaluations_per_output": [run.evaluations],
        "generations": [run.generations],
        "first_perfect_generation": [run.first_valid_generation],
        "best_fitness_per_generation": [list(run.best_unsorted_per_generation)],
        "best_size_per_generation": list(run.best_size_per_generation),
        "training_errors": [run.unsorted],
        "comparators": len(run.best),
        "depth": run.depth,
        "best_known_comparators": known_size,
        "best_known_depth": known_depth,
        "network": [list(pair) for pair in run.best],
        "wall_time_s": round(time.perf_counter() - started_wall, 4),
        "cpu_time_s": round(time.process_time() - started_cpu, 4),
    }
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record)
