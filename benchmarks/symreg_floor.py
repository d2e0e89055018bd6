"""Parts of ``benchmarks/bench_symreg.py`` (a): where the floor of the numpy fitness is, and the
fitness over the trees of a real search run.

The floor. Our fitness of a tree is its walk (Python: one step per node), the numpy calls the
walk makes (one per primitive: ``np.add``, ``np.sin``, ...; ``SQRT`` is ``np.abs`` then
``np.sqrt``) and the linear-scaled error (about ten numpy calls and a few float operations).
:func:`numpy_calls` records every primitive's numpy call of every tree with its operands once,
untimed; :func:`replay` makes exactly those calls again in a bare loop: the **numpy evaluation
alone** (no walk, no compile, no error), which no implementation that calls numpy once per
primitive can undercut. :func:`errors_alone` times :func:`scaled_error` on the precomputed
outputs. The reference's time over the sum of the two is the best ratio such an implementation
could reach (the walk free).

A search run's trees. Random trees are independent; the trees a search scores are not (a child
is mostly its parents). :func:`run_generations` records every population one search run scores
(search's default configuration on the spec's 200 training points), to time the reference, our
plain walk tree by tree (:func:`sva.families.feynman.fitness.fitnesses`) and the evaluator the
search uses (:class:`sva.families.feynman.subtrees.Evaluator`, one per run) on the same trees.
"""

from __future__ import annotations

import math
import time
from typing import Any, Callable, Sequence
from unittest import mock

import numpy as np
from deap import gp

from sva.families.feynman import search
from sva.families.feynman.fitness import ERRSTATE, PENALTY, Raised, Training, evaluate, scaled_error
from sva.families.feynman.primitives import NUMPY
from sva.families.feynman.subtrees import Evaluator, terminal


def numpy_calls(trees: Sequence[Sequence[Any]], data: Training) -> list[tuple[Callable[..., Any], tuple[Any, ...]]]:
    """Every primitive's numpy call in every tree, with its operands (numpy's errors ignored, so a
    tree our fitness stops early on is replayed whole: the floor errs high, never low)."""
    calls: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []
    with np.errstate(all="ignore"):
        for tree in trees:
            stack: list[Any] = []
            for node in reversed(tree):
                if isinstance(node, gp.Terminal):
                    stack.append(terminal(node, data.columns)[1])
                    continue
                arguments = tuple(stack[:-node.arity - 1:-1])
                del stack[-node.arity:]
                function = NUMPY[node.name]
                calls.append((function, arguments))
                stack.append(function(*arguments))
    return calls


def replay(calls: Sequence[tuple[Callable[..., Any], tuple[Any, ...]]]) -> None:
    """The recorded numpy calls again, nothing else."""
    with np.errstate(all="ignore"):
        for function, arguments in calls:
            function(*arguments)


def outputs(trees: Sequence[Sequence[Any]], data: Training) -> list[Any]:
    """The output of every tree our fitness scores (a tree whose evaluation raises has none)."""
    found = []
    with np.errstate(**ERRSTATE):
        for tree in trees:
            try:
                found.append(evaluate(tree, data.columns, data.points))
            except (Raised, FloatingPointError):
                continue
    return found


def errors_alone(predicted: Sequence[Any], data: Training) -> list[float]:
    """:func:`scaled_error` of precomputed outputs, as our fitness calls it."""
    with np.errstate(**ERRSTATE):
        scores = []
        for output in predicted:
            try:
                scores.append(scaled_error(output, data.target, data.variance, data.centred)[0])
            except FloatingPointError:
                scores.append(PENALTY)
        return scores


def cpu_median(work: Callable[[], Any], rounds: int) -> float:
    """Median CPU seconds of ``work`` over ``rounds`` calls."""
    times = []
    for _ in range(rounds):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return sorted(times)[len(times) // 2]


def run_generations(spec: Any, seed: int) -> list[list[gp.PrimitiveTree]]:
    """Every population one search run on ``spec`` scores, in order (copies of the trees)."""
    scored: list[list[gp.PrimitiveTree]] = []

    class Recording(Evaluator):
        def fitnesses(self, trees: Sequence[Sequence[Any]]) -> list[tuple[float, float, float]]:
            scored.append([gp.PrimitiveTree(list(tree)) for tree in trees])
            return super().fitnesses(trees)

    with mock.patch.object(search, "Evaluator", Recording):
        search.evolve(spec, search.SymRegSettings.from_config(search.default_config(spec)), seed)
    return scored


def reference_scores(trees: Sequence[gp.PrimitiveTree], pset: gp.PrimitiveSet, cases: Sequence[tuple[float, ...]],
                     data: Training) -> list[float]:
    """DEAP's documented style: ``gp.compile`` each tree, call it on each point with :mod:`math`
    (a point that raises is non-finite), then the same scaled error; nine significant digits."""
    scores = []
    for tree in trees:
        function = gp.compile(tree, pset)
        values = []
        for case in cases:
            try:
                values.append(float(function(*case)))
            except (ArithmeticError, ValueError):
                values.append(math.nan)
        with np.errstate(all="ignore"):
            scores.append(digits(scaled_error(np.array(values), data.target, data.variance, data.centred)[0]))
    return scores


def digits(value: float) -> float:
    """Nine significant digits: numpy's and libm's exp, sin and cos may differ in the last bit."""
    return float(f"{value:.9g}")
