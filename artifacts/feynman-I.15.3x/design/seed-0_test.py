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
@given(u=st.floats(0.0, 2.9), c=st.floats(3.0, 20.0))
def test_speed_ratio_squared(u, c):
    """Contract of speed_ratio_squared: a dimensionless ratio in [0, 1) for a speed below c"""
    result = artifact.speed_ratio_squared(u, c)
    assert 0.0 <= result < 1.0 and math.isclose(result, (u / c) ** 2, rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(u=st.floats(0.0, 2.9), c=st.floats(3.0, 20.0))
def test_lorentz_factor(u, c):
    """Contract of lorentz_factor: dimensionless and at least 1"""
    result = artifact.lorentz_factor(u, c)
    assert result >= 1.0 and math.isclose(result, 1 / math.sqrt(1 - u ** 2 / c ** 2), rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(x=st.floats(0.0, 20.0), u=st.floats(0.0, 3.0), t=st.floats(0.0, 3.0))
def test_galilean_position(x, u, t):
    """Contract of galilean_position: a length, x - u t"""
    result = artifact.galilean_position(x, u, t)
    assert math.isclose(result, x - u * t, rel_tol=1e-9, abs_tol=1e-12)
