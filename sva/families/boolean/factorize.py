"""The Boolean family's factorization plan: the whole truth table, and minimisation by sympy.

Every step of :mod:`sva.core.factorize` is checked on all ``2^k`` rows (exhaustive). The
simplification reads each output's expression as a sympy Boolean formula (``AND`` is ``And``,
``OR`` ``Or``, ``NOT`` ``Not``, ``XOR`` ``Xor``, ``IF`` ``ITE``), minimises it with
``sympy.simplify_logic`` (Quine-McCluskey; the smaller of the DNF and CNF) and writes it back with
the spec's primitives: ``And(a, b, c)`` as ``AND(AND(a, b), c)``, arguments in sympy's canonical
order. A formula that needs a primitive the spec lacks, or a program that is not one function
returning expressions, is left as it was (the manifest says why); a minimised formula that is not
smaller is not applied (a DNF of parity is far larger than its XOR chain). Worked example:
``(a and b) or (a and not b)`` minimises to ``a``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sva.core.factorize import DomainCheck, Plan, Unchanged
from sva.core.program import Apply, Constant, Expr, Name, Program, Return, TupleOf
from sva.core.spec import Spec

#: more inputs than this and Quine-McCluskey is not attempted (its cost grows as 3^k)
MAX_INPUTS = 8

_TO_SYMPY = {"AND": "And", "OR": "Or", "NOT": "Not", "XOR": "Xor", "IF": "ITE"}


def to_sympy(expr: Expr, symbols: dict[str, Any]) -> Any:
    """The sympy formula of a Boolean IR expression."""
    import sympy

    if isinstance(expr, Name):
        return symbols[expr.id]
    if isinstance(expr, Constant) and isinstance(expr.value, bool):
        return sympy.true if expr.value else sympy.false
    if isinstance(expr, Apply) and expr.primitive in _TO_SYMPY:
        return getattr(sympy, _TO_SYMPY[expr.primitive])(*(to_sympy(arg, symbols) for arg in expr.args))
    raise Unchanged(f"not applied: {expr!r:.40} is not a Boolean formula")


def from_sympy(formula: Any, primitives: tuple[str, ...]) -> Expr:
    """The IR expression of a sympy Boolean formula, with the spec's primitives only."""
    import sympy
    from sympy.logic import boolalg

    if formula is sympy.true or formula is sympy.false:
        return Constant(formula is sympy.true)
    if isinstance(formula, sympy.Symbol):
        return Name(formula.name)
    kinds = ((boolalg.And, "AND"), (boolalg.Or, "OR"), (boolalg.Not, "NOT"), (boolalg.Xor, "XOR"),
             (boolalg.ITE, "IF"))
    for kind, name in kinds:
        if isinstance(formula, kind):
            if name not in primitives:
                raise Unchanged(f"not applied: the minimised formula needs {name}, not a primitive of the spec")
            args = [from_sympy(arg, primitives) for arg in sorted(formula.args, key=sympy.default_sort_key)]
            if name in ("NOT", "IF"):
                return Apply(name, tuple(from_sympy(arg, primitives) for arg in formula.args))
            result = args[0]
            for arg in args[1:]:
                result = Apply(name, (result, arg))
            return result
    raise Unchanged(f"not applied: the minimised formula uses {type(formula).__name__}")


def minimise(spec: Spec, program: Program) -> Program:
    """Each returned expression minimised (see the module docstring)."""
    from sympy import Symbol
    from sympy.logic import simplify_logic

    functions = program.functions
    statement = functions[0].body[0] if len(functions) == 1 and len(functions[0].body) == 1 else None
    if not isinstance(statement, Return):
        raise Unchanged("not applied: minimisation takes one function that returns expressions")
    if len(spec.params) > MAX_INPUTS:
        raise Unchanged(f"not applied: {len(spec.params)} inputs, more than the {MAX_INPUTS} minimisation is "
                        f"attempted on")
    function = program.functions[0]
    returned = statement.value
    symbols = {name: Symbol(name) for name in spec.params}
    items = returned.items if isinstance(returned, TupleOf) else (returned,)
    simpler = tuple(from_sympy(simplify_logic(to_sympy(item, symbols), force=True), spec.primitives) for item in items)
    value = TupleOf(simpler) if isinstance(returned, TupleOf) else simpler[0]
    return replace(program, functions=(replace(function, body=(Return(value),)),))


def plan(spec: Spec) -> Plan:
    rows = spec.domain.cases or ()
    check = DomainCheck(tuple(rows), True, f"all {len(rows)} rows of the truth table")
    return Plan(check=check, simplify=lambda program: minimise(spec, program),
                simplify_how="Boolean minimisation (sympy simplify_logic, Quine-McCluskey) within the spec's primitives")
