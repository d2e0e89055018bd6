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
def test_half_adder_sum(a, b):
    """Contract of half_adder_sum: the low bit of a + b"""
    assert artifact.half_adder_sum(a, b) == ((a + b) % 2 == 1)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(a=st.booleans(), b=st.booleans())
def test_half_adder_carry(a, b):
    """Contract of half_adder_carry: the high bit of a + b"""
    assert artifact.half_adder_carry(a, b) == (a + b == 2)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(a=st.booleans(), b=st.booleans(), carry_in=st.booleans())
def test_full_adder_sum(a, b, carry_in):
    """Contract of full_adder_sum: the low bit of a + b + carry_in"""
    assert artifact.full_adder_sum(a, b, carry_in) == ((a + b + carry_in) % 2 == 1)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(a=st.booleans(), b=st.booleans(), carry_in=st.booleans())
def test_full_adder_carry(a, b, carry_in):
    """Contract of full_adder_carry: the high bit of a + b + carry_in"""
    assert artifact.full_adder_carry(a, b, carry_in) == (a + b + carry_in >= 2)


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(a0=st.booleans(), a1=st.booleans(), b0=st.booleans(), b1=st.booleans())
def test_adder_2_half(a0, a1, b0, b1):
    """Contract of adder_2_half: The 3-bit sum (s0..s1, carry) of two 2-bit numbers a and b."""
    assert artifact.adder_2_half(a0, a1, b0, b1) == (tuple(bool((a0 + 2 * a1 + b0 + 2 * b1) >> bit & 1) for bit in range(3)))
