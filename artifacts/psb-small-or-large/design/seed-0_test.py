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
@given(n=st.integers(-10 ** 6, 10 ** 6))
def test_is_small(n):
    """Contract of is_small: True when n is below 1000."""
    assert artifact.is_small(n) == (n < 1000)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(n=st.integers(-10 ** 6, 10 ** 6))
def test_is_large(n):
    """Contract of is_large: True when n is 2000 or more."""
    assert artifact.is_large(n) == (n >= 2000)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(n=st.integers(-10 ** 6, 10 ** 6))
def test_small_or_large(n):
    """Contract of small_or_large: Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise."""
    assert artifact.small_or_large(n) == ('small' if n < 1000 else 'large' if n >= 2000 else '')
