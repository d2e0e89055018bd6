"""``interpretability_phi``: Virgolin et al. 2020's learned formula of formula interpretability.

Virgolin, Alderliesten and Bosman (PPSN 2020) fitted, on people's ratings of formulas,

    phi = 100 x (0.00195041 n_nodes + 0.00502375 n_ops + 0.03351907 n_naops + 0.04472121 n_nacomp)

(lower is more interpretable), with the counts as GP-GOMEA's ``InterpretabilityPHIFitness``
defines them on an expression tree: ``n_nodes`` every node (operations and leaves), ``n_ops`` the
operations, ``n_naops`` the non-arithmetic operations, ``n_nacomp`` the most non-arithmetic
operations on one path from the root to a leaf (arithmetic nodes on the path neither add nor
reset the count). The formula itself is :func:`analyzer.core.pareto.phi`, shared with the
``search-parsimony`` generator's ``objective=phi``.

It applies to an **expression artifact**: a module whose only top-level function (imports and
a module docstring aside) has a body of one ``return <expression>`` (after an optional
docstring), the expression built only from the nodes below. Read on Python's ``ast``:

* leaves: a name, a literal, a dotted name such as ``math.pi``, a signed number literal (``-1.5``);
* arithmetic operations: binary ``+ - * /`` and unary ``-``/``+`` on anything but a literal;
* non-arithmetic operations, one each: every other binary operator (``** % // ^ & |`` ...),
  ``not`` and ``~``, ``x if c else y``, a call of a (dotted) name with positional arguments
  (``math.sqrt(abs(x))`` is two, nested), ``and``/``or`` with k operands (k - 1 operations,
  read left-associatively as Python evaluates them: the first operand under all k - 1, operand
  i under k - i), a comparison chain with k operators (k operations, the same way);
* a tuple of outputs returned together adds no node: its items are counted, n_nacomp the largest.

Anything else (a comprehension, a subscript, a lambda, keyword arguments, several statements,
helpers) is not one formula: ``interpretability_phi`` is ``None`` and :func:`formula_counts`
says why. Worked example: ``return z * (g * m)`` has 5 nodes, 2 operations, none non-arithmetic:
phi = 100 (0.00975205 + 0.0100475) = 1.979955; ``return math.sqrt(abs(x)) * y`` has 5 nodes, 3
operations, 2 non-arithmetic, n_nacomp 2: phi = 100 (0.00975205 + 0.01507125 + 0.06703814 +
0.08944242) = 18.130386.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from analyzer.core.pareto import PhiCounts
from analyzer.measure.registry import register

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
        if isinstance(node, (ast.Name, ast.Constant)) or (isinstance(node, ast.Attribute) and _dotted(node)):
            self.nodes += 1
            return 0
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, (ast.USub, ast.UAdd)) and isinstance(node.operand, ast.Constant) \
                    and isinstance(node.operand.value, (int, float)) and not isinstance(node.operand.value, bool):
                self.nodes += 1  # a signed number literal
                return 0
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
            self.operation(False, len(node.ops))
            operands = [node.left, *node.comparators]
            return max(len(node.ops) - max(index - 1, 0) + self.walk(operand)
                       for index, operand in enumerate(operands))
        if isinstance(node, ast.IfExp):
            self.operation(False)
            return 1 + max(self.walk(node.test), self.walk(node.body), self.walk(node.orelse))
        if isinstance(node, ast.Call):
            if node.keywords or not _dotted(node.func) or any(isinstance(arg, ast.Starred) for arg in node.args):
                raise _NotAFormula("a call with keywords, starred arguments or a computed function")
            self.operation(False)
            return 1 + max((self.walk(arg) for arg in node.args), default=0)
        raise _NotAFormula(f"a {type(node).__name__} node is not part of a formula")


def _returned(tree: ast.Module) -> ast.expr:
    functions = [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    others = [node for node in tree.body if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                  ast.Import, ast.ImportFrom))
              and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
    if len(functions) != 1 or others:
        raise _NotAFormula(f"{len(functions)} top-level functions and {len(others)} other statements; "
                           f"a formula is one function")
    body = list(functions[0].body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        raise _NotAFormula("the function's body is not one return of an expression")
    return body[0].value


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
