"""The Feynman fitness with each distinct subtree computed once: bit for bit the fitness tree by
tree (Hypothesis over random populations that share subtrees, whatever the memory budget), the
values of the implementation before it (stored), and a search run unchanged by it."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

from deap import gp
from hypothesis import given, settings, strategies as st

from sva.core.rng import seeded
from sva.families import get_spec
from sva.families.feynman import FAMILY, search
from sva.families.feynman.fitness import PENALTY, fitness, fitnesses, training_data
from sva.families.feynman.subtrees import Evaluator, terminal

#: (spec, tree, [error, intercept, slope] as float.hex) of 480 random trees, written by the
#: fitness before subtrees were shared and before its sums became ``np.add.reduce`` calls
SNAPSHOT = Path(__file__).parent / "data" / "fitness_snapshot.json"


def _exact(scores):
    return [tuple(float(value).hex() for value in score) for score in scores]


def _population(spec, seed, count, height):
    """Random trees, each followed by its primitive subtrees as trees of their own, and the
    first tree again: a population with shared subtrees and a repeated tree."""
    pset = search.primitive_set(spec)
    with seeded(seed):
        trees = [gp.PrimitiveTree(gp.genHalfAndHalf(pset, 1, height)) for _ in range(count)]
    population = []
    for tree in trees:
        population.append(tree)
        population.extend(gp.PrimitiveTree(tree[tree.searchSubtree(index)]) for index in range(1, len(tree))
                          if tree[index].arity > 0)
    return population + trees[:1]


@settings(max_examples=40, deadline=None)
@given(spec_index=st.integers(0, 119), seed=st.integers(0, 10 ** 6), count=st.integers(1, 12),
       height=st.integers(1, 6), budget=st.sampled_from([0, 4096, 2 ** 26]), calls=st.integers(1, 3))
def test_the_evaluator_gives_each_tree_its_own_fitness_bit_for_bit(spec_index, seed, count, height, budget, calls):
    spec = FAMILY.specs()[spec_index]
    data = training_data(spec)
    population = _population(spec, seed, count, height)
    evaluator = Evaluator(data, budget)
    alone = _exact(fitness(tree, data) for tree in population)
    for _ in range(calls):  # a second call (generation) finds the first one's subtrees stored
        assert _exact(evaluator.fitnesses(population)) == alone
    assert _exact(fitnesses(population, data)) == alone


def test_a_subtree_met_again_is_not_computed_again_and_one_that_raises_stays_raising():
    spec = get_spec("feynman-I.29.4")
    pset, data = search.primitive_set(spec), training_data(spec)
    evaluator = Evaluator(data)
    trees = [gp.PrimitiveTree.from_string(text, pset) for text in
             ("SIN(MUL(omega, 2.0))", "ADD(SIN(MUL(omega, 2.0)), 1.0)", "DIV(omega, SUB(c, c))",
              "ADD(DIV(omega, SUB(c, c)), omega)")]
    scores = evaluator.fitnesses(trees)
    assert _exact(scores) == _exact(fitness(tree, data) for tree in trees)
    assert scores[2][0] == scores[3][0] == PENALTY
    assert sorted(evaluator.values) == ["ADD(SIN(MUL(omega,#2.0)),#1.0)", "DIV(omega,SUB(c,c))",
                                        "MUL(omega,#2.0)", "SIN(MUL(omega,#2.0))", "SUB(c,c)"]


def test_a_constants_key_tells_minus_zero_from_zero_and_pi_from_an_input():
    spec = get_spec("feynman-I.12.1")
    pset, data = search.primitive_set(spec), training_data(spec)
    keys = [terminal(node, data.columns)[0] for node in gp.PrimitiveTree.from_string("ADD(ADD(-0.0, 0.0), MUL(PI, mu))",
                                                                                     pset) if node.arity == 0]
    assert keys == ["#-0.0", "#0.0", "PI()", "mu"]


def test_the_fitness_of_random_trees_is_the_stored_one_of_the_implementation_before():
    stored = json.loads(SNAPSHOT.read_text())["rows"]
    by_spec: dict[str, list] = {}
    for name, text, scores in stored:
        by_spec.setdefault(name, []).append((text, tuple(scores)))
    for name, rows in by_spec.items():
        spec = get_spec(name)
        pset, data = search.primitive_set(spec), training_data(spec)
        trees = [gp.PrimitiveTree.from_string(text, pset) for text, _ in rows]
        expected = [scores for _, scores in rows]
        assert _exact(Evaluator(data).fitnesses(trees)) == expected, name
        assert _exact(fitness(tree, data) for tree in trees) == expected, name
    assert len(stored) == 480


class _TreeByTree:
    """What search scored with before: :func:`fitnesses` on each population."""

    def __init__(self, data):
        self.data = data

    def fitnesses(self, trees):
        return fitnesses(trees, self.data)


def test_a_search_run_is_the_same_with_the_evaluator_as_tree_by_tree():
    spec = get_spec("feynman-I.12.1")
    settings_ = search.SymRegSettings.from_config({**search.default_config(spec), "population_size": 80,
                                                   "generations": 8})
    shared = search.evolve(spec, settings_, 3)
    with mock.patch.object(search, "Evaluator", _TreeByTree):
        alone = search.evolve(spec, settings_, 3)
    assert (str(shared.best), shared.error, shared.intercept, shared.slope, shared.history) == \
        (str(alone.best), alone.error, alone.intercept, alone.slope, alone.history)
    assert shared.evaluations == alone.evaluations
