"""A formula given as text, read into the family's program without running it.

``sva analyze --formula TEXT --spec NAME`` and ``sva trust --formula TEXT --spec NAME`` score a
formula from the literature or from another symbolic-regression system on the same scale as
the artifacts sva builds: :func:`formula_program` reads the text into the program IR of
:mod:`sva.core.program`, the one emitter writes it as a module (the entry returns the formula,
as search's artifact does), and that module is analyzed and trusted like any other.

The text is untrusted. It is read through the family's one whitelist
(:mod:`sva.families.feynman.formula`, whose table lists what is read) with the spec's
vocabulary, the *foreign* spellings on: the spec's variables by name or by position (``x1`` ..
``xn``, ``X0`` .. ``X(n-1)``), any primitive of the family in lower case (``sqrt``, gplearn's
``add(a, b)``; ``ln``, ``arcsin``, ``arctan`` as aliases), the family's primitives of no
arguments (``pi``), ``^``, ``math.``/``np.`` prefixes, ``inv``, ``square``, ``cube``, ``quart``.
The tree is then written with the primitives by the one tree writer
(:mod:`sva.families.feynman.formula_ir`, which the transcribed designs use too), as search's
artifact is: no named parts, and at most :data:`MAX_NODES` nodes once powers are written out.

Variables are named one way in a formula: the spec's names or positions, not both (``x1`` is a
variable's own name in feynman-I.8.14, so ``x1*x3`` there would be ambiguous).

Powers become products because the primitive set has no power: the module is what either
generator would have to write for that formula, so its explanation length and phi are on the
scale of theirs (``x**2`` reads as ``x * x``: 3 nodes and no non-arithmetic operation; a whole
or half-whole power up to :data:`MAX_POWER` is read).
Division and the square root are the family's (``math.sqrt(abs(a))``, the protected form both
generators write; SRBench reads protected operators as the plain ones).

Worked example, spec feynman-I.12.1 (``F = mu * Nn``): ``"x1*x2"``, ``"mu*Nn"`` and
``"mul(X0, X1)"`` all give ``return mu * Nn``. Refused, in one line that names the text, the
reason and the fix: ``"x1*y"`` (no variable ``y``), ``"atan(mu)"`` (no primitive ``ATAN``),
``"mu**0.3"`` (a power that is neither whole nor half-whole), ``"__import__('os')"`` (a
string, and a call of something not a primitive).
"""

from __future__ import annotations

import re
from functools import partial
from typing import Mapping

from sva.core.emitter import Primitive
from sva.core.program import Expr, Function, Program, Return
from sva.core.spec import Spec
from sva.errors import InputError
from sva.families.feynman.formula import FormulaError, Vocabulary, read
from sva.families.feynman.formula_ir import MAX_POWER, TreeWriter

__all__ = ["MAX_CHARS", "MAX_NODES", "MAX_POWER", "formula_program", "read_formula", "vocabulary"]

#: Longer texts are refused before parsing.
MAX_CHARS = 10_000
#: A formula of more IR nodes (powers expanded) is refused.
MAX_NODES = 2000

#: Other spellings of a function, read when the text's own is not a primitive.
_ALIASES = {"ln": "log", "arcsin": "asin", "asin": "arcsin", "arccos": "acos", "acos": "arccos",
            "arctan": "atan", "atan": "arctan"}
_ONE_BASED = re.compile(r"x([1-9][0-9]*)")
_ZERO_BASED = re.compile(r"X(0|[1-9][0-9]*)")


def vocabulary(spec: Spec, primitives: Mapping[str, Primitive]) -> Vocabulary:
    """What a user's formula for ``spec`` may write: the spec's variables by name (first) or by
    position, the written primitives in lower case (and their aliases), the foreign spellings."""
    params = spec.params
    positions = {f"x{k + 1}": name for k, name in enumerate(params)} | {f"X{k}": name for k, name in enumerate(params)}
    written = {name.lower(): primitive.arity for name, primitive in primitives.items() if primitive.render is not None}
    functions = {name: (name, arity) for name, arity in written.items() if arity > 0}
    functions |= {alias: functions[own] for alias, own in _ALIASES.items() if alias not in functions and own in functions}
    constants = {name: name for name, arity in written.items() if arity == 0}
    return Vocabulary(positions | {name: name for name in params}, functions, constants, foreign=True,
                      unknown=partial(_unknown, params))


def _unknown(params: tuple[str, ...], name: str) -> FormulaError:
    """The refusal of a name that is no variable: a position past the last, or nothing."""
    position = _position(name)
    if position is not None:
        return FormulaError(f"{name} names variable {position + 1} of {len(params)}",
                            f"use x1..x{len(params)}, X0..X{len(params) - 1} or {', '.join(params)}")
    return FormulaError(f"no variable {name!r}",
                        f"use the spec's variables ({', '.join(params)}), x1..x{len(params)} or pi")


def _position(name: str) -> int | None:
    """The 0-based position a positional name stands for, else ``None``."""
    one = _ONE_BASED.fullmatch(name)
    if one:
        return int(one.group(1)) - 1
    zero = _ZERO_BASED.fullmatch(name)
    return int(zero.group(1)) if zero else None


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
        reading = read(text, vocabulary(spec, primitives))
        expr = TreeWriter(primitives, MAX_NODES).expression(reading.tree)
    except FormulaError as refused:
        raise InputError(f"formula {shown}: {refused.reason}; {refused.fix}") from None
    except RecursionError:
        raise InputError(f"formula {shown}: too deeply nested; give a shorter formula") from None
    if reading.spellings & set(spec.params) and reading.spellings - set(spec.params):
        raise InputError(f"formula {shown}: mixes the spec's variable names and positional names (x1.., X0..); "
                         f"use one kind: {', '.join(spec.params)}")
    return expr, reading.written


def formula_program(spec: Spec, text: str, primitives: Mapping[str, Primitive]) -> Program:
    """The module of a formula: one entry function, the spec's, returning the formula, with the
    spec's description as its story (as search's artifact has)."""
    expr, written = read_formula(spec, text, primitives)
    docstring = (f"{spec.name}: the formula {_shown(written)} given as text, read statically "
                 f"and written with the family's primitives.")
    return Program(docstring, (Function(spec.entry, spec.params, (Return(expr),), story=spec.description),),
                   spec.entry)
