"""The Feynman search's fitness: a tree evaluated on all training points at once with numpy.

:func:`evaluate` walks a DEAP tree once, each primitive one numpy operation over every point
(:data:`~sva.families.feynman.primitives.NUMPY`); :func:`scaled_error` is the linear-scaled
normalised squared error (Keijzer 2003) of its output; :func:`fitness` and :func:`fitnesses`
combine them under numpy's error state :data:`ERRSTATE`, which raises where Python's float
arithmetic raises, so that a tree gets :data:`PENALTY` exactly where the per-point evaluation
with :mod:`math` (:func:`reference_fitness`, DEAP's ``gp.compile`` style) meets a non-finite
output. The two agree to rounding in the last bits of exp, sin and cos. A search run scores its
populations with one :class:`~sva.families.feynman.subtrees.Evaluator`, which gives the same
numbers as :func:`fitnesses` bit for bit and computes each distinct subtree once.

Where the time goes (``benchmarks/bench_symreg.py``, 500 random trees of mean 9 nodes): at
1,000 points numpy's own arithmetic (``sin`` and ``cos`` of 1,000 floats take about 10 µs each)
and the scaled error's ten numpy calls are almost all of a tree's time; at 20 points a numpy
call's fixed cost is. So :func:`evaluate` takes few Python steps per node and
:func:`scaled_error` calls the ufuncs directly (``np.add.reduce``, what ``.sum()`` calls, and
products written into one scratch array): the same operations on the same operands, so the
same bits.

Same bits on every machine: sums of products are ``np.add.reduce(a * b)`` (numpy's pairwise
sum, the same order on every CPU), never ``a.dot(b)``, whose BLAS kernel is chosen by the CPU (OpenBLAS's
kernels for different cores gave three different seed-0 formulas for I.10.7); and
:func:`check_float_dispatch` refuses a numpy whose ``exp``/``sin``/``cos`` run their AVX-512
versions (see :mod:`sva`).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, Mapping, Sequence, TypedDict

from deap import gp

from sva.core.spec import Spec
from sva.errors import SetupError
from sva.families.feynman.primitives import NUMPY

__all__ = ["ERRSTATE", "PENALTY", "Raised", "Training", "check_float_dispatch", "evaluate", "fitness", "fitnesses",
           "reference_fitness", "scaled_error", "training_data"]

#: The fitness of a tree with a non-finite output on a training point.
PENALTY = 1e30


class Raised(Exception):
    """The per-point evaluation would raise on some point (a division by zero, an overflow of
    ``exp``): numpy gives inf there, which a later operation may turn finite again (x / inf)."""


def evaluate(tree: Sequence[Any], columns: Mapping[str, Any], points: int) -> Any:
    """The tree's output on every point at once (numpy arrays), under :data:`ERRSTATE`: numpy
    raises ``FloatingPointError`` where :mod:`math` raises (a division by zero, 0/0, sin(inf)),
    :class:`Raised` where ``math.exp`` overflows; either is a non-finite output."""
    import numpy as np

    stack: list[Any] = []
    for node in reversed(tree):
        if isinstance(node, gp.Terminal):
            if node.name == "PI":
                stack.append(math.pi)
            elif isinstance(node.value, str):
                stack.append(columns[node.value])
            else:
                stack.append(float(node.value))  # a constant: numpy broadcasts it
        elif node.arity == 1:  # the operand stays on the stack, replaced by the result
            operand = stack[-1]
            result = stack[-1] = NUMPY[node.name](operand)
            if node.name == "EXP" and np.isinf(result).any() and np.isfinite(operand).all():
                raise Raised("exp overflows")
        else:  # the first argument is on top of the stack
            arity = node.arity
            arguments = stack[:-arity - 1:-1]
            del stack[-arity:]
            stack.append(NUMPY[node.name](*arguments))
    output = stack[0]
    if np.ndim(output) == 0:
        return np.full(points, float(output))
    return output


def scaled_error(predicted: Any, target: Any, target_variance: float,
                 centred_target: tuple[float, Any] | None = None) -> tuple[float, float, float]:
    """(normalised squared error after linear scaling, intercept a, slope b) of one output:
    ``a + b f`` fitted to the target by least squares; :data:`PENALTY` for a non-finite output.
    ``centred_target``: the target's (mean, target - mean), when the caller has them already
    (:attr:`Training.centred`: the same numbers, computed once per training set, not per tree)."""
    import numpy as np

    add, subtract, multiply = np.add, np.subtract, np.multiply
    count = len(predicted)
    total = float(add.reduce(predicted))
    if not math.isfinite(total):  # an inf or a NaN anywhere makes the sum non-finite
        return PENALTY, 0.0, 0.0
    mean_f = total / count
    if centred_target is None:
        mean_y = float(add.reduce(target)) / count
        centred_target = (mean_y, target - mean_y)
    mean_y, target_centred = centred_target
    centred = subtract(predicted, mean_f)
    scratch = multiply(centred, centred)
    variance = float(add.reduce(scratch)) / count
    if not variance > 1e-24 * max(1.0, mean_f * mean_f):
        return 1.0, mean_y, 0.0
    slope = float(add.reduce(multiply(centred, target_centred, out=scratch))) / count / variance
    intercept = mean_y - slope * mean_f
    residual = subtract(target_centred, multiply(slope, centred, out=scratch), out=scratch)
    error = float(add.reduce(multiply(residual, residual, out=scratch))) / count / target_variance
    return (error if math.isfinite(error) else PENALTY), intercept, slope


@dataclass(frozen=True)
class Training:
    """The training points as numpy columns, and the (possibly noisy) targets."""

    columns: Mapping[str, Any]
    target: Any
    variance: float
    points: int

    @cached_property
    def centred(self) -> tuple[float, Any]:
        """The target's mean and the target minus it, as :func:`scaled_error` computes them."""
        mean = float(self.target.sum()) / len(self.target)
        return mean, self.target - mean


#: The numpy functions of the fitness whose implementation numpy chooses by CPU.
DISPATCHED = ("exp", "sin", "cos")


def check_float_dispatch(current: Mapping[str, str] | None = None) -> None:
    """Raise :class:`SetupError` if numpy runs an AVX-512 version of ``exp``, ``sin`` or ``cos``.

    ``current``: function name to numpy's current dispatch target (default: read from
    ``numpy.lib.introspect.opt_func_info``). Example: ``{"exp": "X86_V3"}`` passes,
    ``{"exp": "X86_V4"}`` raises.
    """
    from sva import NUMPY_DISABLED_FEATURES

    if current is None:
        from numpy.lib.introspect import opt_func_info

        info = opt_func_info(func_name="^(" + "|".join(DISPATCHED) + ")$", signature="float64")
        current = {name: next(iter(loops.values()))["current"] for name, loops in info.items()}
    disabled = NUMPY_DISABLED_FEATURES.split()
    for name in DISPATCHED:
        target = current.get(name, "")
        if any(target.startswith(feature) for feature in disabled):
            raise SetupError(
                f"numpy runs its {target} version of {name}, whose rounding differs from other machines'; "
                f"set NPY_DISABLE_CPU_FEATURES={NUMPY_DISABLED_FEATURES!r} before numpy is imported "
                f"(importing sva before numpy does it)")


def training_data(spec: Spec, noise: float = 0.0, cases: Sequence[tuple] | None = None) -> Training:
    """The spec's training points (or ``cases``) as columns; targets from the oracle, plus seeded noise."""
    import numpy as np

    check_float_dispatch()

    cases = spec.training if cases is None else cases
    target = [spec.expected(case) for case in cases]
    if noise:
        rms = math.sqrt(sum(value * value for value in target) / len(target))
        rng = random.Random(f"noise:{spec.name}:{noise!r}")
        target = [value + rng.gauss(0.0, noise * rms) for value in target]
    columns = {param: np.array([case[index] for case in cases], dtype=float) for index, param in enumerate(spec.params)}
    values = np.array(target, dtype=float)
    return Training(columns, values, float(np.var(values)), len(cases))


class ErrState(TypedDict):
    """``numpy.errstate``'s keywords: what numpy does on each kind of floating-point error."""

    divide: Literal["ignore", "warn", "raise"]
    invalid: Literal["ignore", "warn", "raise"]
    over: Literal["ignore", "warn", "raise"]
    under: Literal["ignore", "warn", "raise"]


#: numpy's floating-point state for the fitness: raise where Python's float arithmetic raises.
ERRSTATE: ErrState = {"divide": "raise", "invalid": "raise", "over": "ignore", "under": "ignore"}


def _fitness(tree: Sequence[Any], data: Training) -> tuple[float, float, float]:
    try:
        return scaled_error(evaluate(tree, data.columns, data.points), data.target, data.variance, data.centred)
    except (Raised, FloatingPointError):
        return PENALTY, 0.0, 0.0


def fitness(tree: Sequence[Any], data: Training) -> tuple[float, float, float]:
    """Vectorized fitness: (scaled error, a, b) of ``tree`` on the training points."""
    import numpy as np

    with np.errstate(**ERRSTATE):
        return _fitness(tree, data)


def agreement(spec: Spec, tree: Sequence[Any], scaling: tuple[float, float], data: Training) -> float:
    """Share of ``data``'s points where the scaled tree, ``intercept + slope * tree``, agrees with
    the target by the spec's own comparison (its tolerance); a non-finite output agrees nowhere.
    The ``search-parsimony`` front reports it for every member on the training and held-out
    points, after the choice (it never selects)."""
    import numpy as np

    intercept, slope = scaling
    with np.errstate(**ERRSTATE):
        try:
            predicted = intercept + slope * evaluate(tree, data.columns, data.points)
        except (Raised, FloatingPointError):
            return 0.0
    right = sum(1 for got, want in zip(predicted.tolist(), data.target.tolist())
                if math.isfinite(got) and spec.matches(got, want))
    return right / data.points


def fitnesses(trees: Sequence[Sequence[Any]], data: Training) -> list[tuple[float, float, float]]:
    """:func:`fitness` of many trees, numpy's error state set once for all of them (a search
    run scores its generations with one :class:`~sva.families.feynman.subtrees.Evaluator`
    instead: the same numbers, each distinct subtree computed once)."""
    import numpy as np

    with np.errstate(**ERRSTATE):
        return [_fitness(tree, data) for tree in trees]


def reference_fitness(tree: gp.PrimitiveTree, pset: gp.PrimitiveSet, spec: Spec, data: Training) -> float:
    """DEAP's documented style: ``gp.compile`` the tree, call it on each point with :mod:`math`
    (a point that raises is non-finite), then the same scaled error."""
    import numpy as np

    function = gp.compile(tree, pset)
    outputs = []
    for case in spec.training:
        try:
            outputs.append(float(function(*case)))
        except (ArithmeticError, ValueError):
            outputs.append(math.nan)
    with np.errstate(all="ignore"):
        return scaled_error(np.array(outputs), data.target, data.variance, data.centred)[0]
