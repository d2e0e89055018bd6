"""The one tree writer (:mod:`sva.families.feynman.formula_ir`): a power written with the
primitives computes the power, and the database's and a user's text share it."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings, strategies as st

from sva.core.program import Apply, Constant, Expr, Name
from sva.families.feynman.formula import FormulaError, parse
from sva.families.feynman.formula_ir import MAX_POWER, TreeWriter
from sva.families.feynman.primitives import PRIMITIVES

_OPS = {"MUL": lambda a, b: a * b, "DIV": lambda a, b: a / b, "SQRT": math.sqrt}


def _value(expr: Expr, x: float) -> float:
    if isinstance(expr, Name):
        return x
    if isinstance(expr, Constant):
        return float(expr.value)
    assert isinstance(expr, Apply)
    return _OPS[expr.primitive](*(_value(arg, x) for arg in expr.args))


@settings(max_examples=200, deadline=None)
@given(st.integers(-2 * MAX_POWER, 2 * MAX_POWER), st.floats(0.1, 10.0))
def test_a_written_power_computes_the_power(doubled, x):
    expr, size = TreeWriter(PRIMITIVES).power((Name("x"), 1), doubled / 2)
    assert _value(expr, x) == pytest.approx(x ** (doubled / 2), rel=1e-9)
    whole, half = divmod(abs(doubled), 2)
    # the product's factors and the MULs joining them, the sqrt, the reciprocal's DIV and its 1
    assert size == (1 if doubled == 0 else 2 * (whole + half) - 1 + half + 2 * (doubled < 0))


def test_a_database_power_keeps_its_integer_one_and_a_users_its_float_one():
    writer = TreeWriter(PRIMITIVES)
    assert writer.expression(parse("r**(3/2)", ("r",))) == Apply("MUL", (Name("r"), Apply("SQRT", (Name("r"),))))
    assert writer.expression(["pow", ["var", "r"], ["const", -2]]).args[0] == Constant(1)
    assert writer.expression(["pow", ["var", "r"], ["const", -2.0]]).args[0] == Constant(1.0)


@pytest.mark.parametrize("text", ["x^2", "np.sqrt(x)", "inv(x)", "square(x)", "-2*x"])
def test_the_database_reads_none_of_the_foreign_spellings_but_a_negated_number(text):
    if text == "-2*x":
        assert parse(text, ("x",)) == ["mul", ["neg", ["const", 2]], ["var", "x"]]
        return
    with pytest.raises(FormulaError):
        parse(text, ("x",))


def test_a_node_bound_refuses_a_nest_of_powers():
    # x**4 is 7 nodes, (x**4)**4 is 4 * 7 + 3 = 31, its square 2 * 31 + 1 = 63
    assert TreeWriter(PRIMITIVES, max_nodes=63).sized(parse("((x**4)**4)**2", ("x",)))[1] == 63
    with pytest.raises(FormulaError, match="more than 50 nodes"):
        TreeWriter(PRIMITIVES, max_nodes=50).expression(parse("((x**4)**4)**2", ("x",)))
