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
@given(address_bit=st.booleans(), when_set=st.booleans(), when_clear=st.booleans())
def test_select(address_bit, when_set, when_clear):
    """Contract of select: picks when_set exactly when the bit is 1"""
    assert artifact.select(address_bit, when_set, when_clear) == ([when_clear, when_set][address_bit])


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(a0=st.booleans(), d0=st.booleans(), d1=st.booleans())
def test_mux_of_2(a0, d0, d1):
    """Contract of mux_of_2: returns the data bit the address names"""
    assert artifact.mux_of_2(a0, d0, d1) == ([d0, d1][a0])


@settings(max_examples=64, derandomize=True, database=None, deadline=None)
@given(a0=st.booleans(), a1=st.booleans(), d0=st.booleans(), d1=st.booleans(), d2=st.booleans(), d3=st.booleans())
def test_mux_6_half(a0, a1, d0, d1, d2, d3):
    """Contract of mux_6_half: The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    assert artifact.mux_6_half(a0, a1, d0, d1, d2, d3) == ([d0, d1, d2, d3][a0 + 2 * a1])
