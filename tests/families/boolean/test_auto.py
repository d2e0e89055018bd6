"""design-auto for the Boolean family: built from the brief alone, right on its training rows,
structures found where they are and not where they are not, the same bytes on every run."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from sva.families import all_specs, get_spec
from sva.families.boolean import auto_steps as steps
from sva.families.boolean.auto_table import Ledger, Table, assignment
from sva.families.boolean.specs import truth_table
from sva.generate import generate
from tests.families.boolean.test_design import primitives_in

BOOLEAN = tuple(spec for spec in all_specs() if spec.family == "boolean")
WHOLE_TABLE = ("parity-3", "parity-4", "parity-5", "parity-6", "mux-6", "mux-11", "majority-5", "adder-2",
               "comparator-3")


def _no_oracle(*case):
    raise AssertionError("design-auto called the oracle")


def blind(spec, **changes):
    """``spec`` with an oracle that raises, its training labels given as targets, and nothing to
    read in its kind, description, notes or extra."""
    targets = tuple(spec.oracle(*case) for case in spec.training)
    return dataclasses.replace(spec, oracle=_no_oracle, targets=targets, kind="", description="", notes="",
                               extra={}, **changes)


def run(source, entry):
    """Our own generated module, run in-process (no sandbox: the tests wrote nothing untrusted)."""
    namespace: dict = {}
    exec(compile(source, "<design-auto>", "exec"), namespace)  # noqa: S102
    return namespace[entry]


def decisions(spec):
    return generate(spec, "design-auto", 0).search.details["decisions"]


@pytest.mark.parametrize("spec", BOOLEAN, ids=lambda spec: spec.name)
def test_the_artifact_is_the_same_without_the_oracle_or_the_description(spec):
    normal = generate(spec, "design-auto", 0)
    hidden = generate(blind(spec), "design-auto", 0)
    assert hidden.source == normal.source
    assert hidden.tests_source == normal.tests_source
    assert hidden.manifest() == normal.manifest()


@pytest.mark.parametrize("spec", BOOLEAN, ids=lambda spec: spec.name)
def test_every_training_row_passes_with_the_specs_primitives_only(spec):
    artifact = generate(spec, "design-auto", 0)
    entry = run(artifact.source, spec.entry)
    assert [entry(*case) for case in spec.training] == [spec.expected(case) for case in spec.training]
    assert artifact.search.success is True and artifact.search.details["training_errors"] == 0
    assert primitives_in(artifact.source) <= set(spec.primitives)


@pytest.mark.parametrize("name", WHOLE_TABLE)
def test_a_whole_table_spec_is_right_on_its_whole_table(name):
    spec = get_spec(name)
    entry = run(generate(spec, "design-auto", 0).source, spec.entry)
    assert all(entry(*case) == spec.expected(case) for case in spec.domain.cases)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(arity=st.integers(3, 4), data=st.data())
def test_any_partial_truth_table_is_reproduced_on_its_rows(arity, data):
    rows = data.draw(st.lists(st.integers(0, (1 << arity) - 1), min_size=1, unique=True))
    labels = data.draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    cases = tuple(assignment(row, arity) for row in sorted(rows))
    by_row = dict(zip(sorted(rows), labels))
    base = get_spec(f"parity-{arity}")
    spec = dataclasses.replace(base, oracle=_no_oracle, training=cases, description="", kind="",
                               targets=tuple(by_row[row] for row in sorted(rows)))
    artifact = generate(spec, "design-auto", 0)
    entry = run(artifact.source, spec.entry)
    assert [entry(*case) for case in cases] == list(spec.targets)
    assert primitives_in(artifact.source) <= set(spec.primitives)


def test_parity_is_found_as_xor_with_every_input():
    (parity,) = [d for d in decisions(get_spec("parity-4")) if d["step"] == "parity"]
    assert parity["variables"] == ["x0", "x1", "x2", "x3"]
    assert "(x0: 8, x1: 4, x2: 2, x3: 1 pairs)" in parity["evidence"] and parity["made"] == "odd_ones_4"
    assert "not odd_ones_4(x0, x1, x2, x3)" in generate(get_spec("parity-4"), "design-auto", 0).source


def test_selection_is_found_in_the_multiplexers():
    (found,) = [d for d in decisions(get_spec("mux-6")) if d["step"] == "selection"]
    assert found["made"] == "select_by_a0_a1"
    assert "on all 64 training rows: d0 at a0 a1 = 00, d1 at 10, d2 at 01, d3 at 11 (16 rows each)" in found["evidence"]
    eleven = [d for d in decisions(get_spec("mux-11")) if d["step"] == "selection"]
    assert [d["made"] for d in eleven] == ["select_by_a0_a1_a2"]
    assert "on all 1024 training rows" in eleven[0]["evidence"]


def test_majority_is_a_threshold_and_nothing_else():
    steps_taken = {d["step"] for d in decisions(get_spec("majority-5"))}
    assert "threshold" in steps_taken and not steps_taken & {"parity", "selection", "merge", "split"}
    assert "return at_least_3_of_5(x0, x1, x2, x3, x4)" in generate(get_spec("majority-5"), "design-auto", 0).source


def test_the_adder_shares_its_low_carry_between_two_outputs():
    source = generate(get_spec("adder-2"), "design-auto", 0).source
    assert source.count("def at_least_2_of_2(") == 1
    # its definition, the carry's inner bit, and what s1 is left with once a1 and b1 are peeled
    assert source.count("at_least_2_of_2(a0, b0)") == 3


def _table(function, arity, rows=None):
    names = tuple(f"x{i}" for i in range(arity))
    chosen = range(1 << arity) if rows is None else rows
    return Table.of(names, ((assignment(row, arity), function(*assignment(row, arity))) for row in chosen))


def test_structure_tests_refuse_what_is_not_there():
    majority = _table(lambda *bits: sum(bits) >= 2, 3)
    assert steps.parity(majority, Ledger()) is None
    assert steps.selection(majority, Ledger(), 3) is None
    assert steps.threshold(_table(lambda a, b, c: a != b, 3), Ledger()) is None
    assert steps.merge(majority, Ledger(), 3) is None  # columns of any two inputs: 0, the third, 1
    comparator = _table(lambda a0, a1, b0, b1: a0 + 2 * a1 < b0 + 2 * b1, 4)
    found = steps.merge(comparator, Ledger(), 3)
    assert found is not None and found.bound == ("x0", "x2") and found.ones == (2,)  # a0=0, b0=1: a0 < b0


def test_the_threshold_is_taken_halfway_between_the_evidence():
    rows = [row for row in range(32) if bin(row).count("1") in (0, 1, 4, 5)]
    found = steps.threshold(_table(lambda *bits: sum(bits) >= 3, 5, rows), Ledger())
    assert (found.below, found.above, found.least, found.negated) == (1, 4, 3, False)


def test_an_unneeded_input_is_dropped_and_the_ledger_counts():
    ledger = Ledger()
    kept = steps.support(_table(lambda a, b, c: a and c, 3), ledger)
    assert kept.dropped == ("x1",) and kept.kept.variables == ("x0", "x2")
    assert ledger.candidates_tried >= 3 and ledger.rows_examined >= 3 * 8


def test_the_manifest_counts_the_work_and_every_decision():
    record = generate(get_spec("comparator-3"), "design-auto", 0).search
    details = record.details
    assert record.evaluations == details["candidates_tried"] > 0
    assert details["rows_examined"] >= details["training_cases"] == 64
    assert {d["step"] for d in details["decisions"]} >= {"merge"}
    assert all(set(d) == {"step", "variables", "rows", "made", "evidence"} for d in details["decisions"])


def test_a_half_table_spec_fills_its_unknown_rows_and_says_so():
    spec = get_spec("parity-4-half")
    artifact = generate(spec, "design-auto", 0)
    assert artifact.search.details["unknown_rows"] == 8
    assert "The other 8 rows of the 16-row table are filled by the structures found." in " ".join(
        artifact.source.split())


_HASHES = """
import hashlib, json, sys
from sva.families import get_spec
from sva.generate import generate
for name in sys.argv[1:]:
    artifact = generate(get_spec(name), "design-auto", 0)
    blob = artifact.source + artifact.tests_source + json.dumps(artifact.manifest()["search"], sort_keys=True)
    print(name, hashlib.sha256(blob.encode()).hexdigest())
"""


@pytest.mark.slow
def test_the_bytes_do_not_depend_on_pythonhashseed():
    names = ["adder-2", "comparator-3-half", "mux-6-half", "majority-5"]
    outputs = []
    for hashseed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hashseed}
        outputs.append(subprocess.run([sys.executable, "-c", _HASHES, *names], env=env, check=True,
                                      capture_output=True, text=True).stdout)
    assert outputs[0] == outputs[1] and len(outputs[0].splitlines()) == 4


def test_the_story_quotes_the_training_rows_it_saw():
    whole = generate(get_spec("mux-6"), "design-auto", 0).source
    half = generate(get_spec("mux-6-half"), "design-auto", 0).source
    assert "on all 64 training rows" in " ".join(whole.split())
    assert "on all 32 training rows" in " ".join(half.split())
    assert hashlib.sha256(whole.encode()).digest() != hashlib.sha256(half.encode()).digest()
    assert json.loads(json.dumps(truth_table(2)))  # the table order the stories' settings follow


@pytest.mark.parametrize("name", ["adder-2", "comparator-3-half", "majority-5"])
def test_every_part_has_a_contract_and_the_contracts_pass(name):
    import ast

    from sva.sandbox import Completed, run_job

    artifact = generate(get_spec(name), "design-auto", 0)
    functions = [node.name for node in ast.parse(artifact.source).body if isinstance(node, ast.FunctionDef)]
    outcome = run_job("pytest", {"tests": "seed-0_test.py"},
                      files={"seed-0.py": artifact.source, "seed-0_test.py": artifact.tests_source})
    assert isinstance(outcome, Completed), outcome
    assert outcome.value["status"] == 0
    assert sorted(test.split("::")[1] for test in outcome.value["passed"]) == sorted(f"test_{f}" for f in functions)


def test_a_broken_part_fails_its_own_contract():
    from sva.sandbox import Completed, run_job

    artifact = generate(get_spec("adder-2"), "design-auto", 0)
    broken = artifact.source.replace("return a0 and b0", "return a0 or b0")
    assert broken != artifact.source
    outcome = run_job("pytest", {"tests": "seed-0_test.py"},
                      files={"seed-0.py": broken, "seed-0_test.py": artifact.tests_source})
    assert isinstance(outcome, Completed), outcome
    failed = sorted(test.split("::")[1] for test in outcome.value["failed"])
    assert "test_at_least_2_of_2" in failed and "test_odd_ones_2" not in failed


def test_a_column_no_row_reaches_joins_the_first_class_it_agrees_with():
    # f = (x0 AND x1) OR x2 known everywhere except where x0 = x1 = 0 (bound set x0, x1: that column is empty)
    rows = [row for row in range(8) if row & 0b011]
    found = steps.merge(_table(lambda a, b, c: (a and b) or c, 3, rows), Ledger(), 3)
    assert found is not None and found.bound == ("x0", "x1")
    assert found.ones == (3,)  # only a0 = a1 = 1 in the True class; the empty column 00 joined the class of 01 and 10
    assert found.conflicts == 2


def test_the_name_only_names_the_artifact():
    spec = get_spec("comparator-3-half")
    renamed = blind(spec, name="renamed-spec")
    normal, other = generate(spec, "design-auto", 0), generate(renamed, "design-auto", 0)
    assert other.spec == "renamed-spec"
    # the module docstring names the spec; everything after it is the same
    assert normal.source.split('"""', 2)[2] == other.source.split('"""', 2)[2]
    assert normal.search.details == other.search.details
