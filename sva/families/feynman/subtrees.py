"""The fitness of a population, each distinct subtree computed once: the same numbers, bit for
bit, as :func:`~sva.families.feynman.fitness.fitness` tree by tree.

Why it can skip work. A tree's output on the training points is a function of the tree alone
(:func:`~sva.families.feynman.fitness.evaluate` walks it bottom-up, every subtree evaluated, no
short-circuit), so two equal subtrees give the same array, and a subtree that raises (a division
by zero, an overflowing ``exp``) makes every tree that contains it raise. A GP population is
full of equal subtrees: crossover and mutation copy most of a parent, and random initial trees
repeat their small subtrees (``SIN(v)``, ``MUL(c, c)``).

How. :class:`Evaluator` walks each tree as ``evaluate`` does and gives every subtree a key, its
text in prefix form: a primitive ``NAME(k1,k2)``, an input its name, ``PI()``, a constant ``#``
and its ``repr`` (``#-0.0`` is not ``#0.0``, though the two numbers compare equal). The key
spells out the whole subtree, so two subtrees share a key exactly when they are equal: a
key never stands for a different computation. Worked example, the population
``[SIN(MUL(v, 2.0)), ADD(SIN(MUL(v, 2.0)), 1.0)]``: the first tree computes ``MUL(v,#2.0)`` and
``SIN(MUL(v,#2.0))`` (two numpy calls) and its scaled error; the second finds
``SIN(MUL(v,#2.0))`` stored and computes only ``ADD(SIN(MUL(v,#2.0)),#1.0)`` (one call) and its
error. A tree met before costs its walk and one lookup: its (error, intercept, slope) is
stored under its key too.

When it pays. Storing an array costs memory the plain walk reuses at once; it pays where
subtrees repeat. In a search run they do: on ``feynman-I.6.2`` (seed 0, population 400, 51
generations, 200 points) 17,073 trees were scored, 85,656 primitive nodes, of which 13,210
distinct subtrees (15%) and 5,300 distinct trees (31%); one evaluator for the run scores them in
9.2 CPU µs a tree against 16.1 for :func:`~sva.families.feynman.fitness.fitnesses` tree by tree
(the minimum of five alternating rounds). In a population of independent random trees few
repeat: building the keys costs more than the repeats save, and at 1,000 points each stored
array takes fresh memory (8 KB) where the plain walk reuses the memory it just freed (about 1.3x
and 1.5x slower at 20 and 1,000 points), so :func:`~sva.families.feynman.fitness.fitnesses`
keeps the plain walk (docs/feynman.md, "Benchmark", gives the figures).

Bounded memory. One :class:`Evaluator` serves one training set, e.g. one search run. Its tables
hold at most ``budget`` bytes of arrays (64 MiB: 41,943 arrays of 200 points, more than the run
above computes) and as many scores; a full table is emptied and filled again. What is stored
changes only the time, never a value.
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

from deap import gp

from sva.families.feynman.fitness import ERRSTATE, PENALTY, Raised, Training, scaled_error
from sva.families.feynman.primitives import NUMPY

__all__ = ["BUDGET", "Evaluator", "terminal"]

#: Bytes of stored arrays an evaluator may hold.
BUDGET = 64 * 2 ** 20

#: What a subtree that raises is stored as.
_RAISES = object()


def terminal(node: Any, columns: Mapping[str, Any]) -> tuple[str, Any]:
    """A terminal's (key, value), read as :func:`~sva.families.feynman.fitness.evaluate` reads
    it: ``("PI()", math.pi)`` for the name ``PI``, an input's (name, column), else a constant's
    (``#`` and its ``repr``, the float): ``#0.5``, ``#-0.0``. ``evaluate`` reads terminals the
    same way inline (its hot path); tests/families/feynman/test_subtrees.py checks the two agree
    on random trees."""
    if node.name == "PI":
        return "PI()", math.pi
    if isinstance(node.value, str):
        return node.value, columns[node.value]
    value = float(node.value)
    return "#" + repr(value), value


class Evaluator:
    """(scaled error, intercept, slope) of trees on one training set, equal subtrees computed once.

    ``Evaluator(data).fitnesses(trees) == fitnesses(trees, data)`` for any trees, bit for bit."""

    def __init__(self, data: Training, budget: int = BUDGET) -> None:
        self.data = data
        #: most arrays (and scores) stored; the tables are emptied when they reach it
        self.limit = max(16, budget // (8 * max(1, data.points)))
        self.values: dict[str, Any] = {}
        self.scores: dict[str, tuple[float, float, float]] = {}

    def fitnesses(self, trees: Sequence[Sequence[Any]]) -> list[tuple[float, float, float]]:
        """Each tree's fitness, in order, numpy's error state set once for all of them."""
        import numpy as np

        with np.errstate(**ERRSTATE):
            return [self._score(tree) for tree in trees]

    def _score(self, tree: Sequence[Any]) -> tuple[float, float, float]:
        import numpy as np

        try:
            key, output = self._walk(tree)
        except Raised:
            return PENALTY, 0.0, 0.0
        score = self.scores.get(key)
        if score is None:
            data = self.data
            if np.ndim(output) == 0:
                output = np.full(data.points, float(output))
            try:
                score = scaled_error(output, data.target, data.variance, data.centred)
            except FloatingPointError:
                score = PENALTY, 0.0, 0.0
            self._store(self.scores, key, score)
        return score

    def _walk(self, tree: Sequence[Any]) -> tuple[str, Any]:
        """The root's (key, output) as :func:`~sva.families.feynman.fitness.evaluate` computes
        it; :class:`Raised` where it raises. ``keys`` and ``values`` are its stack, in step."""
        keys: list[str] = []
        values: list[Any] = []
        memo, columns = self.values, self.data.columns
        for node in reversed(tree):
            if isinstance(node, gp.Terminal):
                key, value = terminal(node, columns)
                keys.append(key)
                values.append(value)
                continue
            arity = node.arity
            if arity == 1:
                key = node.name + "(" + keys[-1] + ")"
            else:  # the first argument is on top of the stack
                key = node.name + "(" + ",".join(keys[:-arity - 1:-1]) + ")"
            value = memo.get(key)
            if value is None:
                value = self._apply(node.name, key, values[:-arity - 1:-1])
            elif value is _RAISES:
                raise Raised(key)
            del keys[-arity:], values[-arity:]
            keys.append(key)
            values.append(value)
        return keys[0], values[0]

    def _apply(self, name: str, key: str, arguments: list[Any]) -> Any:
        import numpy as np

        try:
            result = NUMPY[name](*arguments)
            if name == "EXP" and np.isinf(result).any() and np.isfinite(arguments[0]).all():
                raise Raised("exp overflows")
        except (Raised, FloatingPointError):
            self._store(self.values, key, _RAISES)
            raise Raised(key) from None
        self._store(self.values, key, result)
        return result

    def _store(self, table: dict[str, Any], key: str, value: Any) -> None:
        if len(table) >= self.limit:
            table.clear()
        table[key] = value
