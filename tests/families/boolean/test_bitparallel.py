"""The bit-parallel evaluator agrees with the per-row reference, and with hand-checked cases."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest
from deap import gp

from sva.errors import UsageError
from sva.families.boolean.bitparallel import (
    count_errors,
    evaluate,
    pack_rows,
    pack_spec,
    primitive_set,
    reference_errors,
)
from sva.core.rng import seeded
from sva.families import get_spec
from sva.families.boolean.specs import truth_table

RANDOM_TREES = 300


def _tree(pset: gp.PrimitiveSet, text: str) -> gp.PrimitiveTree:
    return gp.PrimitiveTree.from_string(text, pset)


def _parity2_rows():
    """Rows of a 2-input table with the even-2-parity target (True when x0 == x1)."""
    cases = truth_table(2)
    return cases, [a == b for a, b in cases]


def test_xor_is_wrong_on_every_even_parity_row():
    cases, expected = _parity2_rows()
    pset = primitive_set(("AND", "OR", "NOT", "XOR"), ("x0", "x1"))
    table = pack_rows(("x0", "x1"), cases, expected, ("even",))
    assert table.inputs == {"x0": 0b1010, "x1": 0b1100}
    assert table.targets == (0b1001,)
    assert table.mask == 0b1111
    xor = _tree(pset, "XOR(x0, x1)")
    assert evaluate(xor, table) == 0b0110
    assert count_errors(xor, table) == 4  # XOR is odd parity: wrong on all four rows
    assert count_errors(_tree(pset, "NOT(XOR(x0, x1))"), table) == 0
    assert count_errors(_tree(pset, "AND(x0, x1)"), table) == 1  # wrong only on row 0 (both False)
    assert count_errors(_tree(pset, "x0"), table) == 2


def test_not_and_if_stay_inside_the_row_mask():
    cases = truth_table(3)
    pset = primitive_set(("AND", "OR", "NOT", "IF"), ("c", "a", "b"))
    table = pack_rows(("c", "a", "b"), cases, [a if c else b for c, a, b in cases], ("out",))
    assert evaluate(_tree(pset, "NOT(c)"), table) == 0b01010101
    assert evaluate(_tree(pset, "NOT(NOT(c))"), table) == table.inputs["c"]
    assert count_errors(_tree(pset, "IF(c, a, b)"), table) == 0
    assert count_errors(_tree(pset, "IF(c, b, a)"), table) == 4  # wrong wherever a != b
    assert 0 <= evaluate(_tree(pset, "IF(NOT(c), NOT(a), NOT(b))"), table) <= table.mask


def test_multi_output_targets_are_packed_per_output():
    spec = get_spec("adder-2")
    table = pack_spec(spec)
    assert table.outputs == ("s0", "s1", "carry")
    pset = primitive_set(spec.primitives, spec.params)
    assert count_errors(_tree(pset, "XOR(a0, b0)"), table, output=0) == 0
    assert count_errors(_tree(pset, "XOR(XOR(a1, b1), AND(a0, b0))"), table, output=1) == 0
    assert count_errors(_tree(pset, "XOR(a0, b0)"), table, output=2) > 0


def test_only_the_given_rows_are_packed():
    spec = get_spec("mux-11")
    table = pack_spec(spec)
    assert table.rows == len(spec.training) == 1024
    full = pack_spec(spec, spec.domain.cases)
    assert full.rows == 2048 and full.mask == (1 << 2048) - 1


@pytest.mark.parametrize("spec_name", ["parity-3", "parity-6", "mux-6", "mux-11", "majority-5",
                                       "adder-2", "comparator-3"])
def test_bit_parallel_fitness_equals_per_row_reference_on_random_trees(spec_name):
    spec = get_spec(spec_name)
    pset = primitive_set(spec.primitives, spec.params)
    cases = spec.domain.cases  # the whole table, and the training subset below
    table = pack_spec(spec, cases)
    training = pack_spec(spec)
    with seeded(sum(map(ord, spec_name))):
        trees = [gp.PrimitiveTree(gp.genHalfAndHalf(pset, 1, 7)) for _ in range(RANDOM_TREES)]
    checked_primitives = set()
    for tree in trees:
        checked_primitives.update(node.name for node in tree if isinstance(node, gp.Primitive))
        for output in range(len(spec.outputs)):
            expected = [spec.expected(case) if len(spec.outputs) == 1 else spec.expected(case)[output]
                        for case in cases]
            assert count_errors(tree, table, output) == reference_errors(tree, pset, cases, expected), str(tree)
        train_expected = [spec.expected(case) if len(spec.outputs) == 1 else spec.expected(case)[0]
                          for case in spec.training]
        assert count_errors(tree, training, 0) == reference_errors(tree, pset, spec.training, train_expected)
    assert checked_primitives == set(spec.primitives)


def test_primitive_set_follows_the_spec():
    spec = get_spec("mux-6")
    pset = primitive_set(spec.primitives, spec.params)
    assert pset.arguments == list(spec.params)
    assert [primitive.name for primitive in pset.primitives[pset.ret]] == list(spec.primitives)
    assert [primitive.arity for primitive in pset.primitives[pset.ret]] == [2, 2, 1, 3]
    assert [str(terminal.value) for terminal in pset.terminals[pset.ret]] == list(spec.params)


def test_unknown_primitive_and_bad_rows_are_usage_errors():
    with pytest.raises(UsageError, match="NAND"):
        primitive_set(("AND", "NAND"), ("x0",))
    with pytest.raises(UsageError, match="empty"):
        pack_rows(("x0",), [], [], ("out",))
    with pytest.raises(UsageError, match="2 expected"):
        pack_rows(("x0",), [(True,)], [True, False], ("out",))


def test_parity_4_hand_checked():
    spec = get_spec("parity-4")
    pset = primitive_set(spec.primitives, spec.params)
    table = pack_spec(spec)
    state = random.getstate()
    assert count_errors(_tree(pset, "XOR(x0, XOR(x1, NOT(XOR(x2, x3))))"), table) == 0  # even parity
    assert count_errors(_tree(pset, "XOR(x0, XOR(x1, XOR(x2, x3)))"), table) == 16  # odd: all wrong
    assert count_errors(_tree(pset, "NOT(x0)"), table) == 8
    assert random.getstate() == state  # evaluation draws nothing


def test_benchmark_runs_and_finds_identical_fitness(capsys, monkeypatch):
    """A tiny run of benchmarks/bench_evaluate.py: it checks fitness itself (no timing asserted)."""
    path = Path(__file__).resolve().parents[3] / "benchmarks" / "bench_evaluate.py"
    loader = importlib.util.spec_from_file_location("bench_evaluate", path)
    bench = importlib.util.module_from_spec(loader)
    monkeypatch.setitem(sys.modules, "bench_evaluate", bench)  # dataclasses look their module up
    loader.loader.exec_module(bench)
    assert bench.main(["--json", "--rounds", "1", "--trees", "10"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [result["problem"] for result in results] == ["even-6-parity", "11-multiplexer"]
    assert [result["rows"] for result in results] == [64, 2048]
    for result in results:
        assert result["fitness_identical"] is True
        assert {"reference_s", "ours_s", "ratio"} <= set(result)
