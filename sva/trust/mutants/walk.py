"""The walk behind :mod:`sva.trust.mutants.generation`: where each operator applies, and what it writes.

:class:`Walk` makes one pass over a libcst tree (an explicit stack, so deep input does not
recurse) and collects a :class:`Candidate` per (node, operator, replacement text), in source
order of the node (an enclosing node before the nodes it contains), then in the order of
:data:`sva.trust.mutants.generation.OPERATORS`. On the way in, each node marks which of its children
are never mutated (docstrings, annotations, decorators, class headers, parameters, callees,
attribute and keyword names, binding targets, imports, f-strings, ``match`` patterns), which
are a call's or a display's siblings, and which are conditions; it tracks the innermost
enclosing ``def`` (the mutant's ``function``), the name a simple assignment binds (its
``binding``) and the innermost statement (what :mod:`sva.trust.mutants.generation` reparses to check
the splice).

Replacement text is rendered from the tree itself: a non-atomic replacement is parenthesized,
and operands are parenthesized where a swapped operator binds differently (Python's
precedence), so a mutant always means what its operator says. Nothing here
checks that a splice compiles; the caller does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator

import libcst as cst

__all__ = ["Candidate", "Walk"]


# --- operator tables ------------------------------------------------------------------------

_BINARY_SWAPS: dict[type, tuple[type, ...]] = {
    cst.Add: (cst.Subtract,), cst.Subtract: (cst.Add,),
    cst.Multiply: (cst.Divide,), cst.Divide: (cst.Multiply,),
    cst.FloorDivide: (cst.Divide,), cst.Modulo: (cst.FloorDivide,),
    cst.Power: (cst.Multiply,), cst.MatrixMultiply: (cst.Multiply,),
    cst.BitAnd: (cst.BitOr,), cst.BitOr: (cst.BitAnd,), cst.BitXor: (cst.BitOr, cst.BitAnd),
    cst.LeftShift: (cst.RightShift,), cst.RightShift: (cst.LeftShift,),
}
_AUG_SWAPS: dict[type, tuple[str, ...]] = {
    cst.AddAssign: ("-=",), cst.SubtractAssign: ("+=",),
    cst.MultiplyAssign: ("/=",), cst.DivideAssign: ("*=",),
    cst.FloorDivideAssign: ("/=",), cst.ModuloAssign: ("//=",),
    cst.PowerAssign: ("*=",), cst.MatrixMultiplyAssign: ("*=",),
    cst.BitAndAssign: ("|=",), cst.BitOrAssign: ("&=",), cst.BitXorAssign: ("|=", "&="),
    cst.LeftShiftAssign: (">>=",), cst.RightShiftAssign: ("<<=",),
}
_COMPARISON_SWAPS: dict[type, type] = {
    cst.Equal: cst.NotEqual, cst.NotEqual: cst.Equal,
    cst.LessThan: cst.LessThanEqual, cst.LessThanEqual: cst.LessThan,
    cst.GreaterThan: cst.GreaterThanEqual, cst.GreaterThanEqual: cst.GreaterThan,
    cst.In: cst.NotIn, cst.NotIn: cst.In, cst.Is: cst.IsNot, cst.IsNot: cst.Is,
}

# Python's expression precedence, loosest first (only relative order matters).
_BINARY_PRECEDENCE: dict[type, int] = {
    cst.BitOr: 5, cst.BitXor: 6, cst.BitAnd: 7, cst.LeftShift: 8, cst.RightShift: 8,
    cst.Add: 9, cst.Subtract: 9, cst.Multiply: 10, cst.Divide: 10, cst.FloorDivide: 10,
    cst.Modulo: 10, cst.MatrixMultiply: 10, cst.Power: 12,
}
_ATOM = 20
_ATOMIC = (cst.Name, cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.ConcatenatedString,
           cst.FormattedString, cst.Call, cst.Attribute, cst.Subscript, cst.List, cst.Set, cst.Dict,
           cst.ListComp, cst.SetComp, cst.DictComp, cst.Ellipsis)  # a bare generator needs its parentheses
_LOADS = (cst.Name, cst.Attribute, cst.Subscript, cst.Call, cst.BinaryOperation, cst.BooleanOperation,
          cst.UnaryOperation, cst.Comparison, cst.IfExp)
_DELETABLE = (cst.Assign, cst.AugAssign, cst.Expr, cst.Return, cst.Raise, cst.Assert, cst.Del)
# Subtrees never entered, wherever they occur.
_SKIPPED = tuple(getattr(cst, name) for name in (
    "Annotation", "Decorator", "Parameters", "AsName", "AssignTarget", "Import", "ImportFrom",
    "Global", "Nonlocal", "FormattedString", "TypeAlias", "TypeParameters") if hasattr(cst, name))


def _precedence(node: cst.CSTNode) -> int:
    if getattr(node, "lpar", None) or isinstance(node, _ATOMIC):
        return _ATOM
    if isinstance(node, cst.BooleanOperation):
        return 1 if isinstance(node.operator, cst.Or) else 2
    if isinstance(node, cst.UnaryOperation):
        return 3 if isinstance(node.operator, cst.Not) else 11
    if isinstance(node, cst.Comparison):
        return 4
    if isinstance(node, cst.BinaryOperation):
        return _BINARY_PRECEDENCE[type(node.operator)]
    if isinstance(node, cst.Await):
        return 13
    if isinstance(node, cst.IfExp):
        return 0
    return -1  # lambda, walrus, yield, bare tuple, starred: always parenthesize


def _parenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    return node.with_changes(lpar=(cst.LeftParen(),), rpar=(cst.RightParen(),))


def _is_docstring(statement: cst.CSTNode) -> bool:
    if not isinstance(statement, cst.Expr):
        return False
    value = statement.value
    parts: list[cst.CSTNode] = []
    while isinstance(value, cst.ConcatenatedString):
        parts.append(value.left)
        value = value.right
    parts.append(value)
    return all(isinstance(part, cst.SimpleString) and "b" not in part.prefix.lower() for part in parts)


def _first_statement(body: cst.CSTNode) -> cst.CSTNode | None:
    statements = getattr(body, "body", ())
    if isinstance(body, cst.IndentedBlock) or isinstance(body, cst.Module):
        if not statements or not isinstance(statements[0], cst.SimpleStatementLine):
            return None
        statements = statements[0].body
    return statements[0] if statements else None


def _plain_name(node: cst.CSTNode) -> str | None:
    return node.value if isinstance(node, cst.Name) else None


# --- the walk ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    operator: str
    node: cst.CSTNode  # whose span is replaced
    after: str
    function: str | None
    binding: str | None
    statement: cst.CSTNode  # the innermost statement (line or compound) holding ``node``


class Walk:
    """One pass over the tree, collecting candidate splices in source order."""

    def __init__(self, module: cst.Module) -> None:
        self.module = module
        self.skipped: set[cst.CSTNode] = set()
        self.callees: set[cst.CSTNode] = set()
        self.siblings: dict[cst.CSTNode, cst.BaseExpression] = {}
        self.conditions: dict[cst.CSTNode, bool] = {}  # test node -> is an IfExp test
        self.scopes: list[tuple[str, str]] = []
        self.binding: str | None = None
        self.statements: list[cst.CSTNode] = []
        self.elifs: set[cst.CSTNode] = set()
        self.has_nonlocal = False
        self.candidates: list[Candidate] = []

    # rendering
    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def wrapped(self, node: cst.BaseExpression) -> str:
        text = self.code(node)
        return text if _precedence(node) == _ATOM else f"({text})"

    def operands_for(self, node: cst.BinaryOperation | cst.BooleanOperation,
                     precedence: int) -> dict[str, cst.BaseExpression]:
        """``left``/``right`` parenthesized where an operator of ``precedence`` would regroup them."""
        left, right = node.left, node.right
        if _precedence(left) < precedence:
            left = _parenthesized(left)
        if _precedence(right) <= precedence:
            right = _parenthesized(right)
        return {"left": left, "right": right}

    # walk
    def run(self) -> list[Candidate]:
        stack: list[tuple[cst.CSTNode, bool]] = [(self.module, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self.leave(node)
                continue
            if node in self.skipped or isinstance(node, _SKIPPED):
                self.has_nonlocal = self.has_nonlocal or isinstance(node, cst.Nonlocal)
                continue
            self.enter(node)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.children))
        return self.candidates

    def function(self) -> str | None:
        if not self.scopes or self.scopes[-1][0] != "def":
            return None
        return ".".join(name for _, name in self.scopes)

    def is_statement(self, node: cst.CSTNode) -> bool:
        return isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)) and node not in self.elifs

    def enter(self, node: cst.CSTNode) -> None:
        self.mark_children(node)
        if self.is_statement(node):
            self.statements.append(node)
        if isinstance(node, cst.BaseSmallStatement):
            self.binding = self.binding_of(node)
        for operator, target, after in self.mutations(node):
            self.candidates.append(Candidate(operator, target, after, self.function(), self.binding,
                                              self.statements[-1]))
        if isinstance(node, cst.FunctionDef):
            self.scopes.append(("def", node.name.value))
        elif isinstance(node, cst.ClassDef):
            self.scopes.append(("class", node.name.value))

    def leave(self, node: cst.CSTNode) -> None:
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            self.scopes.pop()
        elif isinstance(node, cst.BaseSmallStatement):
            self.binding = None
        if self.is_statement(node):
            self.statements.pop()

    @staticmethod
    def binding_of(node: cst.CSTNode) -> str | None:
        if isinstance(node, cst.Assign):
            return _plain_name(node.targets[0].target) if len(node.targets) == 1 else None
        if isinstance(node, (cst.AnnAssign, cst.AugAssign)):
            return _plain_name(node.target)
        return None

    def mark_children(self, node: cst.CSTNode) -> None:
        """Record which children are skipped, callees, siblings or conditions."""
        skip = self.skipped.add
        if isinstance(node, cst.Module):
            docstring = _first_statement(node)
            if docstring is not None and _is_docstring(docstring):
                skip(docstring)
        elif isinstance(node, cst.FunctionDef):
            skip(node.name)
            if node.returns is not None:
                skip(node.returns)
            docstring = _first_statement(node.body)
            if docstring is not None and _is_docstring(docstring):
                skip(docstring)
        elif isinstance(node, cst.ClassDef):
            skip(node.name)
            for arg in (*node.bases, *node.keywords):
                skip(arg)
            docstring = _first_statement(node.body)
            if docstring is not None and _is_docstring(docstring):
                skip(docstring)
        elif isinstance(node, cst.Call):
            self.callees.add(node.func)
            self.mark_siblings([arg.value for arg in node.args if arg.keyword is None and not arg.star])
        elif isinstance(node, (cst.Tuple, cst.List, cst.Set)):
            if all(isinstance(element, cst.Element) for element in node.elements):
                self.mark_siblings([element.value for element in node.elements])
        elif isinstance(node, cst.Arg):
            if node.keyword is not None:
                skip(node.keyword)
        elif isinstance(node, cst.Attribute):
            skip(node.attr)
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.For, cst.CompFor, cst.NamedExpr, cst.Del)):
            skip(node.target)
        elif isinstance(node, cst.MatchCase):
            skip(node.pattern)
        elif isinstance(node, (cst.If, cst.While)):
            self.conditions[node.test] = False
            if isinstance(node.orelse, cst.If):
                self.elifs.add(node.orelse)
        elif isinstance(node, cst.IfExp):
            self.conditions[node.test] = True

    def mark_siblings(self, values: list[cst.BaseExpression]) -> None:
        if len(values) < 2:
            return
        for i, value in enumerate(values):
            self.siblings[value] = values[i + 1] if i + 1 < len(values) else values[i - 1]

    def mutations(self, node: cst.CSTNode) -> Iterator[tuple[str, cst.CSTNode, str]]:
        """(operator, node whose span is replaced, replacement text), in :data:`OPERATORS` order."""
        if isinstance(node, cst.BaseAugOp):
            for text in _AUG_SWAPS.get(type(node), ()):
                yield "swap_binary_operator", node, text
            return
        if isinstance(node, _DELETABLE) or (isinstance(node, cst.AnnAssign) and node.value is not None):
            yield "delete_statement", node, "pass"
            return
        if not isinstance(node, cst.BaseExpression) or node in self.callees:
            return
        bare = {"lpar": (), "rpar": ()}
        if isinstance(node, cst.BooleanOperation):
            boolean = node.operator
            swapped, precedence = (cst.And, 2) if isinstance(boolean, cst.Or) else (cst.Or, 1)
            flipped = swapped(whitespace_before=boolean.whitespace_before, whitespace_after=boolean.whitespace_after)
            yield "swap_and_or", node, self.wrapped(
                node.with_changes(operator=flipped, **bare, **self.operands_for(node, precedence)))
        elif isinstance(node, cst.BinaryOperation):
            binary = node.operator
            for binary_type in _BINARY_SWAPS.get(type(binary), ()):
                # libcst declares the whitespace on each concrete operator class, not on their base
                new = binary_type(whitespace_before=binary.whitespace_before,  # type: ignore[attr-defined]
                                  whitespace_after=binary.whitespace_after)  # type: ignore[attr-defined]
                operands = self.operands_for(node, _BINARY_PRECEDENCE[binary_type])
                yield "swap_binary_operator", node, self.wrapped(node.with_changes(operator=new, **bare, **operands))
        elif isinstance(node, cst.Comparison):
            for i, target in enumerate(node.comparisons):
                old = target.operator
                new_type = _COMPARISON_SWAPS[type(old)]
                spacing = {"whitespace_before": old.whitespace_before,  # type: ignore[attr-defined]  # (as above)
                           "whitespace_after": old.whitespace_after}  # type: ignore[attr-defined]
                if new_type in (cst.NotIn, cst.IsNot):
                    spacing["whitespace_between"] = cst.SimpleWhitespace(" ")
                comparisons = list(node.comparisons)
                comparisons[i] = target.with_changes(operator=new_type(**spacing))
                yield "swap_comparison", node, self.wrapped(node.with_changes(comparisons=comparisons, **bare))
        elif isinstance(node, cst.UnaryOperation):
            yield "remove_unary", node, self.wrapped(node.expression)
        yield from (("change_constant", node, text) for text in _changed_constants(node))
        if isinstance(node, (cst.BooleanOperation, cst.BinaryOperation)):
            yield "replace_with_operand", node, self.wrapped(node.left)
            yield "replace_with_operand", node, self.wrapped(node.right)
        elif isinstance(node, cst.IfExp):
            yield "replace_with_operand", node, self.wrapped(node.body)
            yield "replace_with_operand", node, self.wrapped(node.orelse)
        if node in self.siblings:
            yield "replace_with_sibling", node, self.wrapped(self.siblings[node])
        if isinstance(node, _LOADS) and not (isinstance(node, cst.Name)
                                             and node.value in ("True", "False", "None")):
            yield "replace_with_constant", node, "True"
            yield "replace_with_constant", node, "False"
        if node in self.conditions:
            yield "negate_condition", node, ("(not ({}))" if self.conditions[node] else "not ({})").format(
                self.code(node.with_changes(**bare)))


def _changed_constants(node: cst.CSTNode) -> list[str]:
    if isinstance(node, cst.Name):
        return {"True": ["False"], "False": ["True"]}.get(node.value, [])
    if isinstance(node, cst.Integer):
        value = node.evaluated_value
        return [str(value + 1), str(value - 1) if value >= 1 else f"({value - 1})"]
    if isinstance(node, cst.Float):
        shifted = node.evaluated_value + 1.0
        return [repr(shifted)] if math.isfinite(shifted) else []
    if isinstance(node, cst.SimpleString):
        prefix, quote = node.prefix, node.quote
        return [prefix + quote + quote if node.evaluated_value else prefix + quote + "x" + quote]
    return []
