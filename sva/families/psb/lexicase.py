"""Lexicase selection (Spector 2012; Helmuth, Spector and Matheson 2015) on per-case errors.

The same selection as DEAP's ``tools.selLexicase`` and ``tools.selAutomaticEpsilonLexicase``
(epsilon-lexicase, La Cava et al. 2016: a candidate survives a case when its error is within
the case's median absolute deviation of the best), computed on the plain error tuples instead of
DEAP fitness objects, whose ``values`` are rebuilt on every access: individuals with the same
error vector are grouped once per generation, each selection filters the groups case by case in
a random order, then picks one member of a surviving group at random (in proportion to group
sizes, as filtering the individuals one by one would). Draws come from the global ``random``
module, which search seeds.
"""

from __future__ import annotations

import random
import statistics
from typing import Any, Sequence


def _mad_epsilons(vectors: Sequence[tuple[float, ...]], weights: Sequence[int]) -> list[float]:
    epsilons = []
    for case in range(len(vectors[0])):
        column = [vector[case] for vector, weight in zip(vectors, weights) for _ in range(weight)]
        middle = statistics.median(column)
        epsilons.append(statistics.median(abs(value - middle) for value in column))
    return epsilons


def select(individuals: Sequence[Any], count: int, errors: Sequence[tuple[float, ...]],
           epsilon: bool = False) -> list[Any]:
    """``count`` individuals chosen by lexicase (``epsilon``: automatic epsilon-lexicase)."""
    groups: dict[tuple[float, ...], list[Any]] = {}
    for individual, vector in zip(individuals, errors):
        groups.setdefault(vector, []).append(individual)
    vectors = list(groups)
    members = [groups[vector] for vector in vectors]
    sizes = [len(group) for group in members]
    epsilons = _mad_epsilons(vectors, sizes) if epsilon else [0.0] * len(vectors[0])
    order = list(range(len(vectors[0])))
    chosen = []
    for _ in range(count):
        random.shuffle(order)
        alive = list(range(len(vectors)))
        for case in order:
            if len(alive) == 1:
                break
            best = min(vectors[index][case] for index in alive)
            bound = best + epsilons[case]
            alive = [index for index in alive if vectors[index][case] <= bound]
        weights = [sizes[index] for index in alive]
        group = members[random.choices(alive, weights)[0]] if len(alive) > 1 else members[alive[0]]
        chosen.append(random.choice(group))
    return chosen
