"""The transcribed design: the database's formula emitted as it stands, for the 108 equations
without a hand-written design.

A transcribed artifact is a *reference*, not a designer's work: nobody chose its named
sub-quantities, so the claims must not count it as design evidence (the spec says which kind
its design is: ``extra["design_kind"]``). It goes through the family's one emitter like every
artifact, composed of the spec's primitives only (the fair-comparison rule), from the formula's
tree (:mod:`sva.families.feynman.formula`), written by the family's one tree writer
(:mod:`sva.families.feynman.formula_ir`), which a user's formula given as text goes through too:

* ``+ - * /``, unary minus, ``sqrt``, ``exp``, ``sin``, ``cos``, ``ln``, ``tanh``, ``arcsin``,
  ``arccos`` and ``pi`` map to the primitive of the same meaning; numbers are written as they are;
* a whole power ``b**n`` is a product of n factors (``1 / (...)`` when n < 0) and ``b**(3/2)``
  is ``b * sqrt(b)``: the primitives have no power;

and the writer is extended with what a transcription adds:

* the formula's **named parts** are the quantities it raises to a power, when they are more
  than one variable: each becomes a helper ``part_<k>`` whose story gives its text, so
  ``(Z_1*Z_2*alpha*hbar*c/(4*E_n*sin(theta/2)**2))**2`` is ``part_1(...) * part_1(...)``
  rather than the long quotient written twice;
* a relativistic formula's ``sqrt(1-v**2/c**2)`` is the helper ``lorentz_contraction(v, c)``,
  whose story says it is the inverse of the Lorentz factor (nine of the formulas have it).

Worked example, I.13.12 ``G*m1*m2*(1/r2-1/r1)``: one entry returning
``G * m1 * m2 * (1 / r2 - 1 / r1)``, no helpers.
"""

from __future__ import annotations

from typing import Any

from sva.core.program import Call, Expr, Function, Name, Program, Return
from sva.core.spec import Spec
from sva.families.feynman.contract import FloatContract
from sva.families.feynman.formula import names_in
from sva.families.feynman.formula_ir import Sized, TreeWriter
from sva.families.feynman.primitives import PRIMITIVES

__all__ = ["transcribed"]

class _Writer(TreeWriter):
    """The formula tree written with the primitives, collecting the named parts as helpers."""

    def __init__(self, params: tuple[str, ...]) -> None:
        super().__init__(PRIMITIVES)
        self.params = params
        self.parts: list[Function] = []
        self.known: dict[str, Expr] = {}

    def sized(self, tree: list[Any]) -> Sized:
        speeds = _contraction(tree)
        if speeds is not None:
            return self.part(tree, "lorentz_contraction", f"sqrt(1 - {speeds[0]}^2/{speeds[1]}^2), the inverse "
                             f"of the Lorentz factor: dimensionless, in (0, 1] below the speed of light."), 1
        return super().sized(tree)

    def factor(self, tree: list[Any]) -> Sized:
        """A power's base: itself when a variable, a number or pi, else a named part."""
        return self.sized(tree) if tree[0] in ("var", "const", "pi") else (self.part(tree), 1)

    def part(self, tree: list[Any], name: str | None = None, story: str | None = None) -> Expr:
        """A call of the helper computing ``tree`` (made on first use): ``part_<k>`` with its text
        as its story unless the part has a physical ``name``."""
        key = repr(tree)
        if key not in self.known:
            params = tuple(name for name in self.params if name in names_in(tree))
            # a named part's value is the tree written out, not a call of itself; others make their own parts first
            value = super().sized(tree)[0] if name else self.expression(tree)
            name = name or f"part_{len(self.parts) + 1}"
            self.parts.append(Function(name, params, (Return(value),),
                                       story=story or f"{_text(tree)}: a part of the formula it raises to a power."))
            self.known[key] = Call(name, tuple(Name(param) for param in params))
        return self.known[key]


def _squared_name(tree: list[Any]) -> str | None:
    """``x`` when ``tree`` is ``x**2``."""
    return tree[1][1] if tree[0] == "pow" and tree[1][0] == "var" and tree[2] == ["const", 2] else None


def _contraction(tree: list[Any]) -> tuple[str, str] | None:
    """(v, c) when ``tree`` is ``sqrt(1-v**2/c**2)``, the database's inverse Lorentz factor."""
    if tree[0] != "sqrt" or tree[1][0] != "sub" or tree[1][1] != ["const", 1] or tree[1][2][0] != "div":
        return None
    speed, light = _squared_name(tree[1][2][1]), _squared_name(tree[1][2][2])
    return (speed, light) if speed and light else None


_LEVEL = {"add": 1, "sub": 1, "mul": 2, "div": 2, "neg": 3, "pow": 4}
_DATABASE_NAME = {"log": "ln", "asin": "arcsin", "acos": "arccos"}
_SYMBOL = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**"}


def _text(tree: list[Any], outer: int = 0, python: bool = False) -> str:
    """A tree written back as the database writes formulas, with the parentheses it needs (or,
    with ``python``, as Python over :mod:`math`: ``math.asin``, ``math.pi``)."""
    kind = tree[0]
    if kind in ("var", "const"):
        return str(tree[1])
    if kind == "pi":
        return "math.pi" if python else "pi"
    level = _LEVEL.get(kind, 5)
    if kind == "neg":
        text = f"-{_text(tree[1], level, python)}"
    elif kind in _SYMBOL:
        # the tree's grouping kept exactly: a right operand of its own level, and a power's base, in parentheses
        text = f"{_text(tree[1], level + (kind == 'pow'), python)}{_SYMBOL[kind]}{_text(tree[2], level + 1, python)}"
    else:
        function = f"math.{kind}" if python else _DATABASE_NAME.get(kind, kind)
        text = f"{function}({_text(tree[1], 0, python)})"
    return f"({text})" if level < outer else text


def _python(tree: list[Any]) -> str:
    """The tree as Python over :mod:`math` (the contract's statement of the formula)."""
    return _text(tree, python=True)


def _contract(spec: Spec, tree: list[Any]) -> FloatContract:
    """The entry's contract: it equals the database's formula on the training box."""
    equation = spec.extra["equation"]
    return FloatContract(f"math.isclose(result, {_python(tree)}, rel_tol=1e-9, abs_tol=1e-12)",
                         "equals the AI Feynman database's formula on the training ranges",
                         {v.name: f"st.floats({float(v.low)!r}, {float(v.high)!r})" for v in equation.variables})


def transcribed(spec: Spec) -> Program:
    """The design artifact of an equation without a hand-written design."""
    equation = spec.extra["equation"]
    writer = _Writer(spec.params)
    value = writer.expression(equation.tree)
    story = f"{spec.description} Transcribed from the database by construction: {equation.output} = {equation.text}."
    entry = Function(spec.entry, spec.params, (Return(value),), story=story,
                     contract=_contract(spec, equation.tree))
    return Program(f"{spec.name} transcribed: the AI Feynman database's formula {equation.text} emitted as it "
                   f"stands, a reference rather than a design (nobody chose its parts).",
                   (*writer.parts, entry), spec.entry)
