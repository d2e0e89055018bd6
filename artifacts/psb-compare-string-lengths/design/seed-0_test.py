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
@given(s=st.text(max_size=20), t=st.text(max_size=20))
def test_shorter(s, t):
    """Contract of shorter: True when s has fewer characters than t."""
    assert artifact.shorter(s, t) == (len(s) < len(t))


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(s1=st.text(max_size=20), s2=st.text(max_size=20), s3=st.text(max_size=20))
def test_compare_string_lengths(s1, s2, s3):
    """Contract of compare_string_lengths: Return True when len(s1) < len(s2) < len(s3)."""
    assert artifact.compare_string_lengths(s1, s2, s3) == (len(s1) < len(s2) < len(s3))
