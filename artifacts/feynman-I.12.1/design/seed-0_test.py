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
@given(mu=st.floats(0.0, 5.0), Nn=st.floats(0.0, 5.0))
def test_feynman_i_12_1(mu, Nn):
    """Contract of feynman_i_12_1: a force (N) proportional to the normal force"""
    result = artifact.feynman_i_12_1(mu, Nn)
    assert math.isclose(artifact.feynman_i_12_1(mu, 2 * Nn), 2 * result, rel_tol=1e-9, abs_tol=1e-12)
