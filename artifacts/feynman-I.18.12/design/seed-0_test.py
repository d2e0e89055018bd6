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
@given(r=st.floats(0.0, 10.0), theta=st.floats(-10.0, 10.0))
def test_lever_arm(r, theta):
    """Contract of lever_arm: a length, at most r"""
    result = artifact.lever_arm(r, theta)
    assert abs(result) <= r + 1e-12 and math.isclose(result, r * math.sin(theta), rel_tol=1e-9, abs_tol=1e-12)
