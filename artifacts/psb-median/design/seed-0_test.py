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
@given(value=st.integers(-10 ** 6, 10 ** 6), low=st.integers(-10 ** 6, 10 ** 6), high=st.integers(-10 ** 6, 10 ** 6))
def test_clamp(value, low, high):
    """Contract of clamp: value moved into the range from low to high (low if it is below, high if above); needs low <= high, and gives low otherwise."""
    assert artifact.clamp(value, low, high) == (sorted([low, value, high])[1] if low <= high else low)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(a=st.integers(-10 ** 6, 10 ** 6), b=st.integers(-10 ** 6, 10 ** 6), c=st.integers(-10 ** 6, 10 ** 6))
def test_median(a, b, c):
    """Contract of median: Return the median of the three integers."""
    assert artifact.median(a, b, c) == (sorted([a, b, c])[1])
