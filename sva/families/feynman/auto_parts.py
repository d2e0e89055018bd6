"""The parts ``design-auto`` writes for a Feynman spec, and the contracts that test them.

Every part is a :class:`~sva.core.program.Function` over the spec's primitives only:

* the **scale** ``<output>_scale`` (a monomial of the inputs carrying the output's units) and
  each **group** (a dimensionless monomial), written with MUL and DIV; each has a
  :class:`UnitsContract`: rescaling every base unit by a factor drawn by Hypothesis multiplies
  the part by the factor its units say (a group: by 1, it is invariant) - what the dimensional
  analysis proved;
* each **factor** ``<group>_factor(g) = g**p * f(g)**q`` the fit chose, with a
  :class:`~sva.families.feynman.contract.FloatContract` over the group's training range that
  states its closed form and that it is finite;
* the **constant** ``law_constant()`` when the law has one other than 1;
* the **entry**: the scale times the constant times the factors (plus the offset), with a
  :class:`UnitsContract` of its own: the whole artifact is dimensionally homogeneous.

Powers are written with MUL, DIV and SQRT (``g**-1.5`` is ``1.0 / (g * math.sqrt(abs(g)))``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from sva.core.program import Apply, Constant, Expr, Function, Name, Return
from sva.families.feynman.units import BASE

__all__ = ["UnitsContract", "draw", "factor_text", "form_expr", "monomial_expr", "part", "power_expr", "range_of"]

_HEADER = "\nimport math\n"
_FACTOR = "st.floats(0.5, 2.0)"


def _op(name: str, *args: Expr) -> Apply:
    return Apply(name, args)


def power_expr(base: Expr, power: float) -> Expr:
    """``base ** power`` for a multiple of one half, with MUL, DIV and SQRT."""
    whole, half = int(abs(power)), abs(power) - int(abs(power)) == 0.5
    factors: list[Expr] = [base] * whole + ([_op("SQRT", base)] if half else [])
    if not factors:
        return Constant(1.0)
    product = factors[0]
    for factor in factors[1:]:
        product = _op("MUL", product, factor)
    return _op("DIV", Constant(1.0), product) if power < 0 else product


def monomial_expr(powers: Sequence[tuple[str, int]]) -> Expr:
    """``prod name ** power`` (integers) as numerator / denominator."""
    upper = [power_expr(Name(name), power) for name, power in powers if power > 0]
    lower = [power_expr(Name(name), -power) for name, power in powers if power < 0]

    def chain(items: list[Expr]) -> Expr:
        result = items[0]
        for item in items[1:]:
            result = _op("MUL", result, item)
        return result

    top = chain(upper) if upper else Constant(1.0)
    return _op("DIV", top, chain(lower)) if lower else top


_FORMS: Mapping[str, Callable[[Expr], Expr]] = {
    "1 - g": lambda g: _op("SUB", Constant(1.0), g), "g - 1": lambda g: _op("SUB", g, Constant(1.0)),
    "1 + g": lambda g: _op("ADD", Constant(1.0), g),
    "1 - g**2": lambda g: _op("SUB", Constant(1.0), _op("MUL", g, g)),
    "g**2 - 1": lambda g: _op("SUB", _op("MUL", g, g), Constant(1.0)),
    "1 + g**2": lambda g: _op("ADD", Constant(1.0), _op("MUL", g, g)),
    "exp(g)": lambda g: _op("EXP", g), "exp(g**2)": lambda g: _op("EXP", _op("MUL", g, g)),
    "exp(g) - 1": lambda g: _op("SUB", _op("EXP", g), Constant(1.0)),
    "sin(g)": lambda g: _op("SIN", g), "cos(g)": lambda g: _op("COS", g), "tanh(g)": lambda g: _op("TANH", g),
}


_INNER: Mapping[str, Callable[[Expr], Expr]] = {
    "g / 2": lambda g: _op("DIV", g, Constant(2.0)), "2 * g": lambda g: _op("MUL", Constant(2.0), g),
    "g / (2 * pi)": lambda g: _op("DIV", g, _op("MUL", Constant(2.0), Apply("PI", ()))),
    "2 * pi * g": lambda g: _op("MUL", _op("MUL", Constant(2.0), Apply("PI", ())), g),
}


def form_expr(text: str, g: Expr) -> Expr:
    """The IR of a form of :mod:`sva.families.feynman.auto_fit` applied to ``g`` (its inner
    constant, if any, written first: ``sin(g / 2)`` is ``SIN(DIV(g, 2.0))``)."""
    for inner, build in _INNER.items():
        if f"({inner})" in text:
            return _FORMS[text.replace(f"({inner})", "(g)")](build(g))
    return _FORMS[text](g)


def _python_power(base: str, power: float) -> str:
    if power == int(power):
        return f"({base}) ** {int(power)}"
    return f"abs({base}) ** {power!r}"


def factor_text(name: str, form: str | None, p: float, q: float) -> str:
    """The factor's closed form in Python over :mod:`math` (its contract's statement)."""
    pieces = [_python_power(name, p)] if p else []
    if form is not None and q:
        inner = re.sub(r"\b(exp|sin|cos|tanh|pi)\b", r"math.\1", re.sub(r"\bg\b", name, form))
        pieces.append(_python_power(inner, q))
    return " * ".join(pieces) or "1.0"


@dataclass(frozen=True)
class UnitsContract:
    """A part is homogeneous in the base units: with every input rescaled as its units say
    (``v`` by ``unit_m / unit_s``), the result is rescaled by the part's own units (a group: by
    1). ``units``: each parameter's vector; ``result_units``: the part's; ``draws``: each
    parameter's Hypothesis strategy (its training range)."""

    units: Mapping[str, tuple[int, ...]]
    result_units: tuple[int, ...]
    draws: Mapping[str, str]
    description: str

    def preamble(self) -> str:
        return _HEADER

    def _bases(self) -> list[int]:
        vectors = [*self.units.values(), self.result_units]
        return [index for index in range(len(BASE)) if any(vector[index] for vector in vectors)]

    @staticmethod
    def _rescaled(value: str, vector: Sequence[int], bases: Sequence[int]) -> str:
        factors = [f"unit_{BASE[i]} ** {vector[i]}" for i in bases if vector[i]]
        return " * ".join([value, *factors])

    def test_source(self, function: Function, max_examples: int) -> str:
        bases = self._bases()
        factors = [f"unit_{BASE[i]}" for i in bases]
        params = [*function.params, *factors]
        strategies = ", ".join([*(f"{p}={self.draws[p]}" for p in function.params), *(f"{f}={_FACTOR}" for f in factors)])
        moved = ", ".join(self._rescaled(p, self.units[p], bases) for p in function.params)
        expected = self._rescaled("result", self.result_units, bases)
        return (f"\n\n@settings(max_examples={max_examples}, derandomize=True, database=None, deadline=None)\n"
                f"@given({strategies})\n"
                f"def test_{function.name}({', '.join(params)}):\n"
                f'    """Contract of {function.name}: {self.description}"""\n'
                f"    result = artifact.{function.name}({', '.join(function.params)})\n"
                f"    rescaled = artifact.{function.name}({moved})\n"
                f"    assert math.isclose(rescaled, {expected}, rel_tol=1e-9, abs_tol=1e-12)\n")


def part(name: str, params: Sequence[str], value: Expr, story: str, contract: object) -> Function:
    """A one-statement part."""
    return Function(name, tuple(params), (Return(value),), story=story, contract=contract)


def draw(low: float, high: float) -> str:
    """The Hypothesis strategy of a training range."""
    return f"st.floats({float(low)!r}, {float(high)!r})"


def range_of(values: Sequence[float]) -> tuple[float, float]:
    """The range of ``values`` to six significant digits (a contract draws from it)."""
    return float(f"{min(values):.6g}"), float(f"{max(values):.6g}")
