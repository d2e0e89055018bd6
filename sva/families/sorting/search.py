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

import dataclasses
import random
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from deap import tools

from sva.errors import UsageError
from sva.core.artifact import Artifact, SearchRecord
from sva.core.gp import HallKeeper, generational, individual_class
from sva.core.emitter import emit_program
from sva.core.program import Apply, Bind, Constant, Function, Name, Program, Return
from sva.families.sorting.primitives import PRIMITIVES, WIRES, compare_exchange
from sva.core.rng import check_seed
from sva.core.settings import Schema, fraction, merge_config, switch, whole
from sva.core.spec import Spec
from sva.families.sorting.networks import Comparator, best_known, depth, initial_masks

GENERATOR = "search"

#: (population, generations) by n where the calibrated 300 x 200 would take too long per run.
BUDGETS: dict[int, tuple[int, int]] = {10: (300, 200), 12: (300, 200), 16: (200, 200)}

#: the calibrated settings (the budgets of :data:`BUDGETS` aside)
SCHEMA = Schema(
    (whole("population_size", 300, 2), whole("generations", 200, 0), whole("tournament_size", 5, 1),
     fraction("crossover_probability", 0.5), fraction("mutation_probability", 0.8),
     fraction("init_length_min_factor", 1.3, 0.0, 100.0), fraction("init_length_max_factor", 1.7, 0.0, 100.0),
     fraction("length_cap_factor", 3.0, 0.0, 100.0), whole("elites", 1, 0), switch("stop_at_best_known", True)),
    ordered=(("init_length_min_factor", "init_length_max_factor"),),
    smaller=(("elites", "population_size"),))

MUTATIONS = ("add", "remove", "move", "swap")


def default_config(spec: Spec) -> dict[str, Any]:
    """Every GA setting for ``spec`` as a plain JSON-able dict (the calibrated ones)."""
    config = SCHEMA.defaults()
    if spec.size in BUDGETS:
        config["population_size"], config["generations"] = BUDGETS[spec.size]
    return config


@dataclass(frozen=True)
class GASettings:
    """A validated GA configuration (see :data:`SCHEMA` for the keys)."""

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
        return cls(**SCHEMA.check(config))


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


@dataclass(frozen=True)
class Operators:
    """The GA's representation and variation on n wires (module docstring), shared with
    ``search-parsimony``: initial lengths in ``[low, high]``, children cut to ``cap``."""

    n: int
    low: int
    high: int
    cap: int
    crossover: float
    mutation: float

    @classmethod
    def of(cls, n: int, settings: Mapping[str, Any]) -> "Operators":
        """The operators of a configuration's factors and probabilities (best known size b)."""
        target, _ = best_known(n)
        return cls(n, round(settings["init_length_min_factor"] * target),
                   round(settings["init_length_max_factor"] * target),
                   max(1, round(settings["length_cap_factor"] * target)),
                   settings["crossover_probability"], settings["mutation_probability"])

    def initial(self, individual: Callable[..., Any]) -> Any:
        """A random network of a random initial length."""
        return individual(_random_comparator(self.n) for _ in range(random.randint(self.low, self.high)))

    def vary(self, offspring: list) -> list:
        """Messy one-point crossover on consecutive pairs, then mutation and the length cap, in place."""
        for first, second in zip(offspring[::2], offspring[1::2]):
            if random.random() < self.crossover:
                tools.cxMessyOnePoint(first, second)
                del first.fitness.values, second.fitness.values
        for child in offspring:
            if random.random() < self.mutation:
                mutate(child, self.n)
                del child.fitness.values
            if len(child) > self.cap:
                del child[self.cap:]
                if child.fitness.valid:
                    del child.fitness.values
        return offspring


def clone_network(individual: Any) -> Any:
    """A copy of a network individual with its fitness (lists copy faster than ``deepcopy``)."""
    copy = type(individual)(individual)
    if individual.fitness.valid:
        copy.fitness.values = individual.fitness.values
    return copy


def evolve(n: int, settings: GASettings, seed: int) -> GARun:
    """One GA run for n wires (see the module docstring for every step)."""
    target, _ = best_known(n)
    operators = Operators.of(n, dataclasses.asdict(settings))
    score = bitsliced_fitness(n)
    individual = individual_class(list, (-1.0, -1.0, -1.0))

    def evaluate(fresh: Sequence[Any]) -> None:
        for each in fresh:
            each.fitness.values = score(each)

    def finished(best: Any, _: Any) -> bool:
        unsorted, size, _depth = best.fitness.values
        return settings.stop_at_best_known and unsorted == 0 and size <= target

    run = generational(
        initial=lambda: operators.initial(individual), evaluate=evaluate,
        select=lambda population, count: tools.selTournament(population, count, tournsize=settings.tournament_size),
        vary=lambda parents: operators.vary([clone_network(parent) for parent in parents]),
        clone=clone_network, keeper=HallKeeper(settings.elites),
        observe=lambda population, best: (int(best.fitness.values[0]), len(best)), stop=finished,
        population_size=settings.population_size, generations=settings.generations, elites=settings.elites,
        seed=seed)
    unsorted_history = tuple(unsorted for unsorted, _ in run.history)
    best = run.best
    return GARun(best=tuple(best), unsorted=int(best.fitness.values[0]), depth=int(best.fitness.values[2]),
                 best_unsorted_per_generation=unsorted_history,
                 best_size_per_generation=tuple(size for _, size in run.history),
                 generations=run.generations, evaluations=run.evaluations,
                 first_valid_generation=unsorted_history.index(0) if 0 in unsorted_history else None,
                 wall_time_s=run.wall_time_s, cpu_time_s=run.cpu_time_s)


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
    details = {
        "outputs": list(spec.outputs),
        "run_seeds": [seed],
        "training_cases": rows,
        "evaluations_per_output": [run.evaluations],
        "generations": [run.generations],
        "first_perfect_generation": [run.first_valid_generation],
        "best_size_per_generation": list(run.best_size_per_generation),
        "training_errors": [run.unsorted],
        "comparators": len(run.best),
        "depth": run.depth,
        "best_known_comparators": known_size,
        "best_known_depth": known_depth,
        "network": [list(pair) for pair in run.best],
    }
    record = SearchRecord(success=run.unsorted == 0, evaluations=run.evaluations,
                          best_fitness_per_generation=[list(run.best_unsorted_per_generation)],
                          wall_time_s=round(time.perf_counter() - started_wall, 4),
                          cpu_time_s=round(time.process_time() - started_cpu, 4), details=details)
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record)
