"""Sorting networks, generation side: network functions, specs, the record, design, search.

Hand-checked values on tiny networks; Hypothesis where a property exists (bit-sliced counts equal
the per-vector reference, depth equals the number of greedy layers). Generated code runs only in
the sandbox (``run_job``) or a fresh ``sva`` process.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import random
from itertools import product

import pytest
from hypothesis import given, strategies as st

from sva.errors import UsageError
from sva.generate import generate
from sva.generate.design import check_primitives
from sva.families.sorting.design import batcher, program_network
from sva.core.emitter import emit_program
from sva.families.sorting.primitives import PRIMITIVES
from sva.families.sorting.search import (BUDGETS, GASettings, MUTATIONS, bitsliced_fitness, default_config,
                                              evolve, mutate, network_program)
from sva.families import get_spec
from sva.families.sorting.networks import (apply_network, best_known, depth, initial_masks, layers, record,
                                     sorts_all_binary, unsorted_count, wire_masks)
from sva.families.sorting.specs import SIZES, binary_vectors
from sva.sandbox import Completed, run_job

OPTIMAL_4 = [(0, 1), (2, 3), (0, 2), (1, 3), (1, 2)]


def reference_unsorted(pairs, n):
    """Per-vector reference: simulate every 0/1 input in Python (DEAP's example style)."""
    count = 0
    for bits in product((0, 1), repeat=n):
        out = apply_network(pairs, bits)
        count += any(out[k] > out[k + 1] for k in range(n - 1))
    return count


def drawing_layers(pairs):
    """DEAP's sorting-network example: a comparator joins the last drawing layer unless its wire
    interval overlaps one already there (a count by comparators alone overstates depth)."""
    result = [[]]
    for i, j in pairs:
        if any(not (j < a or b < i) for a, b in result[-1]):
            result.append([])
        result[-1].append((i, j))
    return len(result)


@st.composite
def networks(draw, min_wires=2, max_wires=7, max_size=30):
    n = draw(st.integers(min_wires, max_wires))
    pair = st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True).map(lambda p: (min(p), max(p)))
    return n, draw(st.lists(pair, max_size=max_size))


# --- network functions -----------------------------------------------------------------------

def test_layers_of_the_optimal_4_network_hand_checked():
    assert layers(OPTIMAL_4) == [[(0, 1), (2, 3)], [(0, 2), (1, 3)], [(1, 2)]]
    assert depth(OPTIMAL_4) == 3
    assert drawing_layers(OPTIMAL_4) == 4  # DEAP's drawing layers separate (0,2) and (1,3)


@pytest.mark.parametrize("pairs, expected", [
    ([], 0), ([(0, 1)], 1), ([(0, 1), (0, 1)], 2), ([(0, 1), (1, 2), (0, 1)], 3),
    ([(0, 3), (1, 2)], 1),             # nested intervals, disjoint wires: one layer
    ([(0, 1), (2, 3), (1, 2), (4, 5)], 2),  # (4,5) goes back to the first layer
])
def test_depth_hand_checked(pairs, expected):
    assert depth(pairs) == expected == len(layers(pairs))


def test_wire_masks_worked_example_on_two_wires():
    assert initial_masks(2) == (0b1010, 0b1100)
    assert wire_masks([], 2) == [0b1010, 0b1100]
    assert unsorted_count([], 2) == 1  # only input r = 1, i.e. [1, 0]
    assert wire_masks([(0, 1)], 2) == [0b1000, 0b1110]
    assert unsorted_count([(0, 1)], 2) == 0


def test_initial_masks_put_bit_k_of_r_on_wire_k():
    masks = initial_masks(4)
    for r in range(16):
        assert [(mask >> r) & 1 for mask in masks] == [(r >> k) & 1 for k in range(4)]


@given(networks())
def test_bit_sliced_count_equals_the_per_vector_reference(case):
    n, pairs = case
    expected = reference_unsorted(pairs, n)
    assert unsorted_count(pairs, n) == expected
    assert bitsliced_fitness(n)(pairs) == (expected, len(pairs), len(layers(pairs)))
    assert sorts_all_binary(pairs, n) == (expected == 0)


@given(networks(max_wires=9, max_size=40), st.randoms(use_true_random=False))
def test_depth_is_the_number_of_greedy_layers_whatever_the_orientation(case, rng):
    n, pairs = case
    flipped = [(j, i) if rng.random() < 0.5 else (i, j) for i, j in pairs]
    assert depth(flipped) == len(layers(flipped)) == depth(flipped, n)
    for number, layer in enumerate(layers(flipped)):
        wires = [wire for pair in layer for wire in pair]
        assert len(wires) == len(set(wires)), number  # a layer touches each wire once


def test_apply_network_swaps_objects_and_never_copies():
    values = [3.0, 1, 2, 1.0]
    out = apply_network(OPTIMAL_4, values)
    assert out == [1, 1.0, 2, 3.0]
    assert sorted(map(id, out)) == sorted(map(id, values))


@pytest.mark.parametrize("call, named", [
    (lambda: depth([(1, 1)]), "(1, 1)"),
    (lambda: layers([(0,)]), "(0,)"),
    (lambda: wire_masks([(0, 5)], 3), "(0, 5)"),
    (lambda: best_known(17), "n=17"),
])
def test_bad_networks_are_usage_errors_naming_the_value(call, named):
    with pytest.raises(UsageError, match=named.replace("(", r"\(").replace(")", r"\)")):
        call()


def test_the_record_restates_the_reference_table():
    sizes = {n: best_known(n)[0] for n in range(1, 17)}
    depths = {n: best_known(n)[1] for n in range(1, 17)}
    assert [sizes[n] for n in range(1, 17)] == [0, 1, 3, 5, 9, 12, 16, 19, 25, 29, 35, 39, 45, 51, 56, 60]
    assert [depths[n] for n in range(1, 17)] == [0, 1, 3, 3, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 9, 9]
    rows = record()
    assert [row["n"] for row in rows] == list(range(1, 17))
    assert [row["size_status"] for row in rows] == ["optimal"] * 12 + ["best known"] * 4
    assert any("A003075" in source for source in rows[0]["sources"])
    assert "Floyd and Knuth" in rows[7]["note"]


# --- specs -----------------------------------------------------------------------------------

def test_sorting_specs_state_their_entry_primitives_and_cases():
    spec = get_spec("sort-8")
    assert (spec.family, spec.kind, spec.entry, spec.params, spec.size) == ("sorting", "network", "sort_8",
                                                                          ("values",), 8)
    assert spec.primitives == ("COPY", "COMPARE_EXCHANGE")
    assert [prop.name for prop in spec.properties] == ["matches_oracle", "sorted", "permutation"]
    assert spec.domain.cases is None and spec.shifted is not None
    assert spec.training == binary_vectors(8) and len(spec.training) == 256
    assert spec.training[6] == ((0, 1, 1, 0, 0, 0, 0, 0),)
    held = [values for (values,) in spec.held_out]
    assert len(held) == len(set(held)) == 200
    assert all(len(values) == 8 and max(values) > 1 and 0 <= min(values) for values in held)
    assert sum(len(set(values)) < 8 for values in held) == 200  # 5 values on 8 wires: always duplicates
    assert spec.expected(((3, 1, 2),)) == [1, 2, 3]


def test_sorting_properties_catch_wrong_entries():
    spec = get_spec("sort-4")
    matches, ordered, permutation = spec.properties
    case = ((3, 1, 2, 1),)
    assert all(prop.check(spec.oracle, case) for prop in spec.properties)
    assert not ordered.check(lambda values: list(values), case)
    assert not permutation.check(lambda values: [1, 1, 1, 1], case)   # sorted but not a permutation
    assert ordered.check(lambda values: [1, 1, 1, 1], case)
    assert not permutation.check(lambda values: [1, 1, 2, 3, 3], case)
    assert not matches.check(lambda values: sorted(values, reverse=True), case)


def test_the_shifted_domain_reaches_negatives_floats_and_repeats():
    from hypothesis import find

    strategy = get_spec("sort-6").shifted.strategy()
    assert all(value < 0 for value in find(strategy, lambda v: all(x < 0 for x in v)))
    assert any(isinstance(value, float) for value in find(strategy, lambda v: any(isinstance(x, float) for x in v)))
    assert len(find(strategy, lambda v: len(set(v)) == 1 and v[0] != 0)) == 6


# --- the shared emitter ------------------------------------------------------------------------

def test_a_compare_exchange_is_emitted_in_the_decided_form():
    spec = get_spec("sort-4")
    source = emit_program(network_program(spec, [(0, 2), (1, 3)], "Two comparators."), PRIMITIVES)
    assert source.endswith(
        "def sort_4(values):\n"
        '    """Return the 4 values sorted in non-decreasing order, using compare-exchanges only."""\n'
        "    wires = list(values)\n"
        "    if wires[2] < wires[0]:\n"
        "        wires[0], wires[2] = wires[2], wires[0]\n"
        "    if wires[3] < wires[1]:\n"
        "        wires[1], wires[3] = wires[3], wires[1]\n"
        "    return wires\n")
    import libcst

    assert libcst.parse_module(source).code == source  # printing the parsed source changes nothing


# --- design ------------------------------------------------------------------------------------

#: (comparators, depth) of the design network per n, as measured from the IR.
DESIGN_FIGURES = {4: (5, 3), 5: (9, 5), 6: (12, 6), 7: (16, 6), 8: (19, 6), 10: (32, 10), 12: (41, 10),
                  16: (63, 10)}


def test_batcher_8_has_19_comparators_depth_6_and_16_has_63_depth_10():
    for n, figures in ((8, (19, 6)), (16, (63, 10))):
        network = program_network(batcher(get_spec(f"sort-{n}")))
        assert (len(network), depth(network)) == figures


@pytest.mark.parametrize("n", SIZES)
def test_every_design_network_passes_the_0_1_check(n):
    spec = get_spec(f"sort-{n}")
    program = batcher(spec)
    check_primitives(program, spec)
    network = program_network(program)
    assert sorts_all_binary(network, n)
    assert (len(network), depth(network)) == DESIGN_FIGURES[n]
    assert len(network) >= best_known(n)[0]


def test_design_reuses_one_helper_for_both_halves_and_uses_only_its_primitives():
    artifact = generate(get_spec("sort-8"), "design", 0)
    tree = ast.parse(artifact.source)
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert list(functions) == ["merge_2_2", "sort_4_wires", "merge_4_4", "sort_8_wires", "sort_8"]
    calls = [node.func.id for node in ast.walk(functions["sort_8_wires"]) if isinstance(node, ast.Call)]
    assert calls == ["sort_4_wires", "sort_4_wires", "merge_4_4"]
    comparisons = [node for node in ast.walk(tree) if isinstance(node, ast.Compare)]
    assert len(comparisons) == 3 + 2 + 3  # merge_2_2, sort_4_wires, merge_4_4: one per compare-exchange
    assert all(isinstance(node.ops[0], ast.Lt) and len(node.ops) == 1 for node in comparisons)
    assert all(ast.get_docstring(node) for node in functions.values())


def test_design_contracts_pass_with_one_test_per_function():
    artifact = generate(get_spec("sort-6"), "design", 0)
    functions = [node.name for node in ast.parse(artifact.source).body if isinstance(node, ast.FunctionDef)]
    outcome = run_job("pytest", {"tests": "seed-0_test.py"},
                      files={"seed-0.py": artifact.source, "seed-0_test.py": artifact.tests_source})
    assert isinstance(outcome, Completed), outcome
    assert outcome.value["status"] == 0
    assert sorted(test.split("::")[1] for test in outcome.value["passed"]) == sorted(f"test_{f}" for f in functions)


@pytest.mark.slow
def test_the_merge_helpers_contract_catches_a_broken_merge_on_its_own():
    artifact = generate(get_spec("sort-8"), "design", 0)
    last = ("    if wires[b2] < wires[b1]:\n"
            "        wires[b1], wires[b2] = wires[b2], wires[b1]\n")
    assert artifact.source.count(last) == 1
    broken = artifact.source.replace(last, "")  # merge_4_4 without its last compare-exchange
    outcome = run_job("pytest", {"tests": "seed-0_test.py"},
                      files={"seed-0.py": broken, "seed-0_test.py": artifact.tests_source})
    assert isinstance(outcome, Completed)
    failed = sorted(test.split("::")[1] for test in outcome.value["failed"])
    passed = sorted(test.split("::")[1] for test in outcome.value["passed"])
    assert failed == ["test_merge_4_4", "test_sort_8", "test_sort_8_wires"]
    assert passed == ["test_merge_2_2", "test_sort_4_wires"]


# --- search ------------------------------------------------------------------------------------

def test_default_budgets_are_the_calibrated_ones_up_to_8_and_stated_above():
    for n in SIZES:
        config = default_config(get_spec(f"sort-{n}"))
        assert (config["population_size"], config["generations"]) == BUDGETS.get(n, (300, 200))
        assert json.loads(json.dumps(config)) == config
    assert (config["tournament_size"], config["crossover_probability"], config["mutation_probability"]) == (5, 0.5, 0.8)


def test_each_mutation_operator_does_what_it_says():
    seen = {}
    for seed in range(40):
        rng_state = random.getstate()
        random.seed(seed)
        network = [(0, 1), (2, 3), (1, 2)]
        operator = mutate(network, 4)
        random.setstate(rng_state)
        seen[operator] = network
        assert all(0 <= i < j < 4 for i, j in network), (operator, network)
        if operator == "add":
            assert len(network) == 4
        elif operator == "remove":
            assert len(network) == 2 and all(pair in [(0, 1), (2, 3), (1, 2)] for pair in network)
        elif operator == "move":
            changed = [k for k in range(3) if network[k] != [(0, 1), (2, 3), (1, 2)][k]]
            assert len(changed) == 1
            assert len(set(network[changed[0]]) & set([(0, 1), (2, 3), (1, 2)][changed[0]])) == 1
        else:
            assert sorted(network) == sorted([(0, 1), (2, 3), (1, 2)]) and network != [(0, 1), (2, 3), (1, 2)]
    assert sorted(seen) == sorted(MUTATIONS)
    empty: list = []
    assert mutate(empty, 3) in ("add",) and len(empty) == 1  # nothing to remove, move or swap


def test_search_on_sort_4_finds_the_optimal_network_and_records_it():
    state = random.getstate()
    artifact = generate(get_spec("sort-4"), "search", 0)
    assert random.getstate() == state
    record = artifact.search.to_json()
    network = [tuple(pair) for pair in record["network"]]
    assert record["success"] is True and record["training_errors"] == [0]
    assert (record["comparators"], record["depth"]) == (len(network), depth(network)) == (5, 3)
    assert (record["best_known_comparators"], record["best_known_depth"]) == (5, 3)
    assert sorts_all_binary(network, 4)
    assert record["best_fitness_per_generation"][0][-1] == 0
    assert len(record["best_fitness_per_generation"][0]) == record["generations"][0] + 1
    assert record["training_cases"] == 16
    assert artifact.source.count(" < ") == 5 and "wires = list(values)" in artifact.source
    assert artifact.source == generate(get_spec("sort-4"), "search", 0).source


def test_a_small_budget_run_fails_honestly_and_keeps_elitism():
    run = evolve(10, GASettings.from_config({**default_config(get_spec("sort-10")), "population_size": 10,
                                             "generations": 4}), seed=1)
    history = run.best_unsorted_per_generation
    assert len(history) == run.generations + 1 == 5
    assert all(later <= earlier for earlier, later in zip(history, history[1:]))
    assert run.unsorted == unsorted_count(run.best, 10) == history[-1] > 0
    assert run.first_valid_generation is None


@pytest.mark.parametrize("override, named", [
    ({"population_size": 1}, "population_size=1"),
    ({"mutation_probability": 2}, "mutation_probability=2"),
    ({"init_length_min_factor": 2.0}, "init_length_min_factor=2.0"),
    ({"stop_at_best_known": "yes"}, "stop_at_best_known='yes'"),
    ({"height_limit": 3}, "height_limit"),
])
def test_bad_configuration_is_a_usage_error_naming_the_value(override, named):
    with pytest.raises(UsageError, match=named):
        generate(get_spec("sort-4"), "search", 0, override)


def test_the_sorting_search_refuses_a_spec_that_is_not_a_network():
    foreign = dataclasses.replace(get_spec("parity-3"), family="sorting")
    with pytest.raises(UsageError, match="kind 'parity'"):
        generate(foreign, "search", 0)


@pytest.mark.parametrize("generator", ["search", "design"])
@pytest.mark.slow
def test_sort_6_seed_1_is_identical_across_hash_seeds(sva, tmp_path, generator):
    sources = []
    for hash_seed in ("0", "987654321"):
        out = tmp_path / hash_seed
        result = sva("generate", "sort-6", "--generator", generator, "--seed", "1", "--out", str(out),
                     env={"PYTHONHASHSEED": hash_seed})
        assert result.returncode == 0, result.stderr
        folder = out / "sort-6" / generator
        sources.append((folder / "seed-1.py").read_bytes())
        if generator == "design":
            sources.append((folder / "seed-1_test.py").read_bytes())
        else:
            sources.append(json.dumps(json.loads((folder / "seed-1.json").read_text())["search"]["network"]))
    assert sources[:2] == sources[2:]
    assert b"def sort_6(values):" in sources[0]


@pytest.mark.slow
def test_search_finds_a_valid_network_for_n_4_to_8_on_4_of_5_seeds_at_the_default_budget():
    """Default budget: population 300, at most 200 generations (the calibration). Sizes are set
    against the record: a valid network can never beat a proven optimum (n <= 8)."""
    for n in (4, 5, 6, 7, 8):
        spec = get_spec(f"sort-{n}")
        assert (default_config(spec)["population_size"], default_config(spec)["generations"]) == (300, 200)
        records = [generate(spec, "search", seed).search.to_json() for seed in range(5)]
        valid = [record for record in records if record["success"]]
        assert len(valid) >= 4, (n, [record["training_errors"] for record in records])
        known_size, known_depth = best_known(n)
        for record in valid:
            network = [tuple(pair) for pair in record["network"]]
            assert sorts_all_binary(network, n)
            assert record["comparators"] == len(network) >= known_size
            assert record["depth"] == depth(network) >= known_depth
        assert min(record["comparators"] for record in valid) <= known_size + 3, n


def test_the_sorting_benchmark_runs_and_both_evaluators_agree(capsys, monkeypatch):
    """A tiny run of benchmarks/bench_sorting.py: it checks the counts itself (no timing asserted)."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "benchmarks" / "bench_sorting.py"
    loader = importlib.util.spec_from_file_location("bench_sorting", path)
    bench = importlib.util.module_from_spec(loader)
    monkeypatch.setitem(sys.modules, "bench_sorting", bench)  # dataclasses look their module up
    loader.loader.exec_module(bench)
    network = bench.random_networks(8, 1, 60, seed=0)[0]
    assert len(network) == 60 and all(0 <= i < j < 8 for i, j in network)
    assert bench.per_vector_unsorted(network, 8) == reference_unsorted(network, 8) == unsorted_count(network, 8)
    assert bench.main(["--json", "--rounds", "1", "--networks", "3"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [(r["n"], r["inputs"], r["networks"], r["counts_identical"]) for r in results] == \
        [(8, 256, 3, True), (12, 4096, 3, True)]
