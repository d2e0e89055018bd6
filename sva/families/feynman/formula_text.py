"""A formula given as text, read into the family's program without running it.

``sva analyze --formula TEXT --spec NAME`` and ``sva trust --formula TEXT --spec NAME`` score a
formula from the literature or from another symbolic-regression system on the same scale as
the artifacts sva builds: :func:`formula_program` reads the text into the program IR of
:mod:`sva.core.program`, the one emitter writes it as a module (the entry returns the formula,
as search's artifact does), and that module is analyzed and trusted like any other.

The text is untrusted. It is parsed with :mod:`ast` (``mode="eval"``) and walked node by node
through a whitelist; nothing is evaluated, compiled or handed to ``sympify``. What is read:

=====================================  ===========================================================
text                                   read as
=====================================  ===========================================================
a number (``4``, ``6.674e-11``)        a constant; ``-2.5`` is the constant -2.5
a spec variable (``q1``, ``epsilon``)  that parameter of the entry
``x1`` .. ``xn``                       the spec's variables by position, from 1 (SRBench's
                                       Operon and MRGP write them so)
``X0`` .. ``X(n-1)``                   the spec's variables by position, from 0 (gplearn's names)
``pi``                                 the family's ``PI`` (any primitive of no arguments, in
                                       lower case)
``a + b``, ``a - b``, ``a * b``,       ``ADD``, ``SUB``, ``MUL``, ``DIV``; ``-a`` is ``NEG``
``a / b``
``sqrt(a)``, ``exp(a)``, ``sin(a)``,   the family's primitive of that name in lower case (so
``cos(a)``                             gplearn's ``add(a, b)``, ``mul(a, b)``, ``neg(a)`` too);
                                       ``math.``, ``np.`` and ``numpy.`` prefixes are dropped;
                                       ``sqrt(abs(a))`` is ``sqrt(a)``, so every module the
                                       emitter writes reads back as the same formula
``inv(a)``                             ``1 / a`` (gplearn)
``a ** k``, ``a ^ k``                  ``a`` multiplied by itself: a whole ``k`` (at most
                                       :data:`MAX_POWER`) as a product, ``1 / product`` when
                                       negative; a half-whole ``k`` with one ``sqrt(a)``;
                                       ``square``, ``cube``, ``quart`` (SRBench) likewise
=====================================  ===========================================================

Variables are named one way in a formula: the spec's names or positions, not both (``x1`` is a
variable's own name in feynman-I.8.14, so ``x1*x3`` there would be ambiguous).

Powers become products because the primitive set has no power: the module is what either
generator would have to write for that formula, so its explanation length and phi are on the
scale of theirs (``x**2`` reads as ``x * x``: 3 nodes and no non-arithmetic operation).
Division and the square root are the family's (``math.sqrt(abs(a))``, the protected form both
generators write; SRBench reads protected operators as the plain ones).

Worked example, spec feynman-I.12.1 (``F = mu * Nn``): ``"x1*x2"``, ``"mu*Nn"`` and
``"mul(X0, X1)"`` all give ``return mu * Nn``. Refused, in one line that names the text, the
reason and the fix: ``"x1*y"`` (no variable ``y``), ``"log(mu)"`` (no primitive ``LOG``),
``"mu**0.3"`` (a power that is neither whole nor half-whole), ``"__import__('os')"`` (a
string, and a call of something not a primitive).
"""

from __future__ import annotations

import ast
import math
import re
from typing import Mapping

from sva.core.emitter import Primitive
from sva.core.program import Apply, Constant, Expr, Function, Name, Program, Return
from sva.core.spec import Spec
from sva.errors import InputError, one_line, syntax_reason

__all__ = ["MAX_CHARS", "MAX_NODES", "MAX_POWER", "formula_program", "read_formula"]

#: Longer texts are refused before parsing.
MAX_CHARS = 10_000
#: A formula of more IR nodes (powers expanded) is refused.
MAX_NODES = 2000
#: The largest whole exponent written out as a product.
MAX_POWER = 16

_BINARY = {ast.Add: "ADD", ast.Sub: "SUB", ast.Mult: "MUL", ast.Div: "DIV"}
_POWERS = {"square": 2, "cube": 3, "quart": 4}
_PREFIXES = ("math", "np", "numpy")
#: Other spellings of a function, tried when the text's own is not a primitive.
_ALIASES = {"ln": "log", "arcsin": "asin", "asin": "arcsin", "arccos": "acos", "acos": "arccos",
            "arctan": "atan", "atan": "arctan"}
_ONE_BASED = re.compile(r"x([1-9][0-9]*)")
_ZERO_BASED = re.compile(r"X(0|[1-9][0-9]*)")


class _Refused(Exception):
    """The text uses something outside the whitelist: (reason, fix)."""

    def __init__(self, reason: str, fix: str) -> None:
        super().__init__(reason)
        self.reason, self.fix = reason, fix


class _Reader:
    """One walk over one parsed formula; every method returns (IR expression, its node count)."""

    def __init__(self, spec: Spec, primitives: Mapping[str, Primitive]) -> None:
        self.spec = spec
        self.functions = {name.lower(): name for name, primitive in primitives.items()
                          if primitive.render is not None and primitive.arity > 0}
        self.constants = {name.lower(): name for name, primitive in primitives.items()
                          if primitive.render is not None and primitive.arity == 0}
        self.arity = {name: primitive.arity for name, primitive in primitives.items()}
        self.naming: set[str] = set()

    def expression(self, node: ast.AST) -> tuple[Expr, int]:
        if isinstance(node, ast.BinOp):
            return self.binary(node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            if isinstance(node.op, ast.UAdd):
                return self.expression(node.operand)
            if isinstance(node.operand, ast.Constant):
                value, size = self.expression(node.operand)
                assert isinstance(value, Constant) and isinstance(value.value, float)
                return Constant(-value.value), size
            return self.apply("NEG", [self.expression(node.operand)], "-a")
        if isinstance(node, ast.Constant):
            return Constant(_number(node.value)), 1
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.Attribute) and _function_name(node) in self.constants:
            return self.name(str(_function_name(node)))
        if isinstance(node, ast.Call):
            return self.call(node)
        raise _Refused(f"{_what(node)} is not part of a formula",
                       "write numbers, the spec's variables, + - * / ** and the primitives' functions")

    def binary(self, node: ast.BinOp) -> tuple[Expr, int]:
        if isinstance(node.op, (ast.Pow, ast.BitXor)):
            return self.power(self.expression(node.left), _exponent(node.right))
        if type(node.op) not in _BINARY:
            raise _Refused(f"the operator {_what(node)} is not a primitive", "use + - * / and **")
        return self.apply(_BINARY[type(node.op)], [self.expression(node.left), self.expression(node.right)],
                          "a + b")

    def name(self, name: str) -> tuple[Expr, int]:
        params = self.spec.params
        if name in params:
            self.naming.add("the spec's names")
            return Name(name), 1
        position = _position(name)
        if position is not None:
            self.naming.add("positions")
            if not 0 <= position < len(params):
                raise _Refused(f"{name} names variable {position + 1} of {len(params)}",
                               f"use x1..x{len(params)}, X0..X{len(params) - 1} or {', '.join(params)}")
            return Name(params[position]), 1
        if name in self.constants:
            return self.apply(self.constants[name], [], name)
        raise _Refused(f"no variable {name!r}",
                       f"use the spec's variables ({', '.join(params)}), x1..x{len(params)} or pi")

    def call(self, node: ast.Call) -> tuple[Expr, int]:
        name = _function_name(node.func)
        if node.keywords or any(isinstance(argument, ast.Starred) for argument in node.args):
            raise _Refused(f"{name or 'a call'} takes plain arguments", "write f(a) or f(a, b)")
        if name == "sqrt" and len(node.args) == 1 and _function_name(getattr(node.args[0], "func", None)) == "abs":
            node = ast.Call(node.func, list(getattr(node.args[0], "args", [])), [])  # the protected form reads as sqrt
        arguments = [self.expression(argument) for argument in node.args]
        if name in _POWERS and len(arguments) == 1:
            return self.power(arguments[0], float(_POWERS[name]))
        if name == "inv" and len(arguments) == 1:
            return self.apply("DIV", [(Constant(1.0), 1), arguments[0]], "1 / a")
        primitive = self.functions.get(name or "") or self.functions.get(_ALIASES.get(name or "", ""))
        if primitive is None:
            known = ", ".join(sorted(self.functions))
            raise _Refused(f"{name or _what(node.func)} is not a primitive of the spec's family",
                           f"use {known}")
        return self.apply(primitive, arguments, f"{name}(...)")

    def apply(self, primitive: str, arguments: list[tuple[Expr, int]], shown: str) -> tuple[Expr, int]:
        if primitive not in self.arity:
            raise _Refused(f"{shown} needs the primitive {primitive}, which the family does not have",
                           "rewrite the formula with the family's primitives")
        if self.arity[primitive] != len(arguments):
            raise _Refused(f"{primitive.lower()} takes {self.arity[primitive]} arguments, not {len(arguments)}",
                           f"give {primitive.lower()} {self.arity[primitive]}")
        size = 1 + sum(part for _, part in arguments)
        if size > MAX_NODES:
            raise _Refused(f"the formula has more than {MAX_NODES} nodes (powers written out)",
                           "give a shorter formula")
        return Apply(primitive, tuple(expr for expr, _ in arguments)), size

    def power(self, base: tuple[Expr, int], exponent: float) -> tuple[Expr, int]:
        """``base ** exponent`` as products, a square root and a reciprocal."""
        doubled = exponent * 2
        if doubled != round(doubled) or abs(exponent) > MAX_POWER:
            raise _Refused(f"the power {exponent:g} is not a whole or half-whole number up to {MAX_POWER}",
                           "write it with sqrt, exp and products")
        whole, half = divmod(abs(round(doubled)), 2)
        if whole == 0 and half == 0:
            return Constant(1.0), 1
        factors = [base] * whole + ([self.apply("SQRT", [base], "a ** 0.5")] if half else [])
        product = factors[0]
        for factor in factors[1:]:
            product = self.apply("MUL", [product, factor], "a ** k")
        return self.apply("DIV", [(Constant(1.0), 1), product], "a ** -k") if exponent < 0 else product


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Refused(f"the literal {one_line(repr(value), 40)} is not a number", "write numbers, names and operators")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise _Refused(f"the number {one_line(repr(value), 40)} is not finite", "write a finite constant")
    return number


def _exponent(node: ast.AST) -> float:
    """The value of a numeric exponent (``2``, ``-1``, ``1/2``, ``(3/2)``), never of a name."""
    if isinstance(node, ast.Constant):
        return _number(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _exponent(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.Mult, ast.Add, ast.Sub)):
        left, right = _exponent(node.left), _exponent(node.right)
        if isinstance(node.op, ast.Div):
            if right == 0:
                raise _Refused("an exponent divides by zero", "write the exponent as a number")
            return left / right
        return left * right if isinstance(node.op, ast.Mult) else left + right if isinstance(node.op, ast.Add) \
            else left - right
    raise _Refused("an exponent is not a number", "the primitives have no power: write exp, sqrt or products")


def _position(name: str) -> int | None:
    """The 0-based position a positional name stands for, else ``None``."""
    one = _ONE_BASED.fullmatch(name)
    if one:
        return int(one.group(1)) - 1
    zero = _ZERO_BASED.fullmatch(name)
    return int(zero.group(1)) if zero else None


def _function_name(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in _PREFIXES:
        return node.attr
    return None


def _what(node: ast.AST) -> str:
    """A few words naming a node for a reason."""
    if isinstance(node, ast.BinOp):
        return {ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
                ast.BitOr: "|", ast.BitAnd: "&"}.get(type(node.op), type(node.op).__name__)
    if isinstance(node, ast.Constant):
        return f"the literal {one_line(repr(node.value), 40)}"
    kind = type(node).__name__.lower()
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def read_formula(spec: Spec, text: str, primitives: Mapping[str, Primitive]) -> tuple[Expr, str]:
    """The formula ``text`` as an IR expression over ``spec``'s parameters, and the text as
    Python writes the parsed formula back (``ast.unparse``: spacing and parentheses normalised,
    no backslash or quote); an :class:`~sva.errors.InputError` (one line: the text, the reason,
    the fix) when it is not a formula."""
    shown = _shown(text)
    if not text.strip():
        raise InputError(f"formula {shown}: empty; give a formula such as x1*x2")
    if len(text) > MAX_CHARS:
        raise InputError(f"formula {shown}: {len(text)} characters, over {MAX_CHARS}; give a shorter formula")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        raise InputError(f"formula {shown}: {syntax_reason(error)}; write it as Python arithmetic") from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise InputError(f"formula {shown}: cannot be parsed ({one_line(error) if str(error) else type(error).__name__})"
                         "; give a shorter formula") from None
    reader = _Reader(spec, primitives)
    try:
        expr, _ = reader.expression(tree.body)
    except _Refused as refused:
        raise InputError(f"formula {shown}: {refused.reason}; {refused.fix}") from None
    except RecursionError:
        raise InputError(f"formula {shown}: too deeply nested; give a shorter formula") from None
    if len(reader.naming) > 1:
        raise InputError(f"formula {shown}: mixes the spec's variable names and positional names (x1.., X0..); "
                         f"use one kind: {', '.join(spec.params)}")
    return expr, ast.unparse(tree.body)


def formula_program(spec: Spec, text: str, primitives: Mapping[str, Primitive]) -> Program:
    """The module of a formula: one entry function, the spec's, returning the formula, with the
    spec's description as its story (as search's artifact has)."""
    expr, written = read_formula(spec, text, primitives)
    docstring = (f"{spec.name}: the formula {_shown(written)} given as text, read statically "
                 f"and written with the family's primitives.")
    return Program(docstring, (Function(spec.entry, spec.params, (Return(expr),), story=spec.description),),
                   spec.entry)
