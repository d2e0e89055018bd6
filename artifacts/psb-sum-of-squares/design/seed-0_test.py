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
def test_square(x):
    """Contract of square: x times itself."""
    assert artifact.square(x) == (x ** 2)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(n=st.integers(1, 100))
def test_sum_of_squares(n):
    """Contract of sum_of_squares: Return the sum of the squares of 1, 2, ..., n."""
    assert artifact.sum_of_squares(n) == (sum(i * i for i in range(1, n + 1)))
