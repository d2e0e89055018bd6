"""Reading a Python module back into the program IR, statically, from a family's primitives.

``sva factorize FILE`` and the ``factorized`` generator both start from source text: the module
is parsed with :mod:`ast` (never imported, never run) and every function body is matched against
the spec family's primitives, as the one emitter writes them. Each primitive's rendering is the
pattern: ``AND`` is written ``a and b``, so the pattern is that of
``render(Apply("AND", (Name("__arg0"), Name("__arg1"))))``; a node of the file is ``AND`` when
it has that shape, the placeholders matching any sub-expression (a placeholder used twice, as
in PSB's ``a / b if b != 0 else 0.0``, must match the same text twice). Larger patterns are
tried first, so ``len([x for x in xs if p])`` reads as ``COUNT_IF`` rather than
``LEN(FILTER(...))``. A chain ``a and b and c`` reads as ``AND(AND(a, b), c)``, a negative
number as one constant.

What is accepted: a module docstring, ``import M`` of a module the family's primitives import,
and functions with plain positional parameters whose bodies are a docstring, bindings
``name = expr``, primitives used as statements (``Do``), calls of earlier functions for their
effect, and a return. Names must be parameters, earlier bindings or names the primitives bind
themselves (a comprehension's ``x``); calls must be of functions defined earlier in the module
(so no recursion). Anything else is an :class:`~sva.errors.InputError` naming the file,
the line and the reason. Worked example: ``return a and not b`` with the Boolean primitives is
``Return(Apply("AND", (Name("a"), Apply("NOT", (Name("b"),)))))``; ``return abs(a)`` is
refused, ``abs`` being no Boolean primitive.
"""

from __future__ import annotations

import ast
from typing import Any, Mapping, TypeVar

from sva.core.program import (Apply, Bind, Call, Constant, Do, Expr, Function, Name, Perform, Program,
                                   Return, Statement, TupleOf)
from sva.errors import InputError

__all__ = ["implicit_names", "read_program"]

_PLACEHOLDER = "__arg"

_Node = TypeVar("_Node", bound=ast.AST)

#: ``(name, arity, pattern)`` of one primitive's rendering
_Pattern = tuple[str, int, ast.AST]


def _normalized(node: _Node) -> _Node:
    """``a and b and c`` as ``(a and b) and c`` (the IR's binary connectives)."""

    class Chains(ast.NodeTransformer):
        def visit_BoolOp(self, op: ast.BoolOp) -> ast.AST:
            self.generic_visit(op)
            values = op.values
            left = values[0]
            for right in values[1:]:
                left = ast.BoolOp(op=op.op, values=[left, right])
            return left

    return Chains().visit(node)


def _patterns(primitives: Mapping[str, Any]) -> tuple[list[_Pattern], list[_Pattern]]:
    """(expression patterns, statement patterns), each ``(name, arity, pattern)``, largest first."""
    import libcst as cst

    from sva.core.emitter import Renderer, render_expression

    expressions: list[_Pattern] = []
    statements: list[_Pattern] = []
    for name in sorted(primitives):
        primitive = primitives[name]
        args = tuple(Name(f"{_PLACEHOLDER}{index}") for index in range(primitive.arity))
        if primitive.render is not None:
            text = render_expression(Apply(name, args), primitives)
            expressions.append((name, primitive.arity, _normalized(ast.parse(text, mode="eval").body)))
        if primitive.statement is not None:
            text = cst.Module(body=[primitive.statement(args, Renderer(primitives))]).code
            statements.append((name, primitive.arity, ast.parse(text).body[0]))
    for found in (expressions, statements):
        found.sort(key=lambda item: (-sum(1 for _ in ast.walk(item[2])), item[0]))
    return expressions, statements


def _literal_names(patterns: list[_Pattern]) -> set[str]:
    return {node.id for _, _, pattern in patterns for node in ast.walk(pattern)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and not node.id.startswith(_PLACEHOLDER)}


def _match(pattern: Any, node: Any, bound: dict[int, ast.expr]) -> bool:
    if isinstance(pattern, ast.Name) and pattern.id.startswith(_PLACEHOLDER):
        index = int(pattern.id[len(_PLACEHOLDER):])
        if not isinstance(node, ast.expr):
            return False
        if index in bound:
            return ast.dump(bound[index]) == ast.dump(node)
        bound[index] = node
        return True
    if isinstance(pattern, list):
        return (isinstance(node, list) and len(pattern) == len(node)
                and all(_match(p, n, bound) for p, n in zip(pattern, node)))
    if isinstance(pattern, ast.AST):
        if type(pattern) is not type(node):
            return False
        return all(_match(value, getattr(node, field, None), bound)
                   for field, value in ast.iter_fields(pattern) if field not in ("type_comment", "kind"))
    return pattern == node


def _first_match(patterns: list[_Pattern], node: ast.AST) -> tuple[str, list[ast.expr]] | None:
    """The first (largest) pattern ``node`` has the shape of: its name and the sub-expressions
    in its placeholders, in order; None when none matches."""
    for name, arity, pattern in patterns:
        bound: dict[int, ast.expr] = {}
        if _match(pattern, node, bound) and len(bound) == arity:
            return name, [bound[index] for index in range(arity)]
    return None


def _constant(node: ast.expr) -> Constant | None:
    """A literal, or a negated number, as one constant; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (bool, int, float, str)):
        return Constant(node.value)
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant)
            and isinstance(node.operand.value, (int, float)) and not isinstance(node.operand.value, bool)):
        return Constant(-node.operand.value)
    return None


class _Reader:
    def __init__(self, filename: str, primitives: Mapping[str, Any], imports: tuple[str, ...]) -> None:
        self.filename = filename
        self.expressions, self.statements = _patterns(primitives)
        self.implicit = _literal_names(self.expressions) | _literal_names(self.statements)
        self.imports = imports
        self.functions: dict[str, int] = {}

    def fail(self, node: ast.AST | None, reason: str) -> InputError:
        line = f" line {node.lineno}:" if node is not None and hasattr(node, "lineno") else ""
        return InputError(f"{self.filename}:{line} {reason}")

    def expression(self, node: ast.expr, names: set[str]) -> Expr:
        constant = _constant(node)
        if constant is not None:
            return constant
        if isinstance(node, ast.Name):
            if node.id in names or node.id in self.implicit:
                return Name(node.id)
            raise self.fail(node, f"name {node.id!r} is neither a parameter nor a binding")
        if isinstance(node, ast.Tuple):
            return TupleOf(tuple(self.expression(item, names) for item in node.elts))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in self.functions:
            return self.call(node, node.func.id, names)
        found = _first_match(self.expressions, node)
        if found is not None:
            name, parts = found
            return Apply(name, tuple(self.expression(part, names) for part in parts))
        text = ast.unparse(node)
        raise self.fail(node, f"{text[:60]!r} is not made of the spec's primitives")

    def call(self, node: ast.Call, function: str, names: set[str]) -> Call:
        """A call of ``function``, defined earlier in the module, with plain positional arguments."""
        if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
            raise self.fail(node, f"the call of {function} must pass plain positional arguments")
        if len(node.args) != self.functions[function]:
            raise self.fail(node, f"{function} takes {self.functions[function]} arguments")
        return Call(function, tuple(self.expression(arg, names) for arg in node.args))

    def statement(self, node: ast.stmt, names: set[str]) -> Statement:
        if isinstance(node, ast.Return) and node.value is not None:
            return Return(self.expression(node.value, names))
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = self.expression(node.value, names)
            names.add(node.targets[0].id)
            return Bind(node.targets[0].id, value)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            call = self.expression(node.value, names)
            if isinstance(call, Call):
                return Perform(call)
        found = _first_match(self.statements, node)
        if found is not None:
            name, parts = found
            return Do(name, tuple(self.expression(part, names) for part in parts))
        raise self.fail(node, f"the statement {ast.unparse(node).splitlines()[0][:60]!r} is not made of the "
                              f"spec's primitives")

    def function(self, node: ast.FunctionDef) -> Function:
        arguments = node.args
        if (node.decorator_list or arguments.posonlyargs or arguments.vararg or arguments.kwonlyargs
                or arguments.kwarg or arguments.defaults or node.returns):
            raise self.fail(node, f"function {node.name} must have plain positional parameters and no decorators")
        params = tuple(arg.arg for arg in arguments.args)
        body = list(node.body)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]
        if not body:
            raise self.fail(node, f"function {node.name} has no statements")
        names = set(params)
        statements = tuple(self.statement(statement, names) for statement in body)
        self.functions[node.name] = len(params)
        return Function(node.name, params, statements)

    def program(self, source: str, entry: str) -> Program:
        try:
            module = ast.parse(source, filename=self.filename)
        except SyntaxError as error:
            raise InputError(f"{self.filename}: line {error.lineno}: not valid Python: {error.msg}") from None
        docstring = ast.get_docstring(module, clean=False) or ""
        module = _normalized(module)
        body = list(module.body)
        if docstring:
            body = body[1:]
        functions = []
        for node in body:
            if isinstance(node, ast.Import) and all(alias.name in self.imports and alias.asname is None
                                                    for alias in node.names):
                continue
            if not isinstance(node, ast.FunctionDef):
                raise self.fail(node, f"only functions (and imports of {', '.join(self.imports) or 'nothing'}) "
                                      f"may be at module level, not {ast.unparse(node).splitlines()[0][:50]!r}")
            if node.name in self.functions:
                raise self.fail(node, f"function {node.name} is defined twice")
            functions.append(self.function(node))
        if entry not in self.functions:
            raise self.fail(None, f"no function {entry} (the spec's entry) is defined")
        ordered = tuple(f for f in functions if f.name != entry) + tuple(f for f in functions if f.name == entry)
        return Program(docstring=" ".join(docstring.split()), functions=ordered, entry=entry)


def read_program(source: str, filename: str, entry: str, primitives: Mapping[str, Any],
                 imports: tuple[str, ...] = ()) -> Program:
    """The module ``source`` (named ``filename`` in messages) as a :class:`Program` whose entry is
    ``entry``, made only of ``primitives`` (a family's :class:`~sva.core.emitter.Primitive` s);
    an :class:`~sva.errors.InputError` naming the first thing that is not."""
    return _Reader(filename, primitives, imports).program(source, entry)


def implicit_names(primitives: Mapping[str, Any]) -> frozenset[str]:
    """The names the primitives' renderings bind themselves (PSB's comprehension variable ``x``):
    an expression naming one belongs inside its primitive and is never hoisted out of it."""
    expressions, statements = _patterns(primitives)
    return frozenset(_literal_names(expressions) | _literal_names(statements))
