"""The generational loop (:mod:`sva.core.gp`) stops at the generation of the first perfect fit.

A synthetic search whose individuals are perfect from generation ``k`` on stops after exactly
``min(k, budget)`` generations with the evaluations of that many (Hypothesis); each family
whose search stops at a perfect fit (Boolean, PSB, Feynman) runs no generation past its first
perfect one on a real spec. Sorting's search stops at the best-known comparator count, not at
the first network that sorts (its fitness ranks size after validity): stated, not tested here.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from sva.core.gp import HallKeeper, generational, individual_class
from sva.families import get_spec
from sva.generate import generate, get_generator


def _run(perfect_from: int, budget: int, population: int, elites: int):
    individual = individual_class(list, (-1.0,))

    def evaluate(fresh):
        for each in fresh:
            each.fitness.values = (0.0 if each[0] >= perfect_from else 1.0,)

    def vary(parents):
        children = []
        for parent in parents:
            child = individual([parent[0] + 1])  # a new individual: no valid fitness yet
            children.append(child)
        return children

    def clone(elite):
        copy = individual(list(elite))
        copy.fitness.values = elite.fitness.values
        return copy

    return generational(initial=lambda: individual([0]), evaluate=evaluate,
                        select=lambda population_, count: list(population_[:count]), vary=vary, clone=clone,
                        keeper=HallKeeper(elites), observe=lambda population_, best: best.fitness.values[0],
                        stop=lambda best, error: error == 0.0, population_size=population, generations=budget,
                        elites=elites, seed=0)


@settings(max_examples=40, deadline=None)
@given(perfect_from=st.integers(0, 12), budget=st.integers(0, 10), population=st.integers(2, 6),
       elites=st.integers(0, 1))
def test_the_loop_stops_at_the_generation_of_the_first_perfect_fit(perfect_from, budget, population, elites):
    run = _run(perfect_from, budget, population, elites)
    expected = min(perfect_from, budget)
    assert run.generations == expected
    assert len(run.history) == expected + 1
    assert run.evaluations == population + expected * (population - elites)
    assert (run.history[-1] == 0.0) == (perfect_from <= budget)


@pytest.mark.parametrize("spec_name", ["parity-4", "adder-2", "psb-median", "feynman-I.34.8"])
def test_a_family_search_runs_no_generation_past_its_first_perfect_one(spec_name):
    spec = get_spec(spec_name)
    generator = get_generator("search")
    artifact = generate(spec, "search", 0, generator.default_config(spec))
    search = artifact.search
    assert search is not None and search.success
    for curve in search.best_fitness_per_generation:
        first = next(index for index, value in enumerate(curve) if value <= 1e-12)
        assert first == len(curve) - 1  # the last generation run is the first perfect one
