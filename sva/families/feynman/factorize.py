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
        return _sympy_apply(expr.primitive, [to_sympy(arg, symbols) for arg in expr.args])
    raise Unchanged(f"not applied: {expr!r:.40} is not a Feynman formula")


def _sympy_apply(primitive: str, args: list[Any]) -> Any:
    """The sympy expression of primitive ``primitive`` applied to ``args`` (sympy expressions)."""
    import sympy

    unary = {"SQRT": lambda a: sympy.sqrt(sympy.Abs(a)), "EXP": sympy.exp, "SIN": sympy.sin, "COS": sympy.cos,
             "NEG": lambda a: -a, "LOG": sympy.log, "TANH": sympy.tanh, "ASIN": sympy.asin, "ACOS": sympy.acos}
    if primitive == "PI":
        return sympy.pi
    if primitive in unary:
        return unary[primitive](args[0])
    left, right = args
    return {"ADD": left + right, "SUB": left - right, "MUL": left * right, "DIV": left / right}[primitive]


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
        return _from_sum(expression)
    if isinstance(expression, sympy.Mul):
        return _from_product(expression)
    if isinstance(expression, sympy.Pow):
        return _from_power(expression)
    return _from_function(expression)


def _from_sum(expression: Any) -> Expr:
    """A sum as ``ADD``/``SUB`` over its terms in sympy's order (a negative term subtracted)."""
    import sympy

    terms = sorted(expression.args, key=sympy.default_sort_key)
    result = from_sympy(terms[0])
    for term in terms[1:]:
        coefficient, rest = term.as_coeff_Mul()
        if coefficient.is_Number and coefficient < 0:
            result = Apply("SUB", (result, from_sympy(-term)))
        else:
            result = Apply("ADD", (result, from_sympy(term)))
    return result


def _from_product(expression: Any) -> Expr:
    """A product as ``MUL`` over its positive powers, then ``DIV`` by each negative one (a
    negative coefficient as ``NEG`` of the rest)."""
    import sympy

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


def _from_power(expression: Any) -> Expr:
    """A power: one half as ``SQRT``, an integer as repeated ``MUL`` (a negative one under
    ``DIV``), an odd number of halves as the whole part's ``MUL`` times a ``SQRT``."""
    import sympy

    base, exponent = expression.args
    if exponent == sympy.Rational(1, 2):
        inner = base.args[0] if isinstance(base, sympy.Abs) else base
        return Apply("SQRT", (from_sympy(inner),))
    if exponent.is_Integer and exponent > 0:
        return _power(from_sympy(base), int(exponent))
    if exponent.is_Integer and exponent < 0:
        return Apply("DIV", (Constant(1.0), _power(from_sympy(base), int(-exponent))))
    if exponent.is_Rational and exponent.q == 2 and exponent > 0:
        whole = int(exponent.p // 2)  # at least 1: p is odd, and a half is the square root above
        return Apply("MUL", (_power(from_sympy(base), whole), Apply("SQRT", (from_sympy(base),))))
    raise Unchanged(f"not applied: the simplified formula has the power {expression}")


def _from_function(expression: Any) -> Expr:
    """``exp``, ``sin`` or ``cos`` of one argument; anything else is not applied (``log``,
    ``tanh``, ``asin``, ``acos`` too: they are primitives of five specs only, and writing one back
    here could give a spec a function its primitives lack)."""
    import sympy

    named = {sympy.exp: "EXP", sympy.sin: "SIN", sympy.cos: "COS"}
    if expression.func in named:
        return Apply(named[expression.func], (from_sympy(expression.args[0]),))
    if isinstance(expression, sympy.Abs):
        raise Unchanged("not applied: the simplified formula has an absolute value outside a square root")
    raise Unchanged(f"not applied: the simplified formula uses {expression.func.__name__}, not a primitive")


def simplified(spec: Spec, program: Program) -> Program:
    """The entry's formula through ``sympy.simplify(..., ratio=1)`` (see the module docstring)."""
    import sympy

    functions = program.functions
    statement = functions[0].body[0] if len(functions) == 1 and len(functions[0].body) == 1 else None
    if not isinstance(statement, Return):
        raise Unchanged("not applied: simplification takes one function returning one formula")
    function = program.functions[0]
    symbols = {name: sympy.Symbol(name, positive=True) for name in spec.params}
    formula = sympy.simplify(to_sympy(statement.value, symbols), ratio=1)
    return replace(program, functions=(replace(function, body=(Return(from_sympy(formula)),)),))


def plan(spec: Spec) -> Plan:
    cases = tuple(spec.training) + tuple(spec.held_out)
    check = DomainCheck(cases, False, f"the {len(spec.training)} training and {len(spec.held_out)} held-out points, "
                                      f"within the spec's tolerance", spec.equal)
    return Plan(check=check, simplify=lambda program: simplified(spec, program),
                simplify_how="sympy simplify(ratio=1), written back with the family's primitives")
