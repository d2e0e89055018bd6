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

import math


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(a=st.floats(-100.0, 100.0), b=st.floats(-100.0, 100.0))
def test_separation(a, b):
    """Contract of separation: antisymmetric: swapping the coordinates flips its sign"""
    result = artifact.separation(a, b)
    assert result == -artifact.separation(b, a)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(x1=st.floats(-100.0, 100.0), x2=st.floats(-100.0, 100.0), y1=st.floats(-100.0, 100.0), y2=st.floats(-100.0, 100.0))
def test_squared_distance(x1, x2, y1, y2):
    """Contract of squared_distance: never negative, symmetric in the two points"""
    result = artifact.squared_distance(x1, x2, y1, y2)
    assert result >= 0.0 and result == artifact.squared_distance(x2, x1, y2, y1) and math.isclose(result, (x2 - x1) ** 2 + (y2 - y1) ** 2, rel_tol=1e-9, abs_tol=1e-12)
