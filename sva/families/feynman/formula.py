"""A formula string read into an expression tree through one whitelist, and evaluated.

Two texts are read here, never run: the AI Feynman database's formulas (``exp(-theta**2/2)/sqrt(2*pi)``,
``arcsin(n*sin(theta2))``) by :func:`parse`, and a user's formula (``sva analyze|trust --formula
TEXT``, from the literature or another symbolic-regression system) by :func:`read` with the
spec's :class:`Vocabulary` (:mod:`sva.families.feynman.formula_text` builds it). Both parse with
:mod:`ast` (``mode="eval"``) and walk the nodes through one whitelist; nothing is evaluated,
compiled or handed to ``sympify``. What is read (*foreign* marks what only a user's text may
write: the spellings of other systems):

=====================================  ===========================================================
text                                   tree
=====================================  ===========================================================
a number (``4``, ``6.674e-11``)        ``["const", 4]``; foreign: a float, and ``-2.5`` is the
                                       constant -2.5 (the database's stays ``["neg", ...]``)
a variable (``q1``, ``epsilon``)       ``["var", "q1"]``; a user's ``x1`` .. ``xn`` (SRBench's
                                       Operon and MRGP) and ``X0`` .. ``X(n-1)`` (gplearn) are
                                       the spec's variables by position
``pi``                                 ``["pi"]`` (a user's: any primitive of no arguments, in
                                       lower case)
``a + b``, ``a - b``, ``a * b``,       ``["add", a, b]``, ``sub``, ``mul``, ``div``; ``-a`` is
``a / b``, ``a ** b``                  ``["neg", a]``, ``+a`` is ``a``, the power ``["pow", a, b]``
``sqrt(a)``, ``exp(a)``, ``ln(a)``,    ``["sqrt", a]``: the node kind is the primitive's name in
``arcsin(a)`` ...                      lower case (``ln`` is ``log``, ``arcsin`` ``asin``,
                                       ``arccos`` ``acos``); a user may call any primitive so
                                       (gplearn's ``add(a, b)``, ``neg(a)``)
foreign: ``a ^ b``, ``math.sqrt(a)``,  ``a ** b``; the ``math.``, ``np.``, ``numpy.`` prefixes
``sqrt(abs(a))``                       dropped; ``sqrt(abs(a))`` is ``sqrt(a)``, the protected
                                       form the emitter writes, so every module reads back
foreign: ``inv(a)``, ``square(a)``,    ``["div", ["const", 1.0], a]`` (gplearn); ``a ** 2.0``,
``cube(a)``, ``quart(a)``              ``a ** 3.0``, ``a ** 4.0`` (SRBench)
=====================================  ===========================================================

Anything else (an attribute, a subscript, a string, a name that is no variable) is refused with a
:class:`FormulaError` giving the reason and the fix. A power stays a ``pow`` node here;
:mod:`sva.families.feynman.formula_ir` writes it with the primitives (which have no power).

:func:`evaluate` computes a tree in a *namespace*: :mod:`math` for the oracle, sympy for the
symbolic check (the same text gives both). Whole numbers stay exact where the namespace has
exact integers (``sympy.Integer``), so ``d**(3/2)`` is ``d**Rational(3, 2)`` under sympy and
``d**1.5`` under math. Worked example::

    >>> tree = parse("m_0/sqrt(1-v**2/c**2)", ("m_0", "v", "c"))
    >>> tree[0], tree[2][0]
    ('div', 'sqrt')
    >>> import math; evaluate(tree, math, {"m_0": 1.0, "v": 3.0, "c": 5.0})
    1.25
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from sva.errors import one_line, syntax_reason

__all__ = ["FUNCTIONS", "FormulaError", "Reading", "Vocabulary", "evaluate", "names_in", "parse", "read"]

#: The database's function names -> the tree's node kind (also the math/sympy attribute, but asin/acos).
FUNCTIONS: dict[str, str] = {"sqrt": "sqrt", "exp": "exp", "sin": "sin", "cos": "cos", "tanh": "tanh",
                             "ln": "log", "log": "log", "arcsin": "asin", "arccos": "acos"}
_BINARY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow"}
_UNARY_KINDS = frozenset(FUNCTIONS.values()) | {"neg"}
#: Foreign one-argument forms of a power (SRBench) and the prefixes of a foreign function's module.
_POWERS = {"square": 2.0, "cube": 3.0, "quart": 4.0}
_PREFIXES = ("math", "np", "numpy")


class FormulaError(ValueError):
    """The text is not a formula the whitelist reads: ``reason``, then ``fix`` (``"reason; fix"``)."""

    def __init__(self, reason: str, fix: str) -> None:
        super().__init__(f"{reason}; {fix}")
        self.reason, self.fix = reason, fix


def _no_variable(name: str) -> FormulaError:
    return FormulaError(f"no variable {name!r}", "use the formula's variables, pi or a function")


@dataclass(frozen=True)
class Vocabulary:
    """What a reading accepts beyond arithmetic: each *spelling* of a variable -> the variable,
    of a function -> (node kind, arity), of a constant -> its node kind; ``foreign`` turns on
    the other systems' spellings of the table; ``unknown`` words the refusal of any other name."""

    variables: Mapping[str, str]
    functions: Mapping[str, tuple[str, int]]
    constants: Mapping[str, str]
    foreign: bool = False
    unknown: Callable[[str], FormulaError] = field(default=_no_variable)


@dataclass(frozen=True)
class Reading:
    """A text read: its ``tree``, the variable ``spellings`` it used, and the text as Python
    writes the parsed formula back (``ast.unparse``: spacing and parentheses normalised)."""

    tree: list[Any]
    spellings: frozenset[str]
    written: str


def database_vocabulary(variables: Sequence[str]) -> Vocabulary:
    """The database's: its variables by name, :data:`FUNCTIONS`, ``pi``."""
    return Vocabulary({name: name for name in variables}, {name: (kind, 1) for name, kind in FUNCTIONS.items()},
                      {"pi": "pi"})


def parse(text: str, variables: Sequence[str]) -> list[Any]:
    """The tree of the database's ``text`` over ``variables``; :class:`FormulaError` for anything else."""
    try:
        return read(text, database_vocabulary(variables)).tree
    except FormulaError as error:
        raise FormulaError(f"{text!r}: {error.reason}", error.fix) from None


def read(text: str, vocabulary: Vocabulary) -> Reading:
    """``text`` read through the whitelist with ``vocabulary``; :class:`FormulaError` for anything else."""
    try:
        body = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as error:
        raise FormulaError(syntax_reason(error), "write it as Python arithmetic") from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise FormulaError(f"cannot be parsed ({one_line(error)})", "give a shorter formula") from None
    reader = _Reader(vocabulary)
    try:
        tree = reader.read(body)
    except RecursionError:
        raise FormulaError("too deeply nested", "give a shorter formula") from None
    return Reading(tree, frozenset(reader.spellings), ast.unparse(body))


class _Reader:
    """One walk over one parsed text, collecting the variable spellings it meets."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.spellings: set[str] = set()

    def read(self, node: ast.AST) -> list[Any]:
        if isinstance(node, ast.BinOp):
            return self.binary(node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            if isinstance(node.op, ast.UAdd):
                return self.read(node.operand)
            if self.vocabulary.foreign and isinstance(node.operand, ast.Constant):
                return ["const", -self.number(node.operand.value)]
            return ["neg", self.read(node.operand)]
        if isinstance(node, ast.Constant):
            return ["const", self.number(node.value)]
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.Attribute) and self.function_name(node) in self.vocabulary.constants:
            return [self.vocabulary.constants[str(self.function_name(node))]]
        if isinstance(node, ast.Call):
            return self.call(node)
        raise FormulaError(f"{_what(node)} is not part of a formula",
                           "write numbers, the spec's variables, + - * / ** and the primitives' functions")

    def binary(self, node: ast.BinOp) -> list[Any]:
        kind = "pow" if isinstance(node.op, ast.BitXor) and self.vocabulary.foreign else _BINARY.get(type(node.op))
        if kind is None:
            raise FormulaError(f"the operator {_what(node)} is not a primitive", "use + - * / and **")
        return [kind, self.read(node.left), self.read(node.right)]

    def number(self, value: object) -> Any:
        """A literal that is a finite number (a float when foreign), refused otherwise."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FormulaError(f"the literal {one_line(repr(value), 40)} is not a number",
                               "write numbers, names and operators")
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            raise FormulaError(f"the number {one_line(repr(value), 40)} is not finite", "write a finite constant")
        return number if self.vocabulary.foreign else value

    def name(self, name: str) -> list[Any]:
        vocabulary = self.vocabulary
        if name in vocabulary.variables:
            self.spellings.add(name)
            return ["var", vocabulary.variables[name]]
        if name in vocabulary.constants:
            return [vocabulary.constants[name]]
        raise vocabulary.unknown(name)

    def call(self, node: ast.Call) -> list[Any]:
        name = self.function_name(node.func)
        if node.keywords or any(isinstance(argument, ast.Starred) for argument in node.args):
            raise FormulaError(f"{name or 'a call'} takes plain arguments", "write f(a) or f(a, b)")
        if self.vocabulary.foreign and name == "sqrt" and len(node.args) == 1 \
                and self.function_name(getattr(node.args[0], "func", None)) == "abs":
            node = ast.Call(node.func, list(getattr(node.args[0], "args", [])), [])  # the protected form reads as sqrt
        arguments = [self.read(argument) for argument in node.args]
        if self.vocabulary.foreign and len(arguments) == 1 and name in (*_POWERS, "inv"):
            return ["div", ["const", 1.0], arguments[0]] if name == "inv" else \
                ["pow", arguments[0], ["const", _POWERS[name]]]
        return self.function(name or _what(node.func), arguments)

    def function(self, name: str, arguments: list[list[Any]]) -> list[Any]:
        """The node of a call of the function spelled ``name``."""
        functions = self.vocabulary.functions
        if name not in functions:
            kinds = sorted({kind for kind, _ in functions.values()})
            raise FormulaError(f"{name} is not a primitive of the spec's family", f"use {', '.join(kinds)}")
        kind, arity = functions[name]
        if arity != len(arguments):
            raise FormulaError(f"{kind} takes {arity} arguments, not {len(arguments)}", f"give {kind} {arity}")
        return [kind, *arguments]

    def function_name(self, node: ast.AST | None) -> str | None:
        """``f`` for ``f``, and when foreign for ``math.f``, ``np.f``, ``numpy.f``."""
        if isinstance(node, ast.Name):
            return node.id
        if self.vocabulary.foreign and isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in _PREFIXES:
            return node.attr
        return None


def _what(node: ast.AST) -> str:
    """A few words naming a node for a reason."""
    if isinstance(node, ast.BinOp):
        return {ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
                ast.BitOr: "|", ast.BitAnd: "&", ast.BitXor: "^"}.get(type(node.op), type(node.op).__name__)
    if isinstance(node, ast.Constant):
        return f"the literal {one_line(repr(node.value), 40)}"
    kind = type(node).__name__.lower()
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def names_in(tree: list[Any]) -> set[str]:
    """The variables a tree uses."""
    if tree[0] == "var":
        return {tree[1]}
    if tree[0] == "const":
        return set()
    return set().union(*(names_in(child) for child in tree[1:]))


def evaluate(tree: list[Any], ns: Any, values: Mapping[str, Any]) -> Any:
    """The tree's value in namespace ``ns`` (:mod:`math` or sympy) with the variables' ``values``."""
    kind = tree[0]
    if kind == "var":
        return values[tree[1]]
    if kind == "const":
        value = tree[1]
        return ns.Integer(value) if isinstance(value, int) and hasattr(ns, "Integer") else value
    if kind == "pi":
        return ns.pi
    operands = [evaluate(child, ns, values) for child in tree[1:]]
    if kind in _UNARY_KINDS:
        return -operands[0] if kind == "neg" else getattr(ns, kind)(operands[0])
    left, right = operands
    if kind == "add":
        return left + right
    if kind == "sub":
        return left - right
    if kind == "mul":
        return left * right
    if kind == "div":
        return left / right
    return left ** right


#: A compiled tree: its value in a namespace for positional variable values.
Compiled = Callable[[Any, Sequence[Any]], Any]
_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "add": lambda left, right: left + right, "sub": lambda left, right: left - right,
    "mul": lambda left, right: left * right, "div": lambda left, right: left / right,
    "pow": lambda left, right: left ** right}


def compiled(tree: list[Any], params: Sequence[str]) -> Compiled:
    """:func:`evaluate` of ``tree`` walked once into nested closures over the values of
    ``params`` by position: the same operations in the same order (so the same floats), without
    a walk and a dictionary per call. The 120 specs evaluate their oracle on a thousand held-out
    points each when built, in every process that loads the family, sandboxed ones included."""
    return _compiled(tree, {name: index for index, name in enumerate(params)})


def _compiled(tree: list[Any], index: Mapping[str, int]) -> Compiled:
    kind = tree[0]
    if kind == "var":
        position = index[tree[1]]
        return lambda ns, values: values[position]
    if kind == "const":
        value = tree[1]
        if isinstance(value, int):
            return lambda ns, values: ns.Integer(value) if hasattr(ns, "Integer") else value
        return lambda ns, values: value
    if kind == "pi":
        return lambda ns, values: ns.pi
    operands = [_compiled(child, index) for child in tree[1:]]
    if kind == "neg":
        return lambda ns, values: -operands[0](ns, values)
    if kind in _UNARY_KINDS:
        return lambda ns, values: getattr(ns, kind)(operands[0](ns, values))
    operation, (left, right) = _OPERATORS[kind], operands
    return lambda ns, values: operation(left(ns, values), right(ns, values))
