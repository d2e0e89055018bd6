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
@given(a=st.booleans(), b=st.booleans())
def test_bit_less(a, b):
    """Contract of bit_less: a < b for one bit"""
    assert artifact.bit_less(a, b) == (a < b)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(a=st.booleans(), b=st.booleans())
def test_bits_equal(a, b):
    """Contract of bits_equal: the bits are equal"""
    assert artifact.bits_equal(a, b) == (a == b)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(a=st.booleans(), b=st.booleans(), less_below=st.booleans())
def test_less_at_bit(a, b, less_below):
    """Contract of less_at_bit: a < b decided at this bit, or tied here and less below"""
    assert artifact.less_at_bit(a, b, less_below) == ((a < b) or (a == b and less_below))


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(a0=st.booleans(), a1=st.booleans(), a2=st.booleans(), b0=st.booleans(), b1=st.booleans(), b2=st.booleans())
def test_comparator_3_half(a0, a1, a2, b0, b1, b2):
    """Contract of comparator_3_half: True when the 3-bit number a is less than the 3-bit number b."""
    assert artifact.comparator_3_half(a0, a1, a2, b0, b1, b2) == (a0 + 2 * a1 + 4 * a2 < b0 + 2 * b1 + 4 * b2)
