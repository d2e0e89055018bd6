"""A formula given as text (:mod:`sva.families.feynman.formula_text`): what it reads, what it
refuses in one line, and that every expression the emitter writes reads back as itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from sva.core.emitter import emit_program, render_expression
from sva.core.program import Apply, Constant, Expr, Name
from sva.errors import InputError
from sva.families import family_of, get_spec
from sva.families.feynman.formula_text import MAX_CHARS, MAX_POWER, read_formula
from sva.families.feynman.primitives import PRIMITIVES
from sva.generate.external import formula_module


def _read(spec: str, text: str) -> Expr:
    return read_formula(get_spec(spec), text, PRIMITIVES)[0]


def _source(spec: str, text: str) -> str:
    return formula_module(spec, text).source


@pytest.mark.parametrize("text", ["x1*x2", "mu*Nn", "mul(X0, X1)", "  mu *  Nn ", "mul(mu, Nn)"])
def test_names_positions_and_gplearn_calls_give_one_module(text):
    assert _read("feynman-I.12.1", text) == Apply("MUL", (Name("mu"), Name("Nn")))
    assert "    return mu * Nn\n" in _source("feynman-I.12.1", text)


def test_the_module_is_searchs_shape_one_entry_returning_the_formula():
    source = _source("feynman-II.3.24", "Pwr/(4*pi*r**2)")
    spec = get_spec("feynman-II.3.24")
    assert source.count("def ") == 1 and f"def {spec.entry}(Pwr, r):" in source
    assert "return Pwr / (4.0 * math.pi * (r * r))" in source
    assert "import math" in source


@pytest.mark.parametrize("text, expected", [
    ("r**2", Apply("MUL", (Name("r"), Name("r")))),
    ("r^2", Apply("MUL", (Name("r"), Name("r")))),
    ("square(r)", Apply("MUL", (Name("r"), Name("r")))),
    ("r**3", Apply("MUL", (Apply("MUL", (Name("r"), Name("r"))), Name("r")))),
    ("r**-1", Apply("DIV", (Constant(1.0), Name("r")))),
    ("r**(1/2)", Apply("SQRT", (Name("r"),))),
    ("r**1.5", Apply("MUL", (Name("r"), Apply("SQRT", (Name("r"),))))),
    ("r**-0.5", Apply("DIV", (Constant(1.0), Apply("SQRT", (Name("r"),))))),
    ("r**0", Constant(1.0)),
    ("inv(r)", Apply("DIV", (Constant(1.0), Name("r")))),
    ("-r", Apply("NEG", (Name("r"),))),
    ("-2.5*r", Apply("MUL", (Constant(-2.5), Name("r")))),
    ("+r", Name("r")),
    ("math.pi", Apply("PI", ())),
    ("sqrt(abs(r))", Apply("SQRT", (Name("r"),))),
    ("np.sqrt(r)", Apply("SQRT", (Name("r"),))),
])
def test_powers_are_products_and_square_roots(text, expected):
    assert _read("feynman-II.3.24", text) == expected


def test_a_spec_whose_variables_look_positional_keeps_its_own_names():
    # feynman-I.8.14's variables are x1, x2, y1, y2: x2 is the variable x2, not the second one
    assert _read("feynman-I.8.14", "x2 - x1") == Apply("SUB", (Name("x2"), Name("x1")))
    assert _read("feynman-I.8.14", "X3") == Name("y2")


@pytest.mark.parametrize("text, reason", [
    ("x1*y", "no variable 'y'; use the spec's variables (mu, Nn)"),
    ("x3*x1", "x3 names variable 3 of 2"),
    ("x1*Nn", "mixes the spec's variable names and positional names"),
    ("atan(mu)", "atan is not a primitive of the spec's family"),
    ("abs(mu)", "abs is not a primitive"),
    ("mu**0.3", "the power 0.3 is not a whole or half-whole number"),
    (f"mu**{MAX_POWER + 1}", f"the power {MAX_POWER + 1} is not a whole or half-whole number up to {MAX_POWER}"),
    ("mu**Nn", "an exponent is not a number"),
    ("mu**(1/0)", "an exponent divides by zero"),
    ("mu**(1e300*1e300)", "the power inf is not a whole or half-whole number"),
    ("__import__('os')", "the literal 'os' is not a number"),
    ("__import__(mu)", "__import__ is not a primitive"),
    ("mu.__class__", "an attribute is not part of a formula"),
    ("(lambda: 1)()", "a lambda is not a primitive"),
    ("[mu][0]", "a subscript is not part of a formula"),
    ("mu if Nn else 1", "an ifexp is not part of a formula"),
    ("mu // Nn", "the operator // is not a primitive"),
    ("sin(mu, Nn)", "sin takes 1 arguments, not 2"),
    ("sin(x=mu)", "sin takes plain arguments"),
    ("1e400*mu", "the number inf is not finite"),
    ("True*mu", "the literal True is not a number"),
    ("mu; import os", "syntax error"),
    ("", "empty"),
    ("   ", "empty"),
])
def test_refused_in_one_line_naming_the_text_the_reason_and_a_fix(text, reason):
    with pytest.raises(InputError) as caught:
        _read("feynman-I.12.1", text)
    message = str(caught.value)
    assert message.startswith(f"formula {text!r}: ")
    assert reason in message
    assert "\n" not in message and "; " in message  # the reason, then the fix


def test_oversized_and_deeply_nested_texts_are_refused_without_a_crash():
    with pytest.raises(InputError, match=f"over {MAX_CHARS}"):
        _read("feynman-I.12.1", "mu+" * MAX_CHARS + "mu")
    with pytest.raises(InputError, match="more than 2000 nodes"):
        _read("feynman-I.12.1", "((((mu+Nn)**16)**16)**16)")
    with pytest.raises(InputError, match="nested|parse"):
        _read("feynman-I.12.1", "(" * 3000 + "mu" + ")" * 3000)


def test_a_family_without_formula_reading_refuses_in_one_line():
    from sva.errors import UsageError

    with pytest.raises(UsageError, match="parity-3: the boolean family reads no formula given as text"):
        formula_module("parity-3", "a and b")


# -- every expression the emitter writes reads back as itself ------------------------------------

_PARAMS = get_spec("feynman-I.15.3x").params
_LEAVES = st.one_of(st.sampled_from([Name(p) for p in _PARAMS]),
                    st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: Constant(float(v))),
                    st.just(Apply("PI", ())))


def _extend(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    binary = st.tuples(st.sampled_from(["ADD", "SUB", "MUL", "DIV"]), children, children).map(
        lambda t: Apply(t[0], (t[1], t[2])))
    unary = st.tuples(st.sampled_from(["SQRT", "EXP", "SIN", "COS"]), children).map(lambda t: Apply(t[0], (t[1],)))
    # the emitter writes NEG of a literal as a negative literal, which reads back as the constant
    negated = children.filter(lambda e: not isinstance(e, Constant)).map(lambda e: Apply("NEG", (e,)))
    return st.one_of(binary, unary, negated)


@settings(max_examples=150, deadline=None)
@given(st.recursive(_LEAVES, _extend, max_leaves=25))
def test_every_emitted_expression_reads_back_as_itself(expr):
    text = render_expression(expr, PRIMITIVES)
    assert _read("feynman-I.15.3x", text) == expr


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("mu*Nn+-/()x12X0.e^ ,[]'_sqrtlogabs:;=")), max_size=40))
def test_any_text_is_a_formula_or_one_line_refusal(text):
    try:
        expr = _read("feynman-I.12.1", text)
    except InputError as error:
        message = str(error)
        assert message.startswith("formula ") and "\n" not in message
    else:
        # what was read is written by the one emitter without complaint
        family = family_of(get_spec("feynman-I.12.1"))
        assert render_expression(expr, family.primitives)
        assert emit_program(family.formula_program(get_spec("feynman-I.12.1"), text), family.primitives)
