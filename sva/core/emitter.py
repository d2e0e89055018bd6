"""The one emitter: renders a :class:`~sva.core.program.Program` as Python source.

Both generators go through :func:`emit_program`, so a primitive is written the same way whoever
used it (the fair-comparison rule). How each primitive is written is stated once, by its family,
as a :class:`Primitive`: the Boolean family's ``AND`` is ``a and b``, ``IF(c, t, e)`` is
``t if c else e``; the sorting family's ``COMPARE_EXCHANGE`` is a statement::

    if wires[j] < wires[i]:
        wires[i], wires[j] = wires[j], wires[i]

The source is built as a libcst tree and printed by libcst, with every compound operand in
parentheses except the left operand of a chain of one operator (``a and b and c``), so the
tree's shape is visible and parsing the output and printing it again gives the same bytes.
An artifact imports nothing but the modules its primitives name (``Primitive.imports``), at the
top, sorted.

:func:`emit_tests` renders the artifact's own tests module from the functions' contracts.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Protocol

import libcst as cst

from sva.core.program import (Apply, Bind, Call, Constant, Contract, Do, Expr, Function, Name, Perform,
                                   Program, Return, TupleOf)

__all__ = ["ATOM", "CONDITIONAL", "OR", "AND", "NOT", "COMPARE", "BITOR", "XOR", "BITAND", "SUM",
           "PRODUCT", "UNARY", "POWER", "Primitive", "Renderer", "TestContract", "emit_program",
           "emit_tests", "render_expression"]

#: Python precedence levels, low to high, for the operators primitives render to; a renderer
#: returns its node's level so that operands are parenthesized by one rule.
CONDITIONAL, OR, AND, NOT, COMPARE, BITOR, XOR, BITAND, SUM, PRODUCT, UNARY, POWER, ATOM = range(1, 14)

_LINE_WIDTH = 96


@dataclass(frozen=True)
class Primitive:
    """How one primitive is written, stated by its family.

    ``render(args, renderer) -> (node, level)`` writes an expression primitive; ``statement``
    (instead) writes one used as a statement (``Do``) and returns a libcst statement. ``imports``
    are the modules the rendered code needs (``("math",)`` for ``math.sqrt``).
    """

    name: str
    arity: int
    render: Callable[[tuple[Expr, ...], "Renderer"], tuple[cst.BaseExpression, int]] | None = None
    statement: Callable[[tuple[Expr, ...], "Renderer"], cst.BaseStatement] | None = None
    imports: tuple[str, ...] = ()


def _parenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


class Renderer:
    """Renders IR expressions with one family's primitives; primitives' renderers call back into
    it for their operands. ``used`` collects the primitives met (for imports)."""

    def __init__(self, primitives: Mapping[str, Primitive]) -> None:
        self.primitives = primitives
        self.used: set[str] = set()

    def primitive(self, name: str, arity: int) -> Primitive:
        try:
            primitive = self.primitives[name]
        except KeyError:
            raise ValueError(f"the emitter has no rendering for primitive {name!r}") from None
        if arity != primitive.arity:
            raise ValueError(f"{name} takes {primitive.arity} arguments, got {arity}")
        self.used.add(name)
        return primitive

    def operand(self, expr: Expr, chain: int | None = None) -> cst.BaseExpression:
        """Render ``expr`` as an operand, in parentheses unless it is an atom (a name, constant
        or call) or continues a chain of the same left-associative operator (``chain``).

        This is more parentheses than precedence needs (``(a and b) or c``), for the reader;
        both generators get the same rule, and parentheses count for nothing in any measurement.
        """
        node, level = self.render(expr)
        if level == ATOM or (chain is not None and level == chain):
            return node
        return _parenthesized(node)

    def expression(self, expr: Expr) -> cst.BaseExpression:
        """Render ``expr`` as a whole expression (no parentheses of its own)."""
        return self.render(expr)[0]

    def render(self, expr: Expr) -> tuple[cst.BaseExpression, int]:
        """Render an expression; return the node and its precedence level."""
        if isinstance(expr, Name):
            return cst.Name(expr.id), ATOM
        if isinstance(expr, Constant):
            if isinstance(expr.value, bool):
                return cst.Name("True" if expr.value else "False"), ATOM
            return cst.parse_expression(repr(expr.value)), ATOM
        if isinstance(expr, Apply):
            primitive = self.primitive(expr.primitive, len(expr.args))
            if primitive.render is None:
                raise ValueError(f"primitive {expr.primitive} is a statement, not an expression")
            return primitive.render(expr.args, self)
        if isinstance(expr, Call):
            return cst.Call(cst.Name(expr.function), [cst.Arg(self.expression(arg)) for arg in expr.args]), ATOM
        if isinstance(expr, TupleOf):
            elements = [cst.Element(self.expression(item)) for item in expr.items]
            return cst.Tuple(elements, lpar=[cst.LeftParen()], rpar=[cst.RightParen()]), ATOM
        raise TypeError(f"not an expression of the program IR: {expr!r}")


def render_expression(expr: Expr, primitives: Mapping[str, Primitive]) -> str:
    """The source text of one expression (used by tests and diagnostics)."""
    return cst.Module(body=[]).code_for_node(Renderer(primitives).expression(expr))


def _docstring(text: str, indent: str) -> cst.SimpleStatementLine:
    """A docstring statement: wrapped to the line width, closing quotes on their own line."""
    if '"""' in text or "\\" in text:
        raise ValueError(f"a story may not contain triple quotes or backslashes: {text!r}")
    lines = textwrap.wrap(" ".join(text.split()), width=_LINE_WIDTH - len(indent) - 3, break_on_hyphens=False)
    if len(lines) <= 1:
        literal = f'"""{lines[0] if lines else ""}"""'
    else:
        literal = '"""' + lines[0] + "\n" + "".join(f"{indent}{line}\n" for line in lines[1:]) + indent + '"""'
    return cst.SimpleStatementLine([cst.Expr(cst.SimpleString(literal))])


def _statement(statement: Any, renderer: Renderer) -> cst.BaseStatement:
    if isinstance(statement, Do):
        primitive = renderer.primitive(statement.primitive, len(statement.args))
        if primitive.statement is None:
            raise ValueError(f"primitive {statement.primitive} is an expression, not a statement")
        return primitive.statement(statement.args, renderer)
    if isinstance(statement, Perform):
        return cst.SimpleStatementLine([cst.Expr(renderer.expression(statement.call))])
    if isinstance(statement, Bind):
        value = renderer.expression(statement.value)
        return cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(statement.target))], value)])
    if isinstance(statement, Return):
        return cst.SimpleStatementLine([cst.Return(renderer.expression(statement.value))])
    raise TypeError(f"not a statement of the program IR: {statement!r}")


def _function(function: Function, first: bool, renderer: Renderer) -> cst.FunctionDef:
    body: list[cst.BaseStatement] = []
    if function.story:
        body.append(_docstring(function.story, "    "))
    body.extend(_statement(statement, renderer) for statement in function.body)
    blank = [] if first else [cst.EmptyLine(), cst.EmptyLine()]
    return cst.FunctionDef(
        name=cst.Name(function.name),
        params=cst.Parameters([cst.Param(cst.Name(param)) for param in function.params]),
        body=cst.IndentedBlock(body),
        leading_lines=blank,
    )


def emit_program(program: Program, primitives: Mapping[str, Primitive]) -> str:
    """The artifact module's source: its docstring, the imports its primitives need, then each
    function, the entry last. ``primitives`` are the spec family's (``Family.primitives``)."""
    if not program.functions or program.functions[-1].name != program.entry:
        raise ValueError(f"the entry function {program.entry!r} must be the program's last function")
    renderer = Renderer(primitives)
    functions = [_function(function, first=False, renderer=renderer) for function in program.functions]
    imports = sorted({module for name in renderer.used for module in primitives[name].imports})
    body: list[cst.SimpleStatementLine | cst.BaseCompoundStatement] = [_docstring(program.docstring, "")]
    for index, module in enumerate(imports):
        body.append(cst.SimpleStatementLine([cst.Import([cst.ImportAlias(cst.Name(module))])],
                                            leading_lines=[cst.EmptyLine()] if index == 0 else []))
    for index, node in enumerate(functions):
        if index == 0:
            node = node.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
        body.append(node)
    return cst.Module(body=body).code


_TESTS_HEADER = '''"""Contracts of the parts of {artifact}: one property test per function that has one.

Generated with the artifact. Each test calls one function of the artifact directly and checks
it against the promise in its story, over inputs drawn by Hypothesis (derandomized).
"""

import importlib.util
import pathlib

from hypothesis import given, settings, strategies as st


def _load_artifact():
    """Load the artifact beside this file by path: its file name is not a module name."""
    path = pathlib.Path(__file__).with_name({artifact!r})
    spec = importlib.util.spec_from_file_location("artifact_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


artifact = _load_artifact()
'''

_TEST_FUNCTION = '''

@settings(max_examples={examples}, derandomize=True, database=None, deadline=None)
@given({strategies})
def test_{name}({params}):
    """Contract of {name}: {description}"""
    assert artifact.{name}({params}) == ({expected})
'''


class TestContract(Protocol):
    """A contract kind of a family's own (e.g. a function acting on a list in place): it writes
    its test function, and any helpers its tests share, itself."""

    description: str

    def preamble(self) -> str:
        """Source shared by every test of this kind (written once per tests module)."""

    def test_source(self, function: Function, max_examples: int) -> str:
        """The property test of ``function``'s contract."""


def emit_tests(program: Program, artifact_filename: str, strategies: dict[str, str],
               max_examples: int = 64) -> str:
    """The artifact's tests module: one Hypothesis property test per function with a contract.

    ``strategies`` maps each parameter name of a plain :class:`Contract` to the Hypothesis
    strategy expression that draws it (for the Boolean family, ``"st.booleans()"``). Any other
    contract is a :class:`TestContract` and writes its own test (once per kind, its preamble).
    """
    parts = [_TESTS_HEADER.format(artifact=artifact_filename)]
    preambles = dict.fromkeys(function.contract.preamble() for function in program.functions
                              if function.contract is not None and not isinstance(function.contract, Contract))
    parts.extend(text for text in preambles if text)
    for function in program.functions:
        if function.contract is None:
            continue
        if not isinstance(function.contract, Contract):
            parts.append(function.contract.test_source(function, max_examples))
            continue
        missing = [param for param in function.params if param not in strategies]
        if missing:
            raise ValueError(f"no strategy for parameters {missing} of {function.name}")
        parts.append(_TEST_FUNCTION.format(
            examples=max_examples,
            strategies=", ".join(f"{param}={strategies[param]}" for param in function.params),
            name=function.name,
            params=", ".join(function.params),
            description=function.contract.description,
            expected=function.contract.expected,
        ))
    source = "".join(parts)
    return cst.parse_module(source).code  # fails loudly if a contract is not valid Python
