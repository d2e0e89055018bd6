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
@given(b0=st.booleans(), b1=st.booleans())
def test_odd_ones_2(b0, b1):
    """Contract of odd_ones_2: an odd number of the 2 bits are set"""
    assert artifact.odd_ones_2(b0, b1) == ((b0 + b1) % 2 == 1)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(b0=st.booleans(), b1=st.booleans(), b2=st.booleans(), b3=st.booleans())
def test_odd_ones_4(b0, b1, b2, b3):
    """Contract of odd_ones_4: an odd number of the 4 bits are set"""
    assert artifact.odd_ones_4(b0, b1, b2, b3) == ((b0 + b1 + b2 + b3) % 2 == 1)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(x0=st.booleans(), x1=st.booleans(), x2=st.booleans(), x3=st.booleans())
def test_parity_4_half(x0, x1, x2, x3):
    """Contract of parity_4_half: True when an even number of the 4 input bits are set (even-4-parity)."""
    assert artifact.parity_4_half(x0, x1, x2, x3) == ((x0 + x1 + x2 + x3) % 2 == 0)
