"""Contracts of the parts of seed-0.py: one property test per function that has one.

Generated with the artifact. Each test calls one function of the artifact directly and checks
it against the promise in its story, over inputs drawn by Hypothesis (derandomized).
"""

import importlib.util
import pathlib

from hypothesis import given, settings, strategies as st


def _load_artifact():
    """Load the artifact beside this file by path: its file name is not a module name."""
    path = pathlib.Path(__file__).with_name('seed-0.py')
    spec = importlib.util.spec_from_file_location("artifact_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


artifact = _load_artifact()

from hypothesis import Phase

#: A failing wires contract is reported as found, not shrunk: shrinking lists of positions is
#: slow and every mutant a contract kills would pay for it.
_NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)


def _wires_case(data, runs):
    """A list, the positions a helper acts on, and the sorted values they must end up holding.

    Each run of positions gets sorted values (the helper's precondition); the positions are
    drawn in any order among a few more list slots, which hold strings the helper must leave
    alone (comparing one with a number raises TypeError).
    """
    values = []
    for length in runs:
        values += sorted(data.draw(st.lists(st.integers(-50, 50), min_size=length, max_size=length)))
    slots = len(values) + data.draw(st.integers(0, 3))
    positions = data.draw(st.permutations(range(slots)))[:len(values)]
    wires = [f"untouched {slot}" for slot in range(slots)]
    for position, value in zip(positions, values):
        wires[position] = value
    return wires, positions, sorted(values)


def _others(wires, positions):
    return [value for slot, value in enumerate(wires) if slot not in positions]


@settings(max_examples=64, derandomize=True, database=None, deadline=None, phases=_NO_SHRINK)
@given(data=st.data())
def test_merge_2_2(data):
    """Contract of merge_2_2: Given wires a0..a1 sorted and wires b0..b1 sorted, leaves all 4 values sorted in the order a0..a1, b0..b1."""
    wires, positions, expected = _wires_case(data, (2, 2))
    others = _others(wires, positions)
    artifact.merge_2_2(wires, *positions)
    assert [wires[position] for position in positions] == expected
    assert _others(wires, positions) == others


@settings(max_examples=64, derandomize=True, database=None, deadline=None, phases=_NO_SHRINK)
@given(data=st.data())
def test_sort_4_wires(data):
    """Contract of sort_4_wires: Sorts the 4 values on wires w0..w3 in place, smallest on w0."""
    wires, positions, expected = _wires_case(data, (1, 1, 1, 1))
    others = _others(wires, positions)
    artifact.sort_4_wires(wires, *positions)
    assert [wires[position] for position in positions] == expected
    assert _others(wires, positions) == others


@settings(max_examples=64, derandomize=True, database=None, deadline=None, phases=_NO_SHRINK)
@given(data=st.data())
def test_merge_4_4(data):
    """Contract of merge_4_4: Given wires a0..a3 sorted and wires b0..b3 sorted, leaves all 8 values sorted in the order a0..a3, b0..b3."""
    wires, positions, expected = _wires_case(data, (4, 4))
    others = _others(wires, positions)
    artifact.merge_4_4(wires, *positions)
    assert [wires[position] for position in positions] == expected
    assert _others(wires, positions) == others


@settings(max_examples=64, derandomize=True, database=None, deadline=None, phases=_NO_SHRINK)
@given(data=st.data())
def test_sort_8_wires(data):
    """Contract of sort_8_wires: Sorts the 8 values on wires w0..w7 in place, smallest on w0."""
    wires, positions, expected = _wires_case(data, (1, 1, 1, 1, 1, 1, 1, 1))
    others = _others(wires, positions)
    artifact.sort_8_wires(wires, *positions)
    assert [wires[position] for position in positions] == expected
    assert _others(wires, positions) == others


@settings(max_examples=64, derandomize=True, database=None, deadline=None, phases=_NO_SHRINK)
@given(data=st.data())
def test_merge_8_8(data):
    """Contract of merge_8_8: Given wires a0..a7 sorted and wires b0..b7 sorted, leaves all 16 values sorted in the order a0..a7, b0..b7."""
    wires, positions, expected = _wires_case(data, (8, 8))
    others = _others(wires, positions)
    artifact.merge_8_8(wires, *positions)
    assert [wires[position] for position in positions] == expected
    assert _others(wires, positions) == others


@settings(max_examples=64, derandomize=True, database=None, deadline=None, phases=_NO_SHRINK)
@given(data=st.data())
def test_sort_16_wires(data):
    """Contract of sort_16_wires: Sorts the 16 values on wires w0..w15 in place, smallest on w0."""
    wires, positions, expected = _wires_case(data, (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1))
    others = _others(wires, positions)
    artifact.sort_16_wires(wires, *positions)
    assert [wires[position] for position in positions] == expected
    assert _others(wires, positions) == others


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(values=st.lists(st.integers(-1000, 1000), min_size=16, max_size=16))
def test_sort_16(values):
    """Contract of sort_16: Return the 16 values sorted in non-decreasing order, using compare-exchanges only."""
    assert artifact.sort_16(values) == (sorted(values))
