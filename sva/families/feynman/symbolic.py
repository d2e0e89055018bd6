"""The symbolic-solution check (SRBench's), in the caller, on the probe's expression tree.

The rule is SRBench's ground-truth assessment (La Cava et al. 2021), reproduced from its code
(``experiment/assess_symbolic_model.py``, ``experiment/symbolic_utils.py`` and
``postprocessing/collate_groundtruth_results.py`` of cavalab/srbench), step by step:

1. **Gate.** Only a model with test R^2 > 0.5 is checked (here: R^2 on the held-out points);
   any other is no symbolic solution.
2. **Numbers as SRBench reads them.** Variables are plain sympy symbols, with no assumption
   (not positive); ``pi`` is the float ``3.1415926535``, in the model and in the true formula;
   every number is a sympy ``Float``. A protected square root or log of a negative number is that
   of its absolute value (SRBench's ``PSQRT``/``PLOG``), any other is the plain one.
3. **Rounding** (:func:`round_floats`): every float of magnitude below 0.0001 becomes the
   integer 0, every other is rounded to three decimals and kept with three significant digits
   (``Float(round(a, 3), 3)``: 1.02068 becomes 1.02, 0.0552621 becomes 0.055, 3.1415926535
   becomes 3.14). The true formula is rounded the same way.
4. **The model** is rounded, then ``simplify(model, ratio=1)``. A model that simplifies to ``0``
   or ``nan`` is never a solution.
5. ``diff = round(true - model)``, ``frac = round(model / true)``; ``diff`` is simplified
   (``ratio=1``) and rounded again unless it is already constant while ``frac`` is not.
6. **Verdict**: a symbolic solution when ``diff`` prints as ``0``, or ``diff.is_constant()``,
   or ``frac.is_constant()`` (sympy's own test; its "undecided", ``None``, is "no", as SRBench's
   collation fills it). An exception anywhere is "no", as SRBench records it. ``frac`` is never
   simplified: for a scaled sum sympy 1.14 leaves ``is_constant()`` undecided, so
   ``3.12 * (a*b - c)`` against ``a*b - c`` is no (SRBench's 2022 competition evaluation,
   ``metrics/evaluation.py``, simplifies the ratio first and says yes; this is the rule of its
   ground-truth benchmark, whose rates the symbolic-solution counts are compared with).

Worked example (feynman-I.29.4, seed 1, true ``omega / c``): search found
``1.020683193 * (0.55 - sin(sqrt(pi)) / (c / -omega)) - 0.5613757562``, which is ``omega / c``
to ten digits. Rounded (1.02, 0.55, 0.561, pi 3.14), the pair ``1.02 * 0.55 - 0.561`` cancels at
three significant digits and the scale ``1.02 * sin(sqrt(3.14))`` is 1.0, so the model reads
``1.0 * omega / c``: the ratio is constant, a symbolic solution. Rounded to three decimals but
read as exact fractions (1.021, 0.561), the pair leaves an offset of 0.00055 and the scale is
1.0003: neither the difference nor the ratio is constant.

Where this module departs from SRBench's code, and why: the formula is never parsed from text
(the probe read it into a JSON tree in the sandbox, :mod:`sva.families.feynman.expression`, and
:func:`to_sympy` builds the expression node by node from a whitelist); SRBench's 2022 evaluation
stops ``simplify`` after 60 s with an alarm, for which this module has two cheaper guards that run
first: a tree of more than :data:`MAX_SYMBOLIC_NODES` nodes is not simplified (the answer is
unknown, ``None``), and when neither ``got - want`` nor ``got / want`` is constant on the held-out
points to within :data:`SCREEN` (relative) the answer is "no" without sympy. Rounding to three
significant digits moves a constant by at most 0.5%, so the screen can reject a formula SRBench
would accept only when rounded constants add up past 1% (the screen's value before the rule was
reproduced, kept so that no more wrong formulas reach a slow ``simplify``).

:func:`is_equal` is the stricter check behind the family's ``verified``: the formula, its numbers
exact (as rationals, ``pi`` exact) and its variables positive (every range is), simplifies to the
true one (a difference of zero, not a constant).
"""

from __future__ import annotations

import operator
from typing import Any, Callable

from sva.families.feynman.equations import Equation
from sva.families.feynman.expression import size

__all__ = ["MAX_SYMBOLIC_NODES", "PI", "R2_GATE", "SCREEN", "is_equal", "is_symbolic_solution", "round_floats",
           "srbench_symbolic", "to_sympy"]

SCREEN = 1e-2
MAX_SYMBOLIC_NODES = 150
#: SRBench checks a model symbolically only when its test R^2 is above this.
R2_GATE = 0.5
#: SRBench's pi: the text ``pi`` replaced by this number, in the model and the true formula.
PI = "3.1415926535"
_UNARY = ("neg", "sqrt", "exp", "sin", "cos", "log", "abs", "tanh", "asin", "acos")
_BINARY = ("add", "sub", "mul", "div", "pow")


def to_sympy(tree: Any, symbols: dict[str, Any], digits: int | None = None, *, floats: bool = False) -> Any:
    """The sympy expression of a tree; ValueError for a node outside the whitelist.

    Numbers are exact rationals (rounded to ``digits`` decimals first, when given) and ``pi`` is
    sympy's; with ``floats`` (SRBench's reading) numbers are sympy Floats and ``pi`` is :data:`PI`.
    A square root or log of a negative number is that of its magnitude: the tree's ``sqrt`` is
    the protected ``math.sqrt(abs(e))`` both generators write, so ``sqrt(abs(-0.25))`` is 1/2,
    never the imaginary ``I/2``."""
    if not isinstance(tree, list) or not tree or not isinstance(tree[0], str):
        raise ValueError(f"not an expression tree: {tree!r:.60}")
    kind = tree[0]
    leaf = _sympy_leaf(tree, symbols, digits, floats)
    if leaf is not None:
        return leaf
    if (kind in _UNARY and len(tree) == 2) or (kind in _BINARY and len(tree) == 3):
        return _sympy_operation(kind, [to_sympy(operand, symbols, digits, floats=floats) for operand in tree[1:]])
    raise ValueError(f"not a node the reader knows: {kind!r}")


def _sympy_leaf(tree: list[Any], symbols: dict[str, Any], digits: int | None, floats: bool) -> Any:
    """The sympy expression of a variable, a number or pi; None for any other node."""
    import sympy

    kind = tree[0]
    if kind == "var" and len(tree) == 2 and tree[1] in symbols:
        return symbols[tree[1]]
    if kind == "const" and len(tree) == 2 and isinstance(tree[1], (int, float)) and not isinstance(tree[1], bool):
        value = float(tree[1])
        if floats:
            return sympy.Float(value)
        # rounded, then exact: 1.0 is the integer 1, 0.318 is 159/500, so simplify can cancel
        return sympy.Rational(repr(round(value, digits) if digits is not None else value))
    if kind == "pi" and len(tree) == 1:
        return sympy.Float(PI) if floats else sympy.pi
    return None


def _protected(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``function`` of the magnitude of a negative number, else of its argument (PSQRT, PLOG)."""
    import sympy

    return lambda value: function(sympy.Abs(value) if value.is_number and value.is_negative else value)


def _sympy_operation(kind: str, operands: list[Any]) -> Any:
    """Operation ``kind`` (one of :data:`_UNARY` or :data:`_BINARY`) on sympy ``operands``."""
    import sympy

    functions = {"neg": operator.neg, "sqrt": _protected(sympy.sqrt), "exp": sympy.exp, "sin": sympy.sin,
                 "cos": sympy.cos, "log": _protected(sympy.log), "abs": sympy.Abs, "tanh": sympy.tanh,
                 "asin": sympy.asin, "acos": sympy.acos, "add": operator.add,
                 "sub": operator.sub, "mul": operator.mul, "div": operator.truediv, "pow": operator.pow}
    return functions[kind](*operands)


def round_floats(expression: Any) -> Any:
    """SRBench's rounding (step 3 of the module docstring): each float of ``expression``, in
    preorder, substituted by 0 (magnitude below 0.0001) or by itself rounded to three decimals
    and held at three significant digits. Integers and rationals are left as they are."""
    import sympy

    rounded = expression
    for node in sympy.preorder_traversal(expression):
        if isinstance(node, sympy.Float):
            rounded = rounded.subs(node, sympy.Integer(0) if abs(node) < 0.0001 else sympy.Float(round(node, 3), 3))
    return rounded


def srbench_symbolic(truth: Any, model: Any) -> bool:
    """SRBench's verdict (steps 3 to 6 of the module docstring) on two sympy expressions, the
    true formula and the model, both as SRBench reads them (step 2)."""
    import sympy

    try:
        model = sympy.simplify(round_floats(model), ratio=1)
        if str(model) in ("0", "nan"):
            return False
        truth = round_floats(truth)
        difference, fraction = round_floats(truth - model), round_floats(model / truth)
        if not difference.is_constant() or fraction.is_constant():
            difference = round_floats(sympy.simplify(difference, ratio=1))
        return bool(str(difference) == "0" or difference.is_constant() or fraction.is_constant())
    except Exception:  # SRBench records an exception as "no"
        return False


def _screened_out(difference_spread: float | None, ratio_spread: float | None) -> bool:
    """True when neither the difference nor the ratio is near constant on the held-out points."""
    screened = [spread for spread in (difference_spread, ratio_spread) if spread is not None]
    return not screened or min(screened) > SCREEN


def is_symbolic_solution(equation: Equation, tree: Any, difference_spread: float | None,
                         ratio_spread: float | None, r2: float | None = 1.0) -> bool | None:
    """SRBench's symbolic solution: True, False, or None (unknown: no tree, or too large to
    simplify). ``r2`` is the held-out R^2 of the gate (``None``: undefined, so no)."""
    if r2 is None or not r2 > R2_GATE or _screened_out(difference_spread, ratio_spread):
        return False
    if tree is None or size(tree) > MAX_SYMBOLIC_NODES:
        return None
    import sympy

    symbols = {name: sympy.Symbol(name) for name in equation.params}
    try:
        found = to_sympy(tree, symbols, floats=True)
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    truth = equation.formula(sympy, *(symbols[name] for name in equation.params)).subs(sympy.pi, sympy.Float(PI))
    return srbench_symbolic(truth, found)


def is_equal(equation: Equation, tree: Any, difference_spread: float | None) -> bool | None:
    """True when the formula *is* the true one: ``simplify(true - found) == 0`` with its numbers
    exact (not rounded). This is the family's ``verified``: a proof over the whole domain. None
    when unknown (no tree, too large); False without sympy when the held-out differences vary."""
    if difference_spread is None or difference_spread > 1e-9:
        return False
    if tree is None or size(tree) > MAX_SYMBOLIC_NODES:
        return None
    import sympy

    symbols = {name: sympy.Symbol(name, positive=True) for name in equation.params}
    try:
        found = to_sympy(tree, symbols)
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    truth = equation.formula(sympy, *(symbols[name] for name in equation.params))
    return bool(sympy.simplify(truth - found) == 0)
