"""The Feynman family's factorization plan: sampled points, and sympy's ``simplify``.

There is no finite domain, so every step is checked on the training points and the held-out
points (a seeded sample of the equation's ranges), outputs compared with the spec's own
tolerance (``spec.equal``) against the search artifact's.

The simplification reads the formula into sympy (``ADD`` is ``+``, ``SQRT(a)`` is
``sqrt(Abs(a))`` as the artifact computes it, ``PI`` is ``pi``, numbers as sympy floats;
variables are positive reals, as every range is), calls ``sympy.simplify(f, ratio=1)`` (SRBench's
setting: never a longer result) and writes the result back with the family's primitives:
a sum as ``ADD``/``SUB``, a product as ``MUL`` over its positive powers divided (``DIV``) by its
negative ones, integer powers as repeated ``MUL``, a power of one half as ``SQRT``, ``exp``/
``sin``/``cos`` as themselves. A result outside those (``log``, ``tan``, a fractional power)
is not applied and the manifest says which. Worked example: ``(x * x) / x`` becomes ``x``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sva.core.factorize import DomainCheck, Plan, Unchanged
from sva.core.program import Apply, Constant, Expr, Name, Program, Return
from sva.core.spec import Spec

_DIGITS = 12


def to_sympy(expr: Expr, symbols: dict[str, Any]) -> Any:
    """The sympy expression of a Feynman IR expression."""
    import sympy

    if isinstance(expr, Name):
        return symbols[expr.id]
    if isinstance(expr, Constant) and isinstance(expr.value, (int, float)) and not isinstance(expr.value, bool):
        return sympy.Float(expr.value, 17) if isinstance(expr.value, float) else sympy.Integer(expr.value)
    if isinstance(expr, Apply):
        args = [to_sympy(arg, symbols) for arg in expr.args]
        unary = {"SQRT": lambda a: sympy.sqrt(sympy.Abs(a)), "EXP": sympy.exp, "SIN": sympy.sin, "COS": sympy.cos,
                 "NEG": lambda a: -a}
        if expr.primitive == "PI":
            return sympy.pi
        if expr.primitive in unary:
            return unary[expr.primitive](args[0])
        left, right = args
        return {"ADD": left + right, "SUB": left - right, "MUL": left * right, "DIV": left / right}[expr.primitive]
    raise Unchanged(f"not applied: {expr!r:.40} is not a Feynman formula")


def _number(value: Any) -> Expr:
    number = float(value)
    return Constant(float(f"{number:.{_DIGITS}g}") if number != int(number) or abs(number) > 1e15 else float(int(number)))


def _power(base: Expr, exponent: int) -> Expr:
    result = base
    for _ in range(exponent - 1):
        result = Apply("MUL", (result, base))
    return result


def from_sympy(expression: Any) -> Expr:
    """The IR expression of a sympy expression, with the Feynman primitives only."""
    import sympy

    if expression is sympy.pi:
        return Apply("PI", ())
    if expression.is_Number:
        if not expression.is_real or not expression.is_finite:
            raise Unchanged(f"not applied: the simplified formula has the number {expression}")
        return _number(expression)
    if isinstance(expression, sympy.Symbol):
        return Name(expression.name)
    if isinstance(expression, sympy.Add):
        terms = sorted(expression.args, key=sympy.default_sort_key)
        result = from_sympy(terms[0])
        for term in terms[1:]:
            coefficient, rest = term.as_coeff_Mul()
            if coefficient.is_Number and coefficient < 0:
                result = Apply("SUB", (result, from_sympy(-term)))
            else:
                result = Apply("ADD", (result, from_sympy(term)))
        return result
    if isinstance(expression, sympy.Mul):
        coefficient, _ = expression.as_coeff_Mul()
        if coefficient.is_Number and coefficient < 0:
            return Apply("NEG", (from_sympy(-expression),))
        numerator, denominator = [], []
        for factor in sorted(expression.args, key=sympy.default_sort_key):
            base, exponent = factor.as_base_exp()
            if exponent.is_Number and exponent < 0:
                denominator.append(from_sympy(base ** -exponent))
            else:
                numerator.append(from_sympy(factor))
        top = numerator[0] if numerator else Constant(1.0)
        for factor in numerator[1:]:
            top = Apply("MUL", (top, factor))
        for factor in denominator:
            top = Apply("DIV", (top, factor))
        return top
    if isinstance(expression, sympy.Pow):
        base, exponent = expression.args
        if exponent == sympy.Rational(1, 2):
            inner = base.args[0] if isinstance(base, sympy.Abs) else base
            return Apply("SQRT", (from_sympy(inner),))
        if exponent.is_Integer and exponent > 0:
            return _power(from_sympy(base), int(exponent))
        if exponent.is_Integer and exponent < 0:
            return Apply("DIV", (Constant(1.0), _power(from_sympy(base), int(-exponent))))
        if exponent.is_Rational and exponent.q == 2 and exponent > 0:
            return Apply("MUL", (_power(from_sympy(base), int(exponent.p // 2)) if exponent.p > 2 else from_sympy(base),
                                 Apply("SQRT", (from_sympy(base),)))) if exponent.p // 2 >= 1 else from_sympy(base)
        raise Unchanged(f"not applied: the simplified formula has the power {expression}")
    named = {sympy.exp: "EXP", sympy.sin: "SIN", sympy.cos: "COS"}
    if expression.func in named:
        return Apply(named[expression.func], (from_sympy(expression.args[0]),))
    if isinstance(expression, sympy.Abs):
        raise Unchanged("not applied: the simplified formula has an absolute value outside a square root")
    raise Unchanged(f"not applied: the simplified formula uses {expression.func.__name__}, not a primitive")


def simplified(spec: Spec, program: Program) -> Program:
    """The entry's formula through ``sympy.simplify(..., ratio=1)`` (see the module docstring)."""
    import sympy

    if len(program.functions) != 1 or len(program.functions[0].body) != 1 \
            or not isinstance(program.functions[0].body[0], Return):
        raise Unchanged("not applied: simplification takes one function returning one formula")
    function = program.functions[0]
    symbols = {name: sympy.Symbol(name, positive=True) for name in spec.params}
    formula = sympy.simplify(to_sympy(function.body[0].value, symbols), ratio=1)
    return replace(program, functions=(replace(function, body=(Return(from_sympy(formula)),)),))


def plan(spec: Spec) -> Plan:
    cases = tuple(spec.training) + tuple(spec.held_out)
    check = DomainCheck(cases, False, f"the {len(spec.training)} training and {len(spec.held_out)} held-out points, "
                                      f"within the spec's tolerance", spec.equal)
    return Plan(check=check, simplify=lambda program: simplified(spec, program),
                simplify_how="sympy simplify(ratio=1), written back with the family's primitives")
