"""Design templates: only the spec's primitives, correct everywhere, contracts that bite."""

from __future__ import annotations

import ast

import pytest

from sva.errors import UsageError
from sva.generate import generate
from sva.families import all_specs, get_spec
from sva.sandbox.cases import check_cases
from sva.sandbox import Completed, run_job

BOOLEAN = tuple(spec for spec in all_specs() if spec.family == "boolean")

#: Python syntax that each primitive is written as; anything else is outside every primitive set.
_PRIMITIVE_OF = {ast.And: "AND", ast.Or: "OR", ast.Not: "NOT", ast.BitXor: "XOR", ast.IfExp: "IF"}


def primitives_in(source: str) -> set[str]:
    """The primitives a module uses, read statically; fails on any other operator or literal."""
    used = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.BoolOp, ast.UnaryOp, ast.BinOp)):
            used.add(_PRIMITIVE_OF[type(node.op)])
        elif isinstance(node, ast.IfExp):
            used.add("IF")
        elif isinstance(node, (ast.Compare, ast.Import, ast.ImportFrom, ast.Subscript, ast.Attribute,
                               ast.Lambda, ast.For, ast.While)):
            raise AssertionError(f"outside the primitive set: {ast.dump(node)[:80]}")
        elif isinstance(node, ast.Constant) and not isinstance(node.value, str):
            raise AssertionError(f"constant {node.value!r} is not a primitive")
    return used


@pytest.mark.parametrize("spec", BOOLEAN, ids=lambda spec: spec.name)
def test_design_uses_only_the_specs_primitives(spec):
    assert primitives_in(generate(spec, "design", 0).source) <= set(spec.primitives)


@pytest.mark.parametrize("spec", BOOLEAN, ids=lambda spec: spec.name)
def test_design_is_correct_on_the_whole_truth_table(spec):
    check = check_cases(generate(spec, "design", 0).source, spec, spec.domain.cases)
    assert check.crash is None
    assert check.passed == check.cases == 2 ** spec.arity


@pytest.mark.parametrize("spec", BOOLEAN, ids=lambda spec: spec.name)
def test_design_contracts_pass_with_one_test_per_function(spec):
    artifact = generate(spec, "design", 0)
    functions = [node.name for node in ast.parse(artifact.source).body if isinstance(node, ast.FunctionDef)]
    outcome = run_job("pytest", {"tests": "seed-0_test.py"},
                      files={"seed-0.py": artifact.source, "seed-0_test.py": artifact.tests_source})
    assert isinstance(outcome, Completed), outcome
    assert outcome.value["status"] == 0
    assert sorted(test.split("::")[1] for test in outcome.value["passed"]) == sorted(f"test_{f}" for f in functions)


def test_a_broken_helper_fails_its_own_contract_and_only_that_one():
    artifact = generate(get_spec("parity-4"), "design", 0)
    broken = artifact.source.replace("return b0 ^ b1", "return b0 or b1")
    assert broken != artifact.source
    outcome = run_job("pytest", {"tests": "seed-0_test.py"},
                      files={"seed-0.py": broken, "seed-0_test.py": artifact.tests_source})
    assert isinstance(outcome, Completed)
    assert outcome.value["status"] == 1
    # odd_ones_2 is wrong on (1, 1); odd_ones_4 and parity_4 call it, so they fail too.
    failed = sorted(test.split("::")[1] for test in outcome.value["failed"])
    assert failed == ["test_odd_ones_2", "test_odd_ones_4", "test_parity_4"]


@pytest.mark.parametrize("name, functions", [
    ("parity-6", ["odd_ones_2", "odd_ones_3", "odd_ones_6", "parity_6"]),
    ("parity-5", ["odd_ones_2", "odd_ones_3", "odd_ones_5", "parity_5"]),
    ("mux-11", ["select", "mux_of_2", "mux_of_4", "mux_11"]),
    ("adder-2", ["half_adder_sum", "half_adder_carry", "full_adder_sum", "full_adder_carry", "adder_2"]),
    ("comparator-3", ["bit_less", "bits_equal", "less_at_bit", "comparator_3"]),
])
def test_templates_are_parameterised_by_problem_size(name, functions):
    source = generate(get_spec(name), "design", 0).source
    assert [node.name for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)] == functions


def test_every_design_helper_has_a_story():
    for spec in BOOLEAN:
        tree = ast.parse(generate(spec, "design", 0).source)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                assert ast.get_docstring(node), f"{spec.name}: {node.name} has no story"


def test_design_ignores_the_seed_but_records_it():
    spec = get_spec("majority-5")
    first, second = generate(spec, "design", 0), generate(spec, "design", 7)
    assert first.source == second.source
    assert (first.seed, second.seed) == (0, 7)
    assert first.manifest()["config"] == {"template": "majority/threshold-prefixes", "contract_examples": 64}


def test_design_refuses_an_unknown_setting():
    with pytest.raises(UsageError, match="unknown configuration key 'population'"):
        generate(get_spec("parity-3"), "design", 0, {"population": 10})
