"""The whole AI Feynman database as specs: the tables' provenance, the formulas against the
database's text, the shift outside the training box, the units, the transcribed designs."""

from __future__ import annotations

import csv
import hashlib
import json
import math
import random
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from sva.experiment.presets import load_presets
from sva.families import all_specs, get_spec
from sva.families.feynman import FAMILY
from sva.families.feynman.equations import CORE, STAYS, UNITS_UNCHECKED, all_equations, load
from sva.families.feynman.formula import FormulaError, evaluate, parse
from sva.families.feynman.specs import equation_of, shifted_point
from sva.families.feynman.transcribe import _text
from sva.families.feynman.units import scale_of
from sva.generate import generate

DATA = Path(__file__).resolve().parents[3] / "sva" / "families" / "feynman" / "data"
SPECS = FAMILY.specs()
BY_ID = {equation.id: equation for equation in all_equations()}


def _database_rows() -> dict[str, dict[str, str]]:
    rows = {}
    for table in ("FeynmanEquations.csv", "BonusEquations.csv"):
        with (DATA / table).open(encoding="utf-8-sig", newline="") as handle:
            rows.update({row["Filename"]: row for row in csv.DictReader(handle) if row["Filename"]})
    return rows


ROWS = _database_rows()


def test_every_equation_of_the_database_is_a_spec_100_and_20_bonus():
    assert len(SPECS) == 120 and len(ROWS) == 120
    assert [spec.kind for spec in SPECS] == list(ROWS)  # the database's order, then the bonus table's
    assert sum(equation.table == "BonusEquations.csv" for equation in all_equations()) == 20
    assert [spec.name for spec in SPECS][:2] == ["feynman-I.6.2a", "feynman-I.6.2"]
    assert SPECS[-1].name == "feynman-test_20" and SPECS[-1].entry == "feynman_test_20"


def test_sva_specs_lists_all_120_with_their_units(sva):
    result = sva("specs", "--json")
    assert result.returncode == 0, result.stderr
    listed = [spec for spec in json.loads(result.stdout) if spec["family"] == "feynman"]
    assert len(listed) == 120
    by_name = {spec["name"]: spec for spec in listed}
    # the description names the output's unit and every input's, never the formula; the notes
    # hold every variable's unit too
    assert by_name["feynman-I.10.7"]["description"] == ("Return m, the relativistic mass of a body moving at "
                                                        "speed v (mass, kg), from m_0 (mass, kg), v (velocity, "
                                                        "m s^-1), c (velocity, m s^-1).")
    assert "(thermal conductivity, m s^-3 kg T^-1)" in by_name["feynman-I.43.43"]["description"]
    assert all(spec["notes"].count(" (") >= spec["arity"] for spec in listed)


def test_the_data_is_the_tables_converted_and_names_their_checksums():
    header = load()["sha256"]
    for name, digest in header.items():
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest
    provenance = (DATA / "PROVENANCE.md").read_text()
    assert all(digest in provenance for digest in header.values())


def test_convert_reproduces_the_committed_data_byte_for_byte(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("convert", DATA / "convert.py")
    convert = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(convert)
    monkeypatch.setattr(convert, "OUT", tmp_path / "equations.json")
    assert convert.main() == 0
    assert (tmp_path / "equations.json").read_bytes() == (DATA / "equations.json").read_bytes()


def _database_value(row: dict[str, str], values: dict[str, float]) -> float:
    """The database's formula text evaluated by sympy's own reader, not the family's parser."""
    import sympy

    names = {name: sympy.Symbol(name) for name in values}
    functions = {"arcsin": sympy.asin, "arccos": sympy.acos, "ln": sympy.log, "pi": sympy.pi}
    expression = sympy.parse_expr(row["Formula"], local_dict={**names, **functions})
    return float(expression.subs({names[name]: value for name, value in values.items()}).evalf(30))


SAMPLE = sorted(set(random.Random("feynman-sample").sample(sorted(ROWS), 24)) | {"I.26.2", "II.35.21", "test_10"})


@pytest.mark.parametrize("identifier", SAMPLE)
@settings(max_examples=8, deadline=None, derandomize=True, database=None)
@given(fractions=st.lists(st.floats(0.0, 1.0), min_size=10, max_size=10))
def test_a_sample_of_equations_agrees_with_the_databases_formula_at_random_points(identifier, fractions):
    row, equation = ROWS[identifier], BY_ID[identifier]
    values = {v.name: v.low + fraction * (v.high - v.low) for v, fraction in zip(equation.variables, fractions)}
    want = _database_value(row, values)
    got = get_spec(equation.name).expected(tuple(values[name] for name in equation.params))
    assert got == pytest.approx(want, rel=1e-9, abs=1e-300)


def test_the_variables_and_ranges_are_the_database_columns():
    for identifier, row in ROWS.items():
        names = [row[f"v{k}_name"] for k in range(1, 11) if row[f"v{k}_name"]]
        equation = BY_ID[identifier]
        assert list(equation.params) == names
        assert [(v.low, v.high) for v in equation.variables] == \
            [(float(row[f"v{k}_low"]), float(row[f"v{k}_high"])) for k in range(1, len(names) + 1)]
        assert equation.text == row["Formula"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_every_shift_point_lies_outside_the_training_box(spec):
    equation = equation_of(spec)
    stays = STAYS.get(equation.id, ("",))[0]
    for index in range(40):
        point = dict(zip(spec.params, shifted_point(equation, index)))
        assert not all(v.low <= point[v.name] <= v.high for v in equation.variables)
        # every variable that can move is past its training range, the speed of light included
        assert all(point[v.name] >= v.high for v in equation.variables if v.name != stays)
        value = spec.expected(tuple(point[name] for name in spec.params))
        assert isinstance(value, float) and math.isfinite(value)  # the shift stays in the formula's domain


def test_the_speed_of_light_moves_and_the_speed_stays_below_it():
    relativistic = [equation for equation in all_equations() if equation.relativistic]
    assert {equation.id for equation in relativistic} >= {"I.10.7", "I.15.3x", "I.48.2", "test_15"}
    for equation in relativistic:
        speed, light = equation.relativistic
        for index in range(40):
            point = dict(zip(equation.params, shifted_point(equation, index)))
            assert point[light] >= equation.variable(light).high
            assert 0.6 * point[light] <= point[speed] <= 0.95 * point[light]


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_every_formula_is_homogeneous_under_the_units_table_but_the_one_listed(spec):
    equation, rng = equation_of(spec), random.Random(spec.name)

    def homogeneous(case):
        factors = [2.0 ** rng.uniform(-1, 1) for _ in range(5)]
        scaled = tuple(value * scale_of(v.units, factors) for value, v in zip(case, equation.variables))
        return math.isclose(spec.expected(scaled), spec.expected(case) * scale_of(equation.output_units, factors),
                            rel_tol=1e-9)

    verdicts = [homogeneous(case) for case in spec.held_out[:10]]
    assert all(verdicts) == (equation.id not in UNITS_UNCHECKED)


def test_twelve_designs_are_hand_written_and_the_rest_transcribed():
    kinds = {spec.kind: spec.extra["design_kind"] for spec in SPECS}
    assert {kind for kind, value in kinds.items() if value == "hand"} == set(CORE)
    assert sum(value == "transcribed" for value in kinds.values()) == 108
    source = generate(get_spec("feynman-test_1"), "design", 0).source
    assert "a reference rather than a design" in " ".join(source.split())
    assert "def part_2(Z_1, Z_2, alpha, hbar, c, E_n, theta):" in source  # the squared quotient, named
    relativistic = generate(get_spec("feynman-I.15.3t"), "design", 0).source
    assert "def lorentz_contraction(c, u):" in relativistic and "/ lorentz_contraction(c, u)" in relativistic


@pytest.mark.parametrize("identifier", ["I.6.2", "I.26.2", "II.35.21", "III.19.51", "test_1", "test_5", "test_10"])
def test_a_transcribed_design_computes_the_formula(identifier):
    spec = get_spec(f"feynman-{identifier}")
    artifact = generate(spec, "design", 0)
    namespace: dict = {}
    exec(compile(artifact.source, "artifact.py", "exec"), namespace)  # our own emitted design, not untrusted
    for case in spec.held_out[:100]:
        want = spec.expected(case)
        assert abs(namespace[spec.entry](*case) - want) <= 1e-9 * abs(want) + 1e-15


def test_specs_whose_formula_needs_a_function_gain_that_primitive_only():
    extra = {spec.kind: spec.primitives[10:] for spec in SPECS if len(spec.primitives) > 10}
    assert extra == {"I.26.2": ("ASIN",), "I.30.5": ("ASIN",), "I.44.4": ("LOG",), "II.35.21": ("TANH",),
                     "test_10": ("ACOS",)}


@pytest.mark.parametrize("text", ["__import__('os')", "x.real", "open(x)", "x[0]", "lambda: 1", "y + 1",
                                  "sqrt(x, 2)", "exp(x=1)", "x if x else 1", "'a'", "True"])
def test_the_parser_refuses_anything_outside_its_whitelist(text):
    with pytest.raises(FormulaError):
        parse(text, ("x",))


_NODES = st.deferred(lambda: st.one_of(
    st.sampled_from([["var", "x"], ["var", "y"], ["pi"]]), st.integers(1, 9).map(lambda n: ["const", n]),
    st.tuples(st.sampled_from(["add", "sub", "mul", "div"]), _NODES, _NODES).map(list),
    st.tuples(st.sampled_from(["neg", "sin", "cos", "exp"]), _NODES).map(list),
    st.tuples(st.just("pow"), _NODES, st.integers(2, 3).map(lambda n: ["const", n])).map(list)))


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(tree=_NODES)
def test_a_tree_written_back_as_text_parses_to_the_same_tree(tree):
    assert parse(_text(tree), ("x", "y")) == tree


def test_evaluation_is_exact_under_sympy_and_numeric_under_math():
    import sympy

    tree = parse("2*pi*d**(3/2)", ("d",))
    assert evaluate(tree, sympy, {"d": sympy.Symbol("d")}) == 2 * sympy.pi * sympy.Symbol("d") ** sympy.Rational(3, 2)
    assert evaluate(tree, math, {"d": 4.0}) == pytest.approx(2 * math.pi * 8.0)


def test_the_default_preset_keeps_its_specs_and_the_feynman_preset_has_all_120():
    presets = load_presets()
    default, feynman = presets["default"].specs, presets["feynman"].specs
    others = [spec.name for spec in all_specs() if spec.family != "feynman"]
    assert list(default) == others + [f"feynman-{identifier}" for identifier in CORE]
    assert list(feynman) == [spec.name for spec in SPECS]
    assert set(presets["feynman"].generators) == {"design", "search", "search-parsimony"}


def test_the_units_check_is_not_made_where_the_units_table_is_inconsistent(tmp_path):
    from sva.families.feynman.probe import probe

    spec = get_spec("feynman-I.43.16")
    module = tmp_path / "artifact.py"
    module.write_text(generate(spec, "design", 0).source, encoding="utf-8")
    namespace: dict = {}
    exec(compile(module.read_text(), str(module), "exec"), namespace)  # our own emitted design
    units = probe(spec, namespace[spec.entry], None)["units"]
    assert units["kept"] is None and "mu_drift" in units["reason"]
    kept = probe(get_spec("feynman-I.12.1"), lambda mu, Nn: mu * Nn, None)["units"]
    assert kept["kept"] is True  # elsewhere the check is made


@pytest.mark.parametrize("identifier", ["I.26.2", "I.44.4", "II.35.21", "test_10", "test_1"])
def test_a_transcribed_design_is_verified_with_the_extra_functions_read_symbolically(identifier, tmp_path):
    import importlib.util

    from sva.families.feynman.probe import probe

    spec = get_spec(f"feynman-{identifier}")
    path = tmp_path / f"{spec.entry}.py"
    path.write_text(generate(spec, "design", 0).source, encoding="utf-8")
    loader = importlib.util.spec_from_file_location(spec.entry, path)
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)  # our own emitted design, not untrusted code
    result = probe(spec, getattr(module, spec.entry), None)
    judgement = FAMILY.judge(spec, result)
    assert result["tree_reason"] is None and judgement.verified is True
    assert result["shift"]["nonfinite"] == 0  # the shift stays in the formula's domain
