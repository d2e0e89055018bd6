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


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(x=st.integers(-10 ** 6, 10 ** 6))
def test_is_zero(x):
    """Contract of is_zero: True when x is 0."""
    assert artifact.is_zero(x) == (x == 0)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(values=st.lists(st.integers(-3, 3), max_size=20))
def test_zero_positions(values):
    """Contract of zero_positions: The indices of the list's zeros, in increasing order."""
    assert artifact.zero_positions(values) == ([i for i in range(len(values)) if values[i] == 0])


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(values=st.lists(st.integers(-50, 50), max_size=49).flatmap(lambda v: st.integers(0, len(v)).map(lambda i: v[:i] + [0] + v[i:])))
def test_last_index_of_zero(values):
    """Contract of last_index_of_zero: Return the index of the last 0 in the list."""
    assert artifact.last_index_of_zero(values) == (max(i for i, v in enumerate(values) if v == 0))
