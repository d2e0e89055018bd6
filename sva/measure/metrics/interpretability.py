"""``interpretability_phi``: Virgolin et al. 2020's learned formula of formula interpretability.

Virgolin, Alderliesten and Bosman (PPSN 2020) fitted, on people's ratings of formulas,

    phi = 100 x (0.00195041 n_nodes + 0.00502375 n_ops + 0.03351907 n_naops + 0.04472121 n_nacomp)

(lower is more interpretable), with the counts as GP-GOMEA's ``InterpretabilityPHIFitness``
defines them on an expression tree: ``n_nodes`` every node (operations and leaves), ``n_ops`` the
operations, ``n_naops`` the non-arithmetic operations, ``n_nacomp`` the most non-arithmetic
operations on one path from the root to a leaf (arithmetic nodes on the path neither add nor
reset the count). The formula itself is :func:`sva.core.pareto.phi`, shared with the
``search-parsimony`` generator's ``objective=phi``.

It applies to an **expression artifact**: a module of functions only (imports and a module
docstring aside), each a plain function of positional parameters whose body is (after an
optional docstring) bindings of single names and one ``return <expression>``, calling each
other without recursion, with exactly one function that no other calls (the entry). phi is of
the formula the module computes: the entry's returned expression with every binding and every
call of a module function **inlined** (a helper's parameters replaced by the call's
arguments), so it measures the formula, not how it is split into parts: design's
``weight(m, g) * z`` with ``weight(m, g) = m * g`` has the phi of ``m * g * z``, the same as a
search artifact that writes the product at once (a binding used twice counts twice, as in the
tree search evolved). Read on Python's ``ast``:

* leaves: a name, a literal, a dotted name such as ``math.pi``, a signed number literal (``-1.5``);
* arithmetic operations: binary ``+ - * /`` and unary ``-``/``+`` on anything but a literal;
* non-arithmetic operations, one each: every other binary operator (``** % // ^ & |`` ...),
  ``not`` and ``~``, ``x if c else y``, a call of a (dotted) name with positional arguments
  (``math.sqrt(abs(x))`` is two, nested), ``and``/``or`` with k operands (k - 1 operations,
  read left-associatively as Python evaluates them: the first operand under all k - 1, operand
  i under k - i), a comparison chain with k operators (k operations, the same way);
* a tuple of outputs returned together adds no node: its items are counted, n_nacomp the largest.

Anything else (a comprehension, a subscript, a lambda, keyword arguments, a loop or any other
statement, recursion, two entries, more than :data:`MAX_INLINED_NODES` nodes once inlined) is
not one formula: ``interpretability_phi`` is ``None`` and :func:`formula_counts`
says why. Worked example: ``return z * (g * m)`` has 5 nodes, 2 operations, none non-arithmetic:
phi = 100 (0.00975205 + 0.0100475) = 1.979955; ``return math.sqrt(abs(x)) * y`` has 5 nodes, 3
operations, 2 non-arithmetic, n_nacomp 2: phi = 100 (0.00975205 + 0.01507125 + 0.06703814 +
0.08944242) = 18.130386.
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass

from sva.core.pareto import PhiCounts
from sva.measure.registry import register

__all__ = ["Interpretability", "formula_counts", "interpretability"]

_ARITHMETIC_BINARY = (ast.Add, ast.Sub, ast.Mult, ast.Div)


@dataclass(frozen=True)
class Interpretability:
    interpretability_phi: float | None


class _NotAFormula(Exception):
    pass


def _dotted(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


class _Counter:
    def __init__(self) -> None:
        self.nodes = self.ops = self.naops = 0

    def operation(self, arithmetic: bool, count: int = 1) -> None:
        self.nodes += count
        self.ops += count
        if not arithmetic:
            self.naops += count

    def chain(self, operands: list[ast.expr], arithmetic: bool) -> int:
        """k operands under k - 1 left-associative operations: operand i under k - max(i, 1)."""
        count = len(operands) - 1
        self.operation(arithmetic, count)
        weight = 0 if arithmetic else 1
        return max(weight * (count - max(index, 1) + 1) + self.walk(operand)
                   for index, operand in enumerate(operands))

    def walk(self, node: ast.expr) -> int:
        """Count ``node``; return the most non-arithmetic operations on a path below it (itself included)."""
        if _is_leaf(node):
            self.nodes += 1
            return 0
        if isinstance(node, ast.UnaryOp):
            arithmetic = isinstance(node.op, (ast.USub, ast.UAdd))
            self.operation(arithmetic)
            return (0 if arithmetic else 1) + self.walk(node.operand)
        if isinstance(node, ast.BinOp):
            arithmetic = isinstance(node.op, _ARITHMETIC_BINARY)
            self.operation(arithmetic)
            return (0 if arithmetic else 1) + max(self.walk(node.left), self.walk(node.right))
        if isinstance(node, ast.BoolOp):
            return self.chain(list(node.values), arithmetic=False)
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.IfExp):
            self.operation(False)
            return 1 + max(self.walk(node.test), self.walk(node.body), self.walk(node.orelse))
        if isinstance(node, ast.Call):
            return self.call(node)
        raise _NotAFormula(f"a {type(node).__name__} node is not part of a formula")

    def compare(self, node: ast.Compare) -> int:
        """A chain of k comparisons: k operations, operand i under k - max(i - 1, 0)."""
        self.operation(False, len(node.ops))
        operands = [node.left, *node.comparators]
        return max(len(node.ops) - max(index - 1, 0) + self.walk(operand)
                   for index, operand in enumerate(operands))

    def call(self, node: ast.Call) -> int:
        """A call of a (dotted) name with positional arguments: one operation over its arguments."""
        if node.keywords or not _dotted(node.func) or any(isinstance(arg, ast.Starred) for arg in node.args):
            raise _NotAFormula("a call with keywords, starred arguments or a computed function")
        self.operation(False)
        return 1 + max((self.walk(arg) for arg in node.args), default=0)


def _is_leaf(node: ast.expr) -> bool:
    """A name, a literal, a dotted name or a signed number literal (``-1.5``)."""
    if isinstance(node, (ast.Name, ast.Constant)) or (isinstance(node, ast.Attribute) and _dotted(node)):
        return True
    return (isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd))
            and isinstance(node.operand, ast.Constant) and isinstance(node.operand.value, (int, float))
            and not isinstance(node.operand.value, bool))


#: the most nodes a formula may have once its helpers and bindings are inlined (inlining can
#: grow a program exponentially: a binding used twice in each of k nested helpers)
MAX_INLINED_NODES = 100_000


def _body(function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[list[ast.Assign], ast.expr]:
    """A function's bindings and returned expression; :class:`_NotAFormula` unless its body is
    (an optional docstring,) single-name assignments and one ``return <expression>``."""
    arguments = function.args
    if isinstance(function, ast.AsyncFunctionDef) or function.decorator_list or arguments.vararg \
            or arguments.kwarg or arguments.kwonlyargs or arguments.posonlyargs or arguments.defaults:
        raise _NotAFormula(f"function {function.name} is not a plain function of positional parameters")
    body = list(function.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    last = body[-1] if body else None
    if not isinstance(last, ast.Return) or last.value is None:
        raise _NotAFormula(f"the body of {function.name} does not end in one return of an expression")
    bindings: list[ast.Assign] = []
    for statement in body[:-1]:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)):
            raise _NotAFormula(f"the body of {function.name} is not bindings of names and one return")
        bindings.append(statement)
    return bindings, last.value


class _Inliner:
    """The module's one formula: the entry (the one function no other calls) with every local
    binding and every call of a module function replaced by what it stands for."""

    def __init__(self, functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef]) -> None:
        self.functions = functions
        self.bodies = {name: _body(function) for name, function in functions.items()}
        self.nodes = 0
        self.active: list[str] = []

    def entry(self) -> str:
        called = {node.func.id for function in self.functions.values() for node in ast.walk(function)
                  if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in self.functions}
        entries = [name for name in self.functions if name not in called]
        if len(entries) != 1:
            raise _NotAFormula(f"{len(entries)} functions that no other calls; a formula has one entry")
        return entries[0]

    def expand(self, name: str, arguments: list[ast.expr]) -> ast.expr:
        if name in self.active:
            raise _NotAFormula(f"function {name} calls itself (directly or through helpers)")
        params = [argument.arg for argument in self.functions[name].args.args]
        if len(arguments) != len(params):
            raise _NotAFormula(f"function {name} is called with {len(arguments)} arguments for {len(params)} parameters")
        self.active.append(name)
        scope = dict(zip(params, arguments))
        bindings, returned = self.bodies[name]
        for binding in bindings:
            scope[binding.targets[0].id] = self.substitute(binding.value, scope)  # type: ignore[attr-defined]
        result = self.substitute(returned, scope)
        self.active.pop()
        return result

    def substitute(self, node: ast.expr, scope: dict[str, ast.expr]) -> ast.expr:
        if isinstance(node, ast.Name) and node.id in scope:
            return self._count(copy.deepcopy(scope[node.id]))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in self.functions:
            if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
                raise _NotAFormula(f"a call of {node.func.id} with keywords or starred arguments")
            return self.expand(node.func.id, [self.substitute(arg, scope) for arg in node.args])
        fresh = copy.copy(node)
        for field, value in ast.iter_fields(node):
            if isinstance(value, ast.expr):
                setattr(fresh, field, self.substitute(value, scope))
            elif isinstance(value, list):
                setattr(fresh, field, [self.substitute(item, scope) if isinstance(item, ast.expr) else item
                                       for item in value])
        return self._count(fresh, 1)

    def _count(self, node: ast.expr, nodes: int | None = None) -> ast.expr:
        self.nodes += sum(1 for _ in ast.walk(node)) if nodes is None else nodes
        if self.nodes > MAX_INLINED_NODES:
            raise _NotAFormula(f"more than {MAX_INLINED_NODES} nodes once helpers and bindings are inlined")
        return node


def _returned(tree: ast.Module) -> ast.expr:
    """The module's formula, helpers and bindings inlined (see the module docstring)."""
    functions = [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    others = [node for node in tree.body if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                  ast.Import, ast.ImportFrom))
              and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
    if not functions or others:
        raise _NotAFormula(f"{len(functions)} top-level functions and {len(others)} other statements; "
                           f"a formula is functions only")
    by_name = {function.name: function for function in functions}
    if len(by_name) != len(functions):
        raise _NotAFormula("a function defined twice")
    inliner = _Inliner(by_name)
    entry = inliner.entry()
    return inliner.expand(entry, [ast.Name(param.arg, ast.Load()) for param in by_name[entry].args.args])


def formula_counts(tree: ast.Module) -> tuple[PhiCounts | None, str | None]:
    """phi's counts of a module's formula, or ``(None, why it is not one formula)``."""
    try:
        expr = _returned(tree)
        counter = _Counter()
        outputs = expr.elts if isinstance(expr, ast.Tuple) else [expr]
        if not outputs:
            raise _NotAFormula("an empty tuple")
        deepest = max(counter.walk(output) for output in outputs)
    except _NotAFormula as reason:
        return None, str(reason)
    return PhiCounts(counter.nodes, counter.ops, counter.naops, deepest), None


@register("interpretability", Interpretability, order=200)
def interpretability(facts) -> Interpretability:
    """Virgolin et al. 2020's phi of an expression artifact (lower is more interpretable; None otherwise)."""
    counts, _ = formula_counts(facts.tree)
    return Interpretability(counts.phi if counts is not None else None)
