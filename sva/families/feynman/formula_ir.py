"""A formula's tree written as the program IR with the family's primitives: the one place a
power becomes products.

The tree (:mod:`sva.families.feynman.formula`) names each node by its primitive in lower case
(``["sqrt", a]`` is ``SQRT``, ``["pi"]`` is ``PI``), so :class:`TreeWriter` maps a node to
``Apply(NAME, children)``, a variable to ``Name``, a number to ``Constant`` (as written: ``2``
stays an int, ``2.0`` a float). The one node without a primitive is ``pow``: the primitives have
no power, so ``b ** k`` is written as what either generator would have to write for it, which
keeps a formula's explanation length and phi on the scale of theirs:

* the exponent must be a number: a constant, or arithmetic of constants (``(3/2)``, ``-1``);
* a whole ``k`` (at most :data:`MAX_POWER`) is the product of ``|k|`` factors, left to right
  (``b**3`` is ``(b * b) * b``); a half-whole ``k`` adds one ``sqrt(b)`` factor (``b**1.5`` is
  ``b * sqrt(b)``, ``b**0.5`` is ``sqrt(b)``);
* a negative ``k`` is ``1 / product``, ``k = 0`` is ``1`` (the 1 of the exponent's type).

Worked example: ``Pwr/(4*pi*r**2)`` is ``DIV(Pwr, MUL(MUL(4, PI), MUL(r, r)))``, 9 nodes.

A user's formula gets a ``max_nodes`` bound (a nest of powers grows geometrically); the
transcribed designs (:mod:`sva.families.feynman.transcribe`) extend the writer with their named
parts.
"""

from __future__ import annotations

from typing import Any, Mapping

from sva.core.emitter import Primitive
from sva.core.program import Apply, Constant, Expr, Name
from sva.families.feynman.formula import FormulaError

__all__ = ["MAX_POWER", "TreeWriter", "exponent_value"]

#: The largest whole exponent written out as a product.
MAX_POWER = 16

Sized = tuple[Expr, int]


class TreeWriter:
    """Writes trees as IR expressions with ``primitives``; every method returns (expression,
    its node count), and :class:`FormulaError` refuses a count over ``max_nodes``."""

    def __init__(self, primitives: Mapping[str, Primitive], max_nodes: int | None = None) -> None:
        self.names = {name.lower(): name for name in primitives}
        self.max_nodes = max_nodes

    def expression(self, tree: list[Any]) -> Expr:
        return self.sized(tree)[0]

    def sized(self, tree: list[Any]) -> Sized:
        kind = tree[0]
        if kind == "var":
            return Name(tree[1]), 1
        if kind == "const":
            return Constant(tree[1]), 1
        if kind == "pow":
            return self.power(self.factor(tree[1]), exponent_value(tree[2]))
        return self.apply(kind, [self.sized(child) for child in tree[1:]])

    def factor(self, tree: list[Any]) -> Sized:
        """The base of a power, as it is repeated in the product."""
        return self.sized(tree)

    def apply(self, kind: str, arguments: list[Sized]) -> Sized:
        primitive = self.names.get(kind)
        if primitive is None:
            raise FormulaError(f"the formula needs the primitive {kind.upper()}, which the family does not have",
                               "rewrite the formula with the family's primitives")
        size = 1 + sum(part for _, part in arguments)
        if self.max_nodes is not None and size > self.max_nodes:
            raise FormulaError(f"the formula has more than {self.max_nodes} nodes (powers written out)",
                               "give a shorter formula")
        return Apply(primitive, tuple(expr for expr, _ in arguments)), size

    def power(self, base: Sized, exponent: int | float) -> Sized:
        """``base ** exponent`` as products, a square root and a reciprocal."""
        if not abs(exponent) <= MAX_POWER or exponent * 2 != round(exponent * 2):
            raise FormulaError(f"the power {exponent:g} is not a whole or half-whole number up to {MAX_POWER}",
                               "write it with sqrt, exp and products")
        whole, half = divmod(abs(round(exponent * 2)), 2)
        one = type(exponent)(1)
        if whole == 0 and half == 0:
            return Constant(one), 1
        factors = [base] * whole + ([self.apply("sqrt", [base])] if half else [])
        product = factors[0]
        for factor in factors[1:]:
            product = self.apply("mul", [product, factor])
        return self.apply("div", [(Constant(one), 1), product]) if exponent < 0 else product


def exponent_value(tree: list[Any]) -> int | float:
    """The value of a numeric exponent (``2``, ``-1``, ``1/2``, ``(3/2)``), never of a name."""
    kind = tree[0]
    if kind == "const":
        return tree[1]
    if kind == "neg":
        return -exponent_value(tree[1])
    if kind in ("add", "sub", "mul", "div"):
        left, right = exponent_value(tree[1]), exponent_value(tree[2])
        if kind == "div":
            if right == 0:
                raise FormulaError("an exponent divides by zero", "write the exponent as a number")
            return left / right
        return left + right if kind == "add" else left - right if kind == "sub" else left * right
    raise FormulaError("an exponent is not a number", "the primitives have no power: write exp, sqrt or products")
