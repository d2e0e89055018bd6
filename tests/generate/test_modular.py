"""search-modular (GP with automatically defined functions, :mod:`sva.core.adf`).

Emitted modules are untrusted generated code: they are run only in a subprocess
(``tests.test_search._run_modules``), never in the test process.
"""

from __future__ import annotations

import ast
import math
import random

import pytest
from deap import gp
from hypothesis import given, settings, strategies as st

from sva.core import adf
from sva.core.emitter import emit_program
from sva.core.rng import seeded
from sva.errors import UsageError
from sva.experiment.presets import get_preset
from sva.experiment.runner import plan_cells
from sva.families.boolean import modular as boolean_modular
from sva.families.boolean.bitparallel import evaluate, pack_spec
from sva.families.boolean.primitives import PRIMITIVES as BOOLEAN
from sva.families.boolean.search import tree_to_expression
from sva.generate import GENERATORS, generate
from sva.measure.analysis import analyze_source
from sva.families import get_spec
from tests.conftest import ROOT, generate_under_hash_seeds, run_sva
from tests.families.boolean.test_search import _run_modules

#: seed 0 at the default budgets: each run stops early (parity-4 and feynman-I.14.3 call parts)
CASES = [("parity-4", None), ("feynman-I.14.3", None), ("psb-smallest", None),
         ("mux-6", {"population_size": 100, "generations": 6})]


def _tree(text: str, pset: gp.PrimitiveSet) -> gp.PrimitiveTree:
    return gp.PrimitiveTree.from_string(text, pset)


# -- the machinery on the module docstring's worked example ------------------------------------


def test_the_worked_example_evaluates_and_emits_as_the_docstring_says():
    spec = get_spec("parity-4")
    psets = boolean_modular._psets(spec, 2, 2)
    main = _tree("XOR(ADF0(x0, x1), ADF0(x2, x3))", psets[0])
    first, second = _tree("XOR(arg0, arg1)", psets[1]), _tree("AND(arg0, arg1)", psets[2])
    individual = adf.individual_class((-1.0,))([main, first, second])
    assert len(individual) == 7 + 3 + 3
    table = pack_spec(spec)
    # x0 ^ x1 ^ x2 ^ x3 is odd parity: wrong on every row of even-4-parity
    assert boolean_modular.wrong_rows(individual, table, 0, ("ADF0", "ADF1"), ("arg0", "arg1")) == 16
    returned = tree_to_expression(main)
    calls = adf.uses(returned, ("ADF0", "ADF1"))
    assert calls == {"ADF0": 2}
    rename = adf.renaming(list(calls))
    program = adf.modular_program("Doc.", spec.entry, spec.params, None, returned,
                                  {"ADF0": tree_to_expression(first), "ADF1": tree_to_expression(second)},
                                  rename, 2)
    source = emit_program(program, BOOLEAN)
    assert "def part_0(arg0, arg1):\n    return arg0 ^ arg1\n" in source
    assert "return part_0(x0, x1) ^ part_0(x2, x3)" in source
    assert "part_1" not in source and "ADF" not in source
    record = adf.parts_record([("ADF0", 2, "arg0 ^ arg1", 3), ("ADF1", 2, "arg0 and arg1", 3)], calls, rename)
    assert record["parts"] == [{"name": "part_0", "evolved_as": "ADF0", "arity": 2, "params": ["arg0", "arg1"],
                                "calls": 2, "expression": "arg0 ^ arg1", "tree_size": 3}]
    assert [part["evolved_as"] for part in record["unused_parts"]] == ["ADF1"]


def _inline(nodes, parts, params):
    """The main tree with every part call replaced by the part's body on its argument subtrees."""
    out, index = [], 0
    while index < len(nodes):
        node = nodes[index]
        if node.arity == 0 or node.name not in parts:
            out.append(node)
            index += 1
            continue
        end, start, arguments = adf._end(nodes, index), index + 1, []
        while start < end:
            stop = adf._end(nodes, start)
            arguments.append(_inline(nodes[start:stop], parts, params))
            start = stop
        for part_node in parts[node.name]:
            out.extend(arguments[params.index(part_node.value)] if part_node.arity == 0 else [part_node])
        index = end
    return out


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.integers(0, 10 ** 6), st.sampled_from(["parity-4", "mux-6", "majority-5"]))
def test_a_part_s_value_bound_by_value_equals_the_inlined_tree(seed, name):
    """adf.value (each call's value bound as a terminal) equals the family's evaluator on the tree
    with every call inlined: the fitness of a modular individual is the family's own."""
    spec = get_spec(name)
    psets = boolean_modular._psets(spec, 2, 3)
    with seeded(seed):
        trees = [gp.PrimitiveTree(gp.genHalfAndHalf(pset, 1, 5)) for pset in psets]
    table = pack_spec(spec)
    parts = dict(zip(("ADF0", "ADF1"), trees[1:]))
    params = ("arg0", "arg1", "arg2")
    bound = adf.value(trees[0], parts, params,
                      lambda tree, bindings: evaluate(tree, boolean_modular.dataclasses.replace(table, inputs=bindings)),
                      table.inputs)
    assert bound == evaluate(_inline(list(trees[0]), parts, list(params)), table)


# -- artifacts of every family -------------------------------------------------------------------


@pytest.fixture(scope="module")
def artifacts():
    return {name: generate(get_spec(name), "search-modular", 0, config) for name, config in CASES}


@pytest.mark.parametrize("name, config", CASES)
def test_artifact_is_measured_and_emits_each_called_part_as_a_function(artifacts, name, config):
    artifact, spec = artifacts[name], get_spec(name)
    record = artifact.search.to_json()
    module = ast.parse(artifact.source)
    functions = {node.name: node for node in module.body if isinstance(node, ast.FunctionDef)}
    emitted = [part["name"] for part in record["parts"]]
    assert list(functions) == emitted + [spec.entry]
    assert emitted == [f"part_{index}" for index in range(len(emitted))]
    assert len(record["parts"]) + len(record["unused_parts"]) == artifact.config["parts"] == 2
    entry_calls = [node.func.id for node in ast.walk(functions[spec.entry])
                   if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)]
    for part in record["parts"]:
        definition = functions[part["name"]]
        assert [arg.arg for arg in definition.args.args] == part["params"] == ["arg0", "arg1"]
        assert ast.get_docstring(definition) is None  # parts have no stories
        assert entry_calls.count(part["name"]) == part["calls"] >= 1
        assert ast.unparse(definition.body[0].value) == ast.unparse(ast.parse(part["expression"]).body[0].value)
    metrics = analyze_source(artifact.source).metrics
    assert metrics["units"] == 1 + len(emitted)
    assert metrics["abstraction_depth"] == (1 if emitted else 0)
    assert (metrics["decomposability"] > 0) == bool(emitted)
    # no part has a story, so reading top-down is reading every unit once
    assert metrics["explanation_length"] == metrics["audit_length"]


@pytest.mark.parametrize("name, config", CASES)
def test_budget_and_configuration_are_search_s(artifacts, name, config):
    artifact, spec = artifacts[name], get_spec(name)
    search = GENERATORS["search"].default_config(spec)
    assert {key: artifact.config[key] for key in search} == {**search, **(config or {})}
    assert (artifact.config["parts"], artifact.config["part_arity"]) == (2, 2)
    budget = artifact.search.details["budget"]
    outputs = len(spec.outputs)
    assert budget["most_evaluations"] == outputs * budget["population_size"] * (budget["generations"] + 1)
    assert budget["population_size"] == artifact.config["population_size"]
    assert 0 < artifact.search.evaluations <= budget["most_evaluations"]


def test_seed_0_evolves_used_parts_on_parity_and_the_formula(artifacts):
    assert artifacts["parity-4"].search.details["parts"] and artifacts["feynman-I.14.3"].search.details["parts"]
    assert "part_0(" in artifacts["feynman-I.14.3"].search.details["expression"]


def test_emitted_programs_compute_what_the_manifest_says(artifacts, tmp_path):
    names = [name for name, _ in CASES]
    specs = [get_spec(name) for name in names]
    outputs = _run_modules(tmp_path, [artifacts[name] for name in names], [spec.training for spec in specs])
    for name, spec, answers in zip(names, specs, outputs):
        record = artifacts[name].search.to_json()
        if spec.family == "feynman":
            target = [spec.expected(case) for case in spec.training]
            mean = sum(target) / len(target)
            r2 = 1 - sum((a - b) ** 2 for a, b in zip(answers, target)) / sum((b - mean) ** 2 for b in target)
            assert math.isclose(r2, record["training_r2"], abs_tol=1e-6)
        else:
            wrong = sum(not spec.matches(answer, spec.expected(case)) for answer, case in zip(answers, spec.training))
            assert wrong == (sum(record["training_errors"]) if spec.family == "boolean" else record["training_errors"])


# -- refusals, reproducibility ------------------------------------------------------------------


def test_sorting_refuses_search_modular_in_one_line_and_run_plans_no_cell_for_it(tmp_path):
    completed = run_sva("generate", "sort-4", "--generator", "search-modular", "--out", str(tmp_path))
    assert completed.returncode != 0
    assert "Traceback" not in completed.stderr
    assert completed.stderr.strip().splitlines() == ["sva: family 'sorting' has no search-modular generator"]
    assert not GENERATORS["search-modular"].offers(get_spec("sort-4"))
    preset = get_preset("smoke").with_overrides(specs=("parity-3", "sort-4"), generators=("search", "search-modular"),
                                                seeds=1)
    assert [task.cell for task in plan_cells(preset, tmp_path)] == [
        "parity-3/search/seed-0", "parity-3/search-modular/seed-0", "sort-4/search/seed-0"]


@pytest.mark.parametrize("name, override, named", [
    ("parity-4", {"bogus": 1}, "unknown configuration key 'bogus'"),
    ("feynman-I.14.3", {"parts": 0}, "parts=0"),
    ("psb-smallest", {"part_arity": "two"}, "part_arity='two'"),
    ("psb-smallest", {"selection": "nsga2"}, "selection='nsga2'"),
])
def test_bad_settings_are_refused_naming_them(name, override, named):
    with pytest.raises(UsageError, match=named):
        generate(get_spec(name), "search-modular", 0, override)


def test_byte_identical_whatever_the_hash_seed_and_random_restored():
    runs = [("mux-6", 1, {"population_size": 60, "generations": 4}),
            ("feynman-I.12.1", 0, {"population_size": 60, "generations": 4}),
            ("psb-count-odds", 0, {"population_size": 40, "generations": 3})]
    results = generate_under_hash_seeds("search-modular", runs)
    assert results[0] == results[1]
    random.seed(7)
    state = random.getstate()
    assert [digest for digest, _ in results[0]] == [generate(get_spec(name), "search-modular", seed, config).sha256
                                                    for name, seed, config in runs]
    assert random.getstate() == state
