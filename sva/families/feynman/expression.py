"""An artifact's formula as a small expression tree, read from its syntax (nothing is run).

:func:`formula_tree` parses the module with :mod:`ast` and walks the entry function node by
node through a whitelist: a docstring, assignments to names and one ``return``; inside
expressions ``+ - * / **``, unary minus, numbers, parameters and bound names, ``math.pi``,
``math.sqrt/exp/sin/cos/log/tanh/asin/acos``, ``abs`` and calls of the module's own functions (inlined, their
arguments substituted). Anything else (a loop, a condition, another module) leaves the formula
unknown, with the reason. The tree is JSON data: ``["add", a, b]``, ``["var", "x"]``,
``["const", 1.5]``, ``["pi"]``; ``math.sqrt(abs(e))`` (the protected square root both
generators write) is ``["sqrt", e]``, as SRBench reads a protected operator as the plain one.

The probe builds the tree in the sandbox; the caller turns it into sympy
(:mod:`sva.families.feynman.symbolic`), again through a whitelist, never by ``sympify``.
"""

from __future__ import annotations

import ast
from typing import Any

__all__ = ["MAX_NODES", "formula_tree", "size"]

#: A formula larger than this (after inlining helpers) is left unknown.
MAX_NODES = 2000

_BINARY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow"}
_MATH = {"sqrt": "sqrt", "exp": "exp", "sin": "sin", "cos": "cos", "log": "log", "tanh": "tanh", "asin": "asin",
         "acos": "acos"}


class Unsupported(Exception):
    """The formula uses something outside the whitelist."""


def size(tree: Any) -> int:
    """Nodes of a tree."""
    if not isinstance(tree, list) or tree[0] in ("var", "const"):
        return 1
    return 1 + sum(size(child) for child in tree[1:])


class _Reader:
    def __init__(self, module: ast.Module) -> None:
        self.functions = {node.name: node for node in module.body if isinstance(node, ast.FunctionDef)}
        self.nodes = 0

    def function(self, name: str, arguments: list[Any], depth: int) -> Any:
        if depth > 20:
            raise Unsupported("helpers nested more than 20 deep (recursion?)")
        node = self.functions[name]
        params = [arg.arg for arg in node.args.args]
        if node.args.vararg or node.args.kwarg or node.args.kwonlyargs or node.args.defaults \
                or len(params) != len(arguments):
            raise Unsupported(f"{name} has a signature the reader does not follow")
        env = dict(zip(params, arguments))
        body = list(node.body)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]
        for statement in body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                    and isinstance(statement.targets[0], ast.Name):
                env[statement.targets[0].id] = self.expression(statement.value, env, depth)
            elif isinstance(statement, ast.Return) and statement.value is not None:
                return self.expression(statement.value, env, depth)
            else:
                raise Unsupported(f"{name} has a {type(statement).__name__} statement")
        raise Unsupported(f"{name} returns nothing")

    def expression(self, node: ast.AST, env: dict[str, Any], depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise Unsupported(f"the formula has more than {MAX_NODES} nodes")
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            return [_BINARY[type(node.op)], self.expression(node.left, env, depth),
                    self.expression(node.right, env, depth)]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.expression(node.operand, env, depth)
            return ["neg", inner] if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return ["const", float(node.value)]
        if isinstance(node, ast.Name):
            if node.id not in env:
                raise Unsupported(f"the name {node.id!r} is not a parameter or a bound name")
            return env[node.id]
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "math" \
                and node.attr == "pi":
            return ["pi"]
        if isinstance(node, ast.Call) and not node.keywords:
            return self.call(node, env, depth)
        raise Unsupported(f"a {type(node).__name__} expression")

    def call(self, node: ast.Call, env: dict[str, Any], depth: int) -> Any:
        function = node.func
        if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name) \
                and function.value.id == "math" and function.attr in _MATH and len(node.args) == 1:
            argument = node.args[0]
            if function.attr == "sqrt" and isinstance(argument, ast.Call) and isinstance(argument.func, ast.Name) \
                    and argument.func.id == "abs" and len(argument.args) == 1 and not argument.keywords:
                argument = argument.args[0]  # the protected square root reads as the plain one
            return [_MATH[function.attr], self.expression(argument, env, depth)]
        if isinstance(function, ast.Name) and function.id == "abs" and len(node.args) == 1:
            return ["abs", self.expression(node.args[0], env, depth)]
        if isinstance(function, ast.Name) and function.id in self.functions and function.id not in env:
            arguments = [self.expression(argument, env, depth) for argument in node.args]
            return self.function(function.id, arguments, depth + 1)
        raise Unsupported("a call of something other than math, abs or the module's own functions")


def formula_tree(source: str, entry: str) -> tuple[Any, str | None]:
    """(the entry's formula as a tree, None) or (None, why it cannot be read)."""
    try:
        module = ast.parse(source)
    except (SyntaxError, ValueError) as error:
        return None, f"the module does not parse: {error}"
    reader = _Reader(module)
    if entry not in reader.functions:
        return None, f"no module-level function {entry!r}"
    params = [arg.arg for arg in reader.functions[entry].args.args]
    try:
        return reader.function(entry, [["var", name] for name in params], 0), None
    except (Unsupported, RecursionError) as error:
        return None, f"the formula cannot be read symbolically: {error}"
