"""How the Feynman primitives are written, and their two evaluations (numpy and per point).

Both generators write an artifact with these renderings, importing ``math`` and nothing else:

==========  ==========================  =====================================================
primitive   written                     note
==========  ==========================  =====================================================
ADD, SUB    ``a + b``, ``a - b``
MUL, DIV    ``a * b``, ``a / b``        division is protected by the search's fitness, not in
                                        the text: a denominator that vanishes makes the output
                                        non-finite, the worst fitness (written out as gplearn's
                                        ``a / b if abs(b) > 0.001 else 1.0`` it would repeat
                                        the denominator in the code)
SQRT        ``math.sqrt(abs(a))``       protected as gplearn protects it
EXP         ``math.exp(a)``
SIN, COS    ``math.sin(a)``, ``math.cos(a)``
NEG         ``-a``
LOG, TANH   ``math.log(a)``,            only in the specs whose formula has them (``ln``,
ASIN, ACOS  ``math.tanh(a)``, ...       ``tanh``, ``arcsin``, ``arccos``: four of the 120); not
                                        protected: outside the domain the output is non-finite
PI          ``math.pi``                 the constant; fitted constants are plain numbers
==========  ==========================  =====================================================

:data:`NUMPY` evaluates each primitive on whole arrays (search's fitness), :data:`SCALAR` on one
point with :mod:`math` (the reference, the same functions the artifact calls). A point where
the per-point evaluation raises (``ZeroDivisionError``, ``OverflowError``, a math domain error)
is non-finite, as numpy's inf or NaN is there.
"""

from __future__ import annotations

import math
import operator
from typing import Any, Callable

import libcst as cst

from sva.core.emitter import ATOM, PRODUCT, SUM, UNARY, Primitive, Renderer
from sva.core.program import Expr

__all__ = ["ARITY", "NUMPY", "PRIMITIVES", "SCALAR"]

#: Arity of every primitive.
ARITY: dict[str, int] = {"ADD": 2, "SUB": 2, "MUL": 2, "DIV": 2, "SQRT": 1, "EXP": 1, "SIN": 1, "COS": 1,
                         "NEG": 1, "PI": 0, "LOG": 1, "TANH": 1, "ASIN": 1, "ACOS": 1}


def _binary(operator_node: Callable[[], cst.BaseBinaryOp], level: int) -> Callable[..., tuple[cst.BaseExpression, int]]:
    def render(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
        left, right = args
        return cst.BinaryOperation(renderer.operand(left, level), operator_node(), renderer.operand(right)), level

    return render


def _math_call(function: str, wrap_abs: bool = False) -> Callable[..., tuple[cst.BaseExpression, int]]:
    def render(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
        (operand,) = args
        inner = renderer.expression(operand)
        if wrap_abs:
            inner = cst.Call(cst.Name("abs"), [cst.Arg(inner)])
        return cst.Call(cst.Attribute(cst.Name("math"), cst.Name(function)), [cst.Arg(inner)]), ATOM

    return render


def _neg(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    (operand,) = args
    return cst.UnaryOperation(cst.Minus(), renderer.operand(operand)), UNARY


def _pi(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    return cst.Attribute(cst.Name("math"), cst.Name("pi")), ATOM


#: The Feynman primitives, by name.
PRIMITIVES: dict[str, Primitive] = {
    "ADD": Primitive("ADD", 2, render=_binary(cst.Add, SUM)),
    "SUB": Primitive("SUB", 2, render=_binary(cst.Subtract, SUM)),
    "MUL": Primitive("MUL", 2, render=_binary(cst.Multiply, PRODUCT)),
    "DIV": Primitive("DIV", 2, render=_binary(cst.Divide, PRODUCT)),
    "SQRT": Primitive("SQRT", 1, render=_math_call("sqrt", wrap_abs=True), imports=("math",)),
    "EXP": Primitive("EXP", 1, render=_math_call("exp"), imports=("math",)),
    "SIN": Primitive("SIN", 1, render=_math_call("sin"), imports=("math",)),
    "COS": Primitive("COS", 1, render=_math_call("cos"), imports=("math",)),
    "NEG": Primitive("NEG", 1, render=_neg),
    "PI": Primitive("PI", 0, render=_pi, imports=("math",)),
    "LOG": Primitive("LOG", 1, render=_math_call("log"), imports=("math",)),
    "TANH": Primitive("TANH", 1, render=_math_call("tanh"), imports=("math",)),
    "ASIN": Primitive("ASIN", 1, render=_math_call("asin"), imports=("math",)),
    "ACOS": Primitive("ACOS", 1, render=_math_call("acos"), imports=("math",)),
}


def _numpy_table() -> dict[str, Callable[..., Any]]:
    import numpy as np

    return {"ADD": np.add, "SUB": np.subtract, "MUL": np.multiply, "DIV": np.divide,
            "SQRT": lambda a: np.sqrt(np.abs(a)), "EXP": np.exp, "SIN": np.sin, "COS": np.cos,
            "NEG": np.negative, "LOG": np.log, "TANH": np.tanh, "ASIN": np.arcsin, "ACOS": np.arccos}


class _LazyNumpy(dict):
    """:data:`NUMPY`, filled on first use (listing specs imports no numpy)."""

    def __missing__(self, key: str) -> Callable[..., Any]:
        self.update(_numpy_table())
        return dict.__getitem__(self, key)


#: Array implementations, for search's vectorized fitness (evaluate under ``numpy.errstate(all="ignore")``).
NUMPY: dict[str, Callable[..., Any]] = _LazyNumpy()

#: Per-point implementations with :mod:`math`, as the emitted artifact computes them.
SCALAR: dict[str, Callable[..., float]] = {
    "ADD": operator.add, "SUB": operator.sub, "MUL": operator.mul, "DIV": operator.truediv,
    "SQRT": lambda a: math.sqrt(abs(a)), "EXP": math.exp, "SIN": math.sin, "COS": math.cos,
    "NEG": operator.neg, "LOG": math.log, "TANH": math.tanh, "ASIN": math.asin, "ACOS": math.acos,
}
