"""design-auto for sorting networks: built from the 0-1 training rows alone, sorting every list."""

from __future__ import annotations

import dataclasses
import random

import pytest

from sva.errors import UsageError
from sva.families import get_spec
from sva.families.sorting.auto import NetworkDesigner
from sva.generate import generate

SIZES = (4, 5, 6, 7, 8)


def _no_oracle(*case):
    raise AssertionError("design-auto called the oracle")


def blind(spec, **changes):
    targets = tuple(spec.oracle(*case) for case in spec.training)
    return dataclasses.replace(spec, oracle=_no_oracle, targets=targets, kind="", description="", notes="",
                               extra={}, **changes)


@pytest.mark.parametrize("n", SIZES)
def test_the_network_is_the_same_without_the_oracle_and_sorts_every_list(n):
    spec = get_spec(f"sort-{n}")
    artifact = generate(spec, "design-auto", 0)
    hidden = generate(blind(spec), "design-auto", 0)
    assert (hidden.source, hidden.tests_source, hidden.manifest()) == (
        artifact.source, artifact.tests_source, artifact.manifest())
    namespace: dict = {}
    exec(compile(artifact.source, "<design-auto>", "exec"), namespace)  # noqa: S102 - our own generated code
    entry = namespace[spec.entry]
    chooser = random.Random(n)
    for values in [case[0] for case in spec.training] + [[chooser.randint(-5, 5) for _ in range(n)] for _ in range(200)]:
        assert entry(list(values)) == sorted(values)
    assert artifact.search.success is True and artifact.search.details["training_errors"] == 0


def test_the_greedy_merge_of_two_pairs_has_four_comparators():
    designer = NetworkDesigner()
    network, removed, lists = designer.greedy_merge(2, 2)
    assert network == [(1, 2), (0, 3), (0, 1), (2, 3)] and removed == [4, 3, 1, 1] and lists == 9
    assert designer.candidates_tried == 4 * 6


def test_a_function_that_is_not_sorting_is_refused_in_one_line():
    spec = get_spec("sort-4")
    reversed_targets = tuple(sorted(case[0], reverse=True) for case in spec.training)
    with pytest.raises(UsageError, match="not its input sorted"):
        generate(dataclasses.replace(spec, targets=reversed_targets), "design-auto", 0)
    with pytest.raises(UsageError, match="0-1 principle"):
        generate(dataclasses.replace(spec, training=spec.training[:-1]), "design-auto", 0)


def test_every_helper_has_a_contract_that_passes():
    from sva.sandbox import Completed, run_job

    artifact = generate(get_spec("sort-5"), "design-auto", 0)
    outcome = run_job("pytest", {"tests": "seed-0_test.py"},
                      files={"seed-0.py": artifact.source, "seed-0_test.py": artifact.tests_source})
    assert isinstance(outcome, Completed), outcome
    assert outcome.value["status"] == 0
    assert sorted(test.split("::")[1] for test in outcome.value["passed"]) == [
        "test_merge_2_1", "test_merge_3_2", "test_sort_3_wires", "test_sort_5", "test_sort_5_wires"]
