"""The DEAP scaffold every family's search shares: per-run classes, the generational loop, its record.

DEAP's own examples make the fitness and individual classes once, globally, with
``creator.create``; two runs in one process would then share them. Here
:func:`individual_class` makes both per run (nothing happens at import), and
:func:`generational` is the loop of the families' ``search`` and ``search-modular``:

1. inside :func:`sva.core.rng.seeded` (DEAP's operators draw from the global ``random``
   module), ``population_size`` individuals are made by ``initial()`` and evaluated;
2. the :class:`Keeper` (the elites and the best so far) takes them in, and ``observe`` records
   generation 0;
3. each generation, until the budget is spent or ``stop`` says so: ``select`` chooses
   ``population_size - elites`` parents, ``vary`` turns them into offspring (clones, varied),
   clones of the keeper's elites join them, only new or changed individuals are evaluated and
   counted, the keeper takes the offspring in, they become the population, and ``observe``
   records the generation.

Two keepers cover the families: :class:`HallKeeper`, DEAP's ``tools.HallOfFame`` (the best
ever by fitness; a later equal one does not replace it), and :class:`RankKeeper`, the first
individual of lowest ``rank`` (a key the family states, such as PSB's wrong cases, then total
error, then size). So the loop's draws are, in order: the initial individuals, then per
generation the selection's and the variation's, exactly as each family's own loop made them.
NSGA-II (``search-parsimony``) has its own loop in :mod:`sva.core.pareto`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Generic, Protocol, Sequence, TypeVar

from deap import base, tools

from sva.core.rng import seeded

__all__ = ["Generations", "HallKeeper", "Keeper", "RankKeeper", "generational", "individual_class", "score_new"]

T = TypeVar("T")


def individual_class(kind: type, weights: Sequence[float], **attributes: Any) -> type:
    """A subclass of ``kind`` (``list``, ``gp.PrimitiveTree``, ...) whose instances carry a
    ``fitness`` of a fitness class with ``weights`` and each of ``attributes`` (a fresh value per
    instance): what ``creator.create`` would make, but local to one run."""
    fitness = type("Fitness", (base.Fitness,), {"weights": tuple(weights),
                                                "__doc__": f"fitness with weights {tuple(weights)}"})

    def __init__(self: Any, content: Any = ()) -> None:
        super(made, self).__init__(content)  # type: ignore[arg-type]
        self.fitness = fitness()
        for name, value in attributes.items():
            setattr(self, name, value)

    made: type = type("Individual", (kind,), {"__init__": __init__,
                                        "__doc__": f"{kind.__name__} that carries its own fitness"})
    return made


def score_new(individuals: Sequence[Any], evaluate: Callable[[Sequence[Any]], None]) -> int:
    """Evaluate the individuals without a valid fitness (new or changed); return how many."""
    fresh = [individual for individual in individuals if not individual.fitness.valid]
    evaluate(fresh)
    return len(fresh)


class Keeper(Protocol):
    """What the loop keeps across generations: the best so far and the elites."""

    @property
    def best(self) -> Any: ...

    def update(self, individuals: Sequence[Any]) -> None: ...

    def elites(self, count: int) -> Sequence[Any]: ...


class HallKeeper:
    """DEAP's ``tools.HallOfFame`` of ``max(1, elites)`` individuals: the best ever by fitness."""

    def __init__(self, elites: int) -> None:
        self.hall = tools.HallOfFame(max(1, elites))

    @property
    def best(self) -> Any:
        return self.hall[0]

    def update(self, individuals: Sequence[Any]) -> None:
        self.hall.update(individuals)

    def elites(self, count: int) -> Sequence[Any]:
        return self.hall[:count]


class RankKeeper:
    """The first individual of lowest ``rank`` seen so far, and the ``elites`` lowest (stable)."""

    def __init__(self, rank: Callable[[Any], Any], elites: int) -> None:
        self.rank, self.count = rank, elites
        self.kept: list[Any] = []
        self._best: Any = None

    @property
    def best(self) -> Any:
        return self._best

    def update(self, individuals: Sequence[Any]) -> None:
        first = self._best is None
        self._best = min(list(individuals) if first else [self._best] + list(individuals), key=self.rank)
        self.kept = sorted(self.kept + list(individuals), key=self.rank)[:self.count]

    def elites(self, count: int) -> Sequence[Any]:
        return self.kept[:count]


@dataclass(frozen=True)
class Generations(Generic[T]):
    """One run of :func:`generational`: the best individual, one observation per population
    (generation 0 first), the generations run, the evaluations counted and the cost."""

    best: Any
    history: tuple[T, ...]
    generations: int
    evaluations: int
    wall_time_s: float
    cpu_time_s: float


def generational(*, initial: Callable[[], Any], evaluate: Callable[[Sequence[Any]], None],
                 select: Callable[[Sequence[Any], int], list[Any]], vary: Callable[[list[Any]], list[Any]],
                 clone: Callable[[Any], Any], keeper: Keeper, observe: Callable[[Sequence[Any], Any], T],
                 stop: Callable[[Any, T], bool], population_size: int, generations: int, elites: int,
                 seed: int) -> Generations[T]:
    """The generational loop (module docstring). ``observe(population, best)`` is what the
    history keeps of each population; ``stop(best, last observation)`` ends the run early."""
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    with seeded(seed):
        population = [initial() for _ in range(population_size)]
        evaluations = score_new(population, evaluate)
        keeper.update(population)
        history = [observe(population, keeper.best)]
        generation = 0
        while generation < generations and not stop(keeper.best, history[-1]):
            generation += 1
            offspring = vary(select(population, population_size - elites))
            offspring.extend(clone(elite) for elite in keeper.elites(elites))
            evaluations += score_new(offspring, evaluate)
            keeper.update(offspring)
            population = offspring
            history.append(observe(population, keeper.best))
    return Generations(keeper.best, tuple(history), generation, evaluations,
                       time.perf_counter() - started_wall, time.process_time() - started_cpu)
