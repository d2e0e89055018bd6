"""The one emitter: renders a :class:`~analyzer.generate.program.Program` as Python source.

Both generators go through :func:`emit_program`, so a primitive is written the same way whoever
used it (the fair-comparison rule): ``AND`` as ``a and b``, ``OR`` as ``a or b``, ``NOT`` as
``not a``, ``XOR`` as ``a ^ b``, ``IF(c, t, e)`` as ``t if c else e`` and ``COPY(v)`` as
``list(v)``; the ``COMPARE_EXCHANGE`` statement on wires ``i`` and ``j`` of a list as::

    if wires[j] < wires[i]:
        wires[i], wires[j] = wires[j], wires[i]

The source is built as a libcst tree and printed by libcst, with every compound operand in
parentheses except the left operand of a chain of one operator (``a and b and c``), so the
tree's shape is visible and parsing the output and printing it again gives the same bytes.
Emitted artifacts import nothing.

:func:`emit_tests` renders the artifact's own tests module from the functions' contracts.
"""

from __future__ import annotations

import textwrap
from typing import Callable

import libcst as cst

from analyzer.generate.program import (Apply, Bind, Call, CompareExchange, Constant, Expr, Function, Name,
                                       Perform, Program, Return, TupleOf, WiresContract)

# Python precedence levels, low to high, for the operators the primitives render to.
_CONDITIONAL, _OR, _AND, _NOT, _XOR, _ATOM = 1, 2, 3, 4, 5, 9

_LINE_WIDTH = 96


def _parenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _operand(expr: Expr, chain: int | None = None) -> cst.BaseExpression:
    """Render ``expr`` as an operand, in parentheses unless it is an atom (a name, constant or
    call) or continues a chain of the same left-associative operator (``chain``).

    This is more parentheses than precedence needs (``(a and b) or c``), for the reader; both
    generators get the same rule, and parentheses count for nothing in any measurement.
    """
    node, level = _render(expr)
    if level == _ATOM or (chain is not None and level == chain):
        return node
    return _parenthesized(node)


def _boolean(operator: Callable[[], cst.BaseBooleanOp], level: int):
    def render(args: tuple[Expr, ...]) -> tuple[cst.BaseExpression, int]:
        left, right = args
        return cst.BooleanOperation(_operand(left, level), operator(), _operand(right)), level

    return render


def _not(args: tuple[Expr, ...]) -> tuple[cst.BaseExpression, int]:
    (operand,) = args
    return cst.UnaryOperation(cst.Not(), _operand(operand, _NOT)), _NOT


def _xor(args: tuple[Expr, ...]) -> tuple[cst.BaseExpression, int]:
    left, right = args
    return cst.BinaryOperation(_operand(left, _XOR), cst.BitXor(), _operand(right)), _XOR


def _if(args: tuple[Expr, ...]) -> tuple[cst.BaseExpression, int]:
    condition, then, otherwise = args
    return cst.IfExp(test=_operand(condition), body=_operand(then), orelse=_operand(otherwise)), _CONDITIONAL


def _copy(args: tuple[Expr, ...]) -> tuple[cst.BaseExpression, int]:
    (operand,) = args
    return cst.Call(cst.Name("list"), [cst.Arg(_render(operand)[0])]), _ATOM


#: How each primitive is written. Adding a primitive to a family means adding it here, once.
PRIMITIVE_RENDERERS: dict[str, Callable[[tuple[Expr, ...]], tuple[cst.BaseExpression, int]]] = {
    "AND": _boolean(cst.And, _AND),
    "OR": _boolean(cst.Or, _OR),
    "NOT": _not,
    "XOR": _xor,
    "IF": _if,
    "COPY": _copy,
}

#: Arity of each primitive, for checks by generators.
PRIMITIVE_ARITY = {"AND": 2, "OR": 2, "NOT": 1, "XOR": 2, "IF": 3, "COPY": 1}


def _render(expr: Expr) -> tuple[cst.BaseExpression, int]:
    """Render an expression; return the node and its precedence level."""
    if isinstance(expr, Name):
        return cst.Name(expr.id), _ATOM
    if isinstance(expr, Constant):
        if isinstance(expr.value, bool):
            return cst.Name("True" if expr.value else "False"), _ATOM
        return cst.parse_expression(repr(expr.value)), _ATOM
    if isinstance(expr, Apply):
        try:
            renderer = PRIMITIVE_RENDERERS[expr.primitive]
        except KeyError:
            raise ValueError(f"the emitter has no rendering for primitive {expr.primitive!r}") from None
        if len(expr.args) != PRIMITIVE_ARITY[expr.primitive]:
            raise ValueError(f"{expr.primitive} takes {PRIMITIVE_ARITY[expr.primitive]} arguments, "
                             f"got {len(expr.args)}")
        return renderer(expr.args)
    if isinstance(expr, Call):
        return cst.Call(cst.Name(expr.function), [cst.Arg(_render(arg)[0]) for arg in expr.args]), _ATOM
    if isinstance(expr, TupleOf):
        elements = [cst.Element(_render(item)[0]) for item in expr.items]
        return cst.Tuple(elements, lpar=[cst.LeftParen()], rpar=[cst.RightParen()]), _ATOM
    raise TypeError(f"not an expression of the program IR: {expr!r}")


def render_expression(expr: Expr) -> str:
    """The source text of one expression (used by tests and diagnostics)."""
    return cst.Module(body=[]).code_for_node(_render(expr)[0])


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


def _wire(wires: str, position: Expr) -> cst.Subscript:
    return cst.Subscript(cst.Name(wires), [cst.SubscriptElement(cst.Index(_render(position)[0]))])


def _compare_exchange(statement: CompareExchange) -> cst.If:
    """``if w[j] < w[i]: w[i], w[j] = w[j], w[i]``: one comparison, a swap, no copies."""
    def low() -> cst.Subscript:
        return _wire(statement.wires, statement.low)

    def high() -> cst.Subscript:
        return _wire(statement.wires, statement.high)

    swap = cst.Assign(
        [cst.AssignTarget(cst.Tuple([cst.Element(low()), cst.Element(high())], lpar=[], rpar=[]))],
        cst.Tuple([cst.Element(high()), cst.Element(low())], lpar=[], rpar=[]),
    )
    test = cst.Comparison(high(), [cst.ComparisonTarget(cst.LessThan(), low())])
    return cst.If(test=test, body=cst.IndentedBlock([cst.SimpleStatementLine([swap])]))


def _statement(statement: Bind | Return | CompareExchange | Perform) -> cst.BaseStatement:
    if isinstance(statement, CompareExchange):
        return _compare_exchange(statement)
    if isinstance(statement, Perform):
        return cst.SimpleStatementLine([cst.Expr(_render(statement.call)[0])])
    if isinstance(statement, Bind):
        value = _render(statement.value)[0]
        return cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(statement.target))], value)])
    if isinstance(statement, Return):
        return cst.SimpleStatementLine([cst.Return(_render(statement.value)[0])])
    raise TypeError(f"not a statement of the program IR: {statement!r}")


def _function(function: Function, first: bool) -> cst.FunctionDef:
    body: list[cst.BaseStatement] = []
    if function.story:
        body.append(_docstring(function.story, "    "))
    body.extend(_statement(statement) for statement in function.body)
    blank = [] if first else [cst.EmptyLine(), cst.EmptyLine()]
    return cst.FunctionDef(
        name=cst.Name(function.name),
        params=cst.Parameters([cst.Param(cst.Name(param)) for param in function.params]),
        body=cst.IndentedBlock(body),
        leading_lines=blank,
    )


def emit_program(program: Program) -> str:
    """The artifact module's source: its docstring, then each function, the entry last."""
    if not program.functions or program.functions[-1].name != program.entry:
        raise ValueError(f"the entry function {program.entry!r} must be the program's last function")
    body: list[cst.BaseStatement] = [_docstring(program.docstring, "")]
    for index, function in enumerate(program.functions):
        node = _function(function, first=False)
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


_WIRES_HELPERS = '''
from hypothesis import Phase

#: A failing wires contract is reported as found, not shrunk: shrinking lists of positions is
#: slow and every mutant a contract kills would pay for it.
_NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)


def _wires_case(data, runs):
    """A list, the positions a helper acts on, and the sorted values they must end up holding.

    Each run of positions gets sorted values (the helper's precondition); the positions are
    drawn in any order among a few more list slots, which hold strings the helper must leave
    alone (comparing one with a number raises TypeError).
    """
    values = []
    for length in runs:
        values += sorted(data.draw(st.lists(st.integers(-50, 50), min_size=length, max_size=length)))
    slots = len(values) + data.draw(st.integers(0, 3))
    positions = data.draw(st.permutations(range(slots)))[:len(values)]
    wires = [f"untouched {slot}" for slot in range(slots)]
    for position, value in zip(positions, values):
        wires[position] = value
    return wires, positions, sorted(values)


def _others(wires, positions):
    return [value for slot, value in enumerate(wires) if slot not in positions]
'''

_WIRES_TEST_FUNCTION = '''

@settings(max_examples={examples}, derandomize=True, database=None, deadline=None, phases=_NO_SHRINK)
@given(data=st.data())
def test_{name}(data):
    """Contract of {name}: {description}"""
    wires, positions, expected = _wires_case(data, {runs!r})
    others = _others(wires, positions)
    artifact.{name}(wires, *positions)
    assert [wires[position] for position in positions] == expected
    assert _others(wires, positions) == others
'''


def emit_tests(program: Program, artifact_filename: str, strategies: dict[str, str],
               max_examples: int = 64) -> str:
    """The artifact's tests module: one Hypothesis property test per function with a contract.

    ``strategies`` maps each parameter name to the Hypothesis strategy expression that draws it
    (for the Boolean family, ``"st.booleans()"``). A function with a :class:`WiresContract`
    (``f(wires, p0, p1, ...)``, acting in place) needs none: its test draws the list and the
    positions itself, with sorted runs where the contract asks for them.
    """
    parts = [_TESTS_HEADER.format(artifact=artifact_filename)]
    if any(isinstance(function.contract, WiresContract) for function in program.functions):
        parts.append(_WIRES_HELPERS)
    for function in program.functions:
        if function.contract is None:
            continue
        if isinstance(function.contract, WiresContract):
            if sum(function.contract.runs) != len(function.params) - 1:
                raise ValueError(f"the runs {function.contract.runs} of {function.name} do not cover its "
                                 f"{len(function.params) - 1} position parameters")
            parts.append(_WIRES_TEST_FUNCTION.format(
                examples=max_examples, name=function.name, runs=tuple(function.contract.runs),
                description=function.contract.description))
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
