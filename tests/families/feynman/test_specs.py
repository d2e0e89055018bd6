"""The Feynman family's twelve hand-designed specs: oracles on hand-checked values, the units
table, the points, the design artifacts (equal to the formula to 1e-9, importing only math; run
in the sandbox). The whole database's 120 specs: test_database.py."""

from __future__ import annotations

import ast
import math

import pytest

from sva.families.feynman import FAMILY
from sva.families.feynman.equations import BETA_SHIFT, EQUATIONS
from sva.families.feynman.specs import HELD_OUT_POINTS, TRAINING_POINTS, equation_of, shifted_point
from sva.families.feynman.units import NAMED, describe, name_of, scale_of
from sva.generate import generate
from sva.families import get_spec
from sva.sandbox.records import CaseOutput, CasesRequest
from sva.sandbox import Completed, run_job

#: The twelve specs with hand-written designs.
SPECS = tuple(spec for spec in FAMILY.specs() if spec.extra["design_kind"] == "hand")

#: (spec, inputs, output) worked out by hand.
HAND_CHECKED = [
    ("feynman-I.6.2a", (1.0,), 0.24197072451914337),  # exp(-1/2) / sqrt(2 pi)
    ("feynman-I.8.14", (1.0, 4.0, 1.0, 5.0), 5.0),  # the 3-4-5 triangle
    ("feynman-I.10.7", (1.0, 3.0, 5.0), 1.25),  # 1 / sqrt(1 - 9/25) = 1 / 0.8
    ("feynman-I.12.1", (2.0, 3.0), 6.0),
    ("feynman-I.14.3", (2.0, 3.0, 4.0), 24.0),
    ("feynman-I.15.3x", (10.0, 3.0, 5.0, 2.0), 5.0),  # (10 - 6) / 0.8
    ("feynman-I.18.12", (2.0, 3.0, math.pi / 2), 6.0),
    ("feynman-I.29.4", (10.0, 4.0), 2.5),
    ("feynman-I.34.8", (2.0, 3.0, 4.0, 6.0), 4.0),
    ("feynman-I.39.11", (3.0, 2.0, 5.0), 5.0),  # 1/2 * 10
    ("feynman-II.3.24", (4 * math.pi, 1.0), 1.0),
    ("feynman-II.8.31", (2.0, 3.0), 9.0),
]


def test_the_twelve_equations_are_listed_in_the_database_order():
    assert [spec.name for spec in SPECS] == [f"feynman-{equation.id}" for equation in EQUATIONS]
    assert len(SPECS) == 12 and SPECS[2].name == "feynman-I.10.7" and SPECS[2].entry == "feynman_i_10_7"
    names = [spec.name for spec in FAMILY.specs()]
    assert [names.index(spec.name) for spec in SPECS] == sorted(names.index(spec.name) for spec in SPECS)


@pytest.mark.parametrize("name, case, value", HAND_CHECKED)
def test_every_oracle_gives_the_hand_checked_value(name, case, value):
    assert get_spec(name).expected(case) == pytest.approx(value, rel=1e-12)


def test_the_units_table_holds_the_databases_vectors():
    assert NAMED["force"] == (1, -2, 1, 0, 0) and NAMED["energy"] == (2, -2, 1, 0, 0)
    assert NAMED["charge"] == (2, -2, 1, 0, -1) and NAMED["magnetic field"] == (-2, 1, 0, 0, 1)
    assert NAMED["permittivity"] == (1, -2, 1, 0, -2) and NAMED["electric field"] == (-1, 0, 0, 0, 1)
    assert describe((1, -2, 1, 0, 0)) == "m s^-2 kg" and describe((0, 0, 0, 0, 0)) == "1"
    assert name_of((0, -1, 0, 0, 0)) == "angular frequency"
    assert scale_of((1, -2, 1, 0, 0), (2.0, 3.0, 5.0, 7.0, 11.0)) == pytest.approx(2 * 5 / 9)


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_points_are_seeded_by_the_name_and_lie_in_their_ranges(spec):
    equation = equation_of(spec)
    assert len(spec.training) == TRAINING_POINTS and len(spec.held_out) == HELD_OUT_POINTS
    assert set(spec.training).isdisjoint(spec.held_out)
    for case in spec.training + spec.held_out:
        assert all(v.low <= value <= v.high for value, v in zip(case, equation.variables))
    assert spec.training == next(other for other in FAMILY.specs() if other.name == spec.name).training  # the same points every time
    for index in range(50):
        point = dict(zip(spec.params, shifted_point(equation, index)))
        for v in equation.variables:
            if equation.relativistic and v.name == equation.relativistic[0]:
                light = point[equation.relativistic[1]]
                assert BETA_SHIFT[0] * light <= point[v.name] <= BETA_SHIFT[1] * light
            else:
                assert v.shift_low <= point[v.name] <= v.shift_high
    assert "(" in spec.description and spec.notes.count("[") >= len(spec.params)  # units and ranges stated


def test_a_pass_is_within_the_specs_tolerance_with_an_absolute_floor():
    spec = get_spec("feynman-I.18.12")
    assert spec.matches(1.005, 1.0) and not spec.matches(1.02, 1.0)
    assert spec.matches(spec.extra["absolute"] / 2, 0.0)  # near sin(theta) = 0 the floor counts
    assert not spec.matches(math.nan, 1.0) and not spec.matches(math.inf, 1.0)


def test_the_distance_spec_states_its_symmetry():
    spec = get_spec("feynman-I.8.14")
    assert [prop.name for prop in spec.properties] == ["matches_oracle", "symmetric_in_the_points"]
    swapped = spec.properties[1]
    assert swapped.check(lambda x1, x2, y1, y2: math.hypot(x2 - x1, y2 - y1), (1.0, 2.0, 3.0, 5.0))
    assert not swapped.check(lambda x1, x2, y1, y2: x2 - x1 + y2 - y1, (1.0, 2.0, 3.0, 5.0))


def _outputs(source, spec, cases):
    """The artifact's outputs on ``cases``, computed in the sandbox."""
    request = CasesRequest("artifact.py", spec.entry, tuple(cases))
    outcome = run_job("evaluate_cases", request.to_json(), files={"artifact.py": source})
    assert isinstance(outcome, Completed), outcome
    return [CaseOutput.from_json(item).output for item in outcome.value]


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_every_design_artifact_equals_the_formula_to_1e_9_and_imports_only_math(spec):
    artifact = generate(spec, "design", 0)
    module = ast.parse(artifact.source)
    imports = [node for node in ast.walk(module) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert all(isinstance(node, ast.Import) and [a.name for a in node.names] == ["math"] for node in imports)
    functions = [node for node in module.body if isinstance(node, ast.FunctionDef)]
    assert all(ast.get_docstring(function) for function in functions)  # every helper has its story
    cases = spec.held_out[:200] + tuple(shifted_point(equation_of(spec), k) for k in range(50))
    for case, got in zip(cases, _outputs(artifact.source, spec, cases)):
        want = spec.expected(case)
        assert abs(got - want) <= 1e-9 * abs(want) + 1e-15, (case, got, want)


def test_design_helpers_are_named_sub_quantities_whose_stories_give_units():
    source = generate(get_spec("feynman-I.10.7"), "design", 0).source
    assert "def lorentz_factor(v, c):" in source and "def speed_ratio_squared(v, c):" in source
    assert "dimensionless, at least 1" in source
    tests = generate(get_spec("feynman-I.8.14"), "design", 0).tests_source
    assert "artifact.squared_distance(x2, x1, y2, y1)" in tests  # the distance contract: symmetric
