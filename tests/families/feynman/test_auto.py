"""``design-auto`` for the Feynman family: built from the brief alone, parts with stories and
contracts, dimensional analysis, structure tests, the fit, determinism."""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from sva.families import get_spec
from sva.families.feynman.auto import design, generate
from sva.families.feynman.auto_fit import constant, fit_law
from sva.families.feynman.auto_structure import separability
from sva.families.feynman.auto_units import analyse, rank, units_of
from sva.core.brief import brief_of
from tests.conftest import ROOT, run_sva


def _raising(*args: float) -> float:
    raise AssertionError("design-auto called the oracle")


def _blind(name: str):
    """The spec with an oracle that raises, a description without the formula, no extra, no
    notes, another kind: only the brief is left (the targets are kept: the judge labelled them)."""
    spec = get_spec(name)
    return dataclasses.replace(spec, oracle=_raising, description="Return the output.", extra={}, notes="",
                               kind="hidden", properties=tuple(p for p in spec.properties if p.name != "matches_oracle"))


@pytest.mark.parametrize("name", ["feynman-I.10.7", "feynman-I.8.14", "feynman-II.3.24"])
def test_the_answer_is_not_needed(name):
    """The issue's test: an oracle that raises and no formula anywhere give the same bytes."""
    normal, blind = generate(get_spec(name), 0), generate(_blind(name), 0)
    assert blind.source == normal.source and blind.tests_source == normal.tests_source
    assert json.dumps(blind.manifest(), sort_keys=True) == json.dumps(normal.manifest(), sort_keys=True)


def test_the_brief_holds_no_formula():
    """No Feynman spec's description holds its formula; units and targets are filled."""
    from sva.families.feynman.specs import feynman_specs

    for spec in feynman_specs():
        equation = spec.extra["equation"]
        assert equation.text not in spec.description and "=" not in spec.description, spec.name
        assert set(spec.units) == {*spec.params, equation.output}, spec.name
        assert spec.targets == tuple(spec.oracle(*case) for case in spec.training), spec.name


def _functions(source: str) -> dict[str, ast.FunctionDef]:
    return {node.name: node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}


@pytest.mark.slow
def test_sva_generate_writes_named_groups(tmp_path):
    """``sva generate feynman-I.10.7 --generator design-auto``: scale, group and factor parts,
    each with its story and its contract test."""
    done = run_sva("generate", "feynman-I.10.7", "--generator", "design-auto", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "feynman-I.10.7" / "design-auto"
    functions = _functions((folder / "seed-0.py").read_text())
    assert list(functions) == ["m_scale", "v_over_c", "v_over_c_factor", "feynman_i_10_7"]
    assert "v and c are both m s^-1, so v / c is dimensionless" in ast.get_docstring(functions["v_over_c"])
    assert "carries the output's units kg" in ast.get_docstring(functions["m_scale"])
    assert "the law depends on it" in ast.get_docstring(functions["v_over_c_factor"])
    tests = _functions((folder / "seed-0_test.py").read_text())
    assert {f"test_{name}" for name in functions} <= set(tests)
    manifest = json.loads((folder / "seed-0.json").read_text())
    assert manifest["search"]["success"] is True and 0 < manifest["search"]["evaluations"] < 1000
    assert manifest["search"]["groups"] == ["v_over_c = v / c"]
    assert any("rank 2" in line for line in manifest["search"]["decisions"])


def test_worked_examples_of_the_pi_groups():
    """I.10.7, I.15.3x and II.3.24 as the module docstring and the docs work them."""
    i_10_7 = analyse(("m_0", "v", "c"), "m", get_spec("feynman-I.10.7").units)
    assert i_10_7.scale.text == "m_0" and [g.text for g in i_10_7.groups] == ["v / c"]
    i_15_3x = analyse(("x", "u", "c", "t"), "x1", get_spec("feynman-I.15.3x").units)
    assert i_15_3x.scale.text == "x" and [g.text for g in i_15_3x.groups] == ["u / c", "x / (u * t)"]
    ii_3_24 = analyse(("Pwr", "r"), "flux", get_spec("feynman-II.3.24").units)
    assert ii_3_24.scale.text == "Pwr / r**2" and ii_3_24.groups == ()


_VECTOR = st.lists(st.integers(-2, 2), min_size=3, max_size=3).map(lambda v: tuple(v) + (0, 0))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(_VECTOR, min_size=1, max_size=5), st.data())
def test_groups_are_dimensionless_and_the_scale_carries_the_output(columns, data):
    """Every group is dimensionless, independent of the others, there are n - rank of them, and
    the scale has the output's units (an output in the inputs' span, exponents up to 1)."""
    params = tuple(f"x{i}" for i in range(len(columns)))
    weights = data.draw(st.lists(st.integers(-1, 1), min_size=len(columns), max_size=len(columns)))
    output = units_of(weights, columns)
    units = {**dict(zip(params, columns)), "y": output}
    found = analyse(params, "y", units)
    vectors = [tuple(dict(g.powers).get(p, 0) for p in params) for g in found.groups]
    assert all(units_of(vector, columns) == (0,) * 5 for vector in vectors)
    assert rank(vectors) == len(vectors) if vectors else True
    assert found.scale is not None
    assert units_of([dict(found.scale.powers).get(p, 0) for p in params], columns) == output
    if all(abs(value) <= 1 for column in columns for value in column):
        assert len(found.groups) == len(params) - rank(columns)


def _points(count: int = 200):
    rng = np.random.default_rng(7)
    return rng.uniform(1.0, 3.0, count), rng.uniform(1.0, 3.0, count)


def test_a_product_is_found_separable():
    g1, g2 = _points()
    findings = {f.test: f for f in separability(("a", "b"), (g1, g2), g1 ** 2 / (1 + g2))}
    assert findings["product"].found and findings["product"].unexplained <= 1e-4
    assert not findings["sum"].found


def test_a_coupled_law_is_not_found_separable():
    g1, g2 = _points()
    findings = {f.test: f for f in separability(("a", "b"), (g1, g2), 1 / (1 + g1 * g2))}
    assert not findings["product"].found and not findings["sum"].found
    assert findings["product"].unexplained > 1e-3 and findings["sum"].unexplained > 1e-3


def test_a_sum_is_found_a_sum_and_not_a_product():
    g1, g2 = _points()
    findings = {f.test: f for f in separability(("a", "b"), (g1, g2), g1 + g2)}
    assert findings["sum"].found and not findings["product"].found


def test_the_fit_recovers_a_law_and_rounds_its_constant():
    g1, g2 = _points()
    z = np.sqrt(1 + g1 * g1) / g2 / (4 * np.pi)
    fit = fit_law(("a", "b"), (g1, g2), z, ("ADD", "SUB", "MUL", "DIV", "SQRT", "PI"))
    assert fit.fits and fit.law.factors == (("1 + g**2", 0.0, 0.5), (None, -1.0, 0.0))
    assert constant(fit.law.scale) == (constant(1 / (4 * np.pi)))
    assert constant(1 / (4 * np.pi))[0].numerator == 1 and constant(1 / (4 * np.pi))[2] == -2
    assert constant(0.123456789) is None


def test_design_auto_can_lose():
    """On I.8.14 (a distance: differences, not monomials) nothing tried fits, and it says so."""
    program, record = design(brief_of(get_spec("feynman-I.8.14")))
    assert not record.fits and record.training_error > 1e-3 and record.evaluations > 0
    assert "no law of the forms tried fits" in program.docstring


@pytest.mark.slow
def test_bytes_the_same_whatever_pythonhashseed(tmp_path):
    script = ("import sys, json; from sva.generate import generate; from sva.families import get_spec; "
              "a = generate(get_spec('feynman-I.15.3x'), 'design-auto', 3); "
              "sys.stdout.write(a.source + a.tests_source + json.dumps(a.manifest(), sort_keys=True))")
    outputs = []
    for hash_seed in ("1", "4242"):
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        outputs.append(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                                      env=environment, cwd=tmp_path).stdout)
    assert outputs[0] == outputs[1] and "def u_over_c" in outputs[0]


def test_the_seed_changes_nothing_but_the_file_name():
    spec = get_spec("feynman-I.39.11")
    first, second = generate(spec, 0), generate(spec, 5)
    assert first.source == second.source
    assert first.search.details["deterministic"].startswith("the seed changes nothing")


def test_an_offset_stays_inside_the_scale():
    """I.12.11, F = q (Ef + B v sin(theta)): scale q Ef, law 1 + (B v / Ef) sin(theta); the
    entry is scale * (1 + ...), not scale * ... + 1 (which fits z and not y)."""
    from sva.core.program import Apply, Call

    program, record = design(brief_of(get_spec("feynman-I.12.11")))
    assert record.fits
    value = program.function("feynman_i_12_11").body[-1].value
    assert isinstance(value, Apply) and value.primitive == "MUL"
    assert isinstance(value.args[0], Call) and value.args[0].function == "F_scale"
    assert isinstance(value.args[1], Apply) and value.args[1].primitive == "ADD"


def test_a_rational_constant_is_written_exactly():
    """1/6 is written 1.0 / 6.0 (the judge's exact check reads it as 1/6), 1/4 as 0.25."""
    from sva.core.program import Apply, Constant
    from sva.families.feynman.auto import _constant_expr

    assert _constant_expr(1 / 6) == Apply("DIV", (Constant(1.0), Constant(6.0)))
    assert _constant_expr(0.25) == Constant(0.25)
    assert _constant_expr(0.123456789) == Constant(0.123456789)


def test_a_law_with_huge_outputs_is_judged_not_crashed():
    """design-auto's best law on feynman-test_2 (which fits nothing) returns finite values near
    1e200 on shifted points: R^2 is undefined there, the probe does not raise OverflowError."""
    from sva.families.feynman.probe import _r2

    assert _r2([1e200, -1e200, 3.0], [1.0, 2.0, 3.0]) is None
    assert _r2([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]) == 1.0
