"""The value codec (sva.core.values): exact round trips, in process, through JSON text,
through the real sandbox and through the results database; and the sandboxed case check
comparing the outputs it gets back by the spec's own comparison.

``identical`` is stricter than ``==``: the same types all the way down (a tuple is not a list,
``numpy.float64`` is not ``float``), NaN equal to NaN, and the sign of a zero kept.
"""

from __future__ import annotations

import json
import math

import numpy
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sva.core.spec import Domain, Spec, exact, oracle_property, within
from sva.core.values import Opaque, decode, encode
from sva.results.store import load_rows, store_rows
from sva.sandbox.cases import check_cases
from sva.sandbox.records import STORED_CHARACTERS, CaseOutput, CasesRequest
from sva.trust.protocol import Counterexample
from sva.sandbox import Completed, run_job


def identical(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, numpy.generic):
        return identical(a.item(), b.item())
    if isinstance(a, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if isinstance(a, complex):
        return identical(a.real, b.real) and identical(a.imag, b.imag)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(identical(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return len(a) == len(b) and all(identical(k1, k2) and identical(v1, v2)
                                        for (k1, v1), (k2, v2) in zip(a.items(), b.items()))
    if isinstance(a, (set, frozenset)):
        return len(a) == len(b) and all(any(identical(x, y) for y in b) for x in a)
    return a == b


NUMPY_SCALARS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(numpy.float64),
    st.floats(width=32, allow_nan=True, allow_infinity=True).map(numpy.float32),
    st.integers(-2**63, 2**63 - 1).map(numpy.int64),
    st.integers(0, 255).map(numpy.uint8),
    st.booleans().map(numpy.bool_),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=2**5000, max_value=2**5100),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8), st.binary(max_size=8),
    st.complex_numbers(allow_nan=True, allow_infinity=True), NUMPY_SCALARS,
)
HASHABLE = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=4), st.binary(max_size=4)),
                        lambda inner: st.tuples(inner, inner) | st.frozensets(inner, max_size=3), max_leaves=6)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (st.lists(inner, max_size=4) | st.lists(inner, max_size=4).map(tuple)
                   | st.dictionaries(HASHABLE, inner, max_size=3) | st.sets(HASHABLE, max_size=3)
                   | st.frozensets(HASHABLE, max_size=3)),
    max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_decode_undoes_encode_exactly(value):
    assert identical(decode(encode(value)), value)


@settings(max_examples=200, deadline=None)
@given(VALUES)
def test_the_encoding_is_strict_json_and_survives_json_text_with_sorted_keys(value):
    text = json.dumps(encode(value), sort_keys=True, allow_nan=False)  # no NaN or Infinity tokens
    assert identical(decode(json.loads(text)), value)
    assert json.dumps(encode(value), sort_keys=True) == text  # deterministic, sets included


def test_the_tagged_forms():
    assert encode((1, [2.5, (None,)])) == {"tuple": [1, [2.5, {"tuple": [None]}]]}
    assert [encode(x) for x in (math.nan, math.inf, -math.inf)] == [
        {"float": "nan"}, {"float": "inf"}, {"float": "-inf"}]
    assert encode(numpy.float64(0.5)) == {"numpy": "float64", "value": 0.5}
    assert encode(numpy.int64(7)) == {"numpy": "int64", "value": 7}
    assert encode(b"hi") == {"bytes": "6869"}
    assert encode({"a": 1}) == {"dict": [["a", 1]]}
    assert encode({3, 1}) == {"set": [1, 3]}
    assert decode({"value": 3, "numpy": "int16"}) == numpy.int16(3)  # keys in any order


def test_unknown_objects_become_a_repr_record():
    class Thing:
        def __repr__(self):
            return "Thing()"

    assert encode(Thing()) == {"repr": "Thing()", "type": "Thing"}
    assert decode(encode(Thing())) == Opaque("Thing()", "Thing")
    assert encode(decode(encode([Thing()]))) == [{"repr": "Thing()", "type": "Thing"}]  # stable once decoded
    looped: list = []
    looped.append(looped)
    assert encode(looped) == {"repr": "[[...]]", "type": "list"}


@pytest.mark.parametrize("data", [{"colour": "red"}, {}, {"numpy": "no_such_type", "value": 1}])
def test_data_that_is_not_an_encoding_is_refused(data):
    with pytest.raises(ValueError):
        decode(data)


@settings(max_examples=5, deadline=None)
@given(st.lists(VALUES, min_size=1, max_size=25))
def test_values_cross_the_real_sandbox_both_ways_exactly(values):
    request = CasesRequest("artifact.py", "echo", tuple((value,) for value in values))
    outcome = run_job("evaluate_cases", request.to_json(), files={"artifact.py": "def echo(x):\n    return x\n"})
    assert isinstance(outcome, Completed), outcome
    outputs = [CaseOutput.from_json(item) for item in outcome.value]
    assert all(output.exception is None for output in outputs)
    assert len(outputs) == len(values)
    for output, value in zip(outputs, values):
        assert identical(output.output, value)


ARTIFACT = """
import numpy

def make():
    return (float("nan"), float("inf"), -float("inf"), -0.0, (1, [2, (3,)]), [4, 5], b"x", "s",
            numpy.float64("nan"), numpy.int64(7), numpy.bool_(True), numpy.float32(0.1), {1: (2,)}, {3, 4})
"""


def test_values_an_artifact_builds_come_back_from_the_sandbox_exactly():
    outcome = run_job("evaluate_cases", CasesRequest("artifact.py", "make", ((),)).to_json(),
                      files={"artifact.py": ARTIFACT})
    assert isinstance(outcome, Completed), outcome
    got = CaseOutput.from_json(outcome.value[0]).output
    want = (math.nan, math.inf, -math.inf, -0.0, (1, [2, (3,)]), [4, 5], b"x", "s", numpy.float64("nan"),
            numpy.int64(7), numpy.bool_(True), numpy.float32(0.1), {1: (2,)}, {3, 4})
    assert identical(got, want)


@settings(max_examples=50, deadline=None)
@given(VALUES, VALUES)
def test_a_counterexample_is_stored_and_loaded_exactly(tmp_path_factory, expected, got):
    # a value within the stored bound comes back exactly (a longer one is cut: tests/sandbox/test_sandbox.py)
    assume(all(len(json.dumps(encode(value), ensure_ascii=False)) <= STORED_CHARACTERS - 100 for value in (expected, got)))
    record = Counterexample({"values": (expected,)}, "matches_oracle", expected, got)
    folder = tmp_path_factory.mktemp("results")
    store_rows(folder, [{"cell": "x/search/seed-0", "config_hash": "h", "status": "done",
                         "counterexample": record.to_json()}])
    loaded = Counterexample.from_json(load_rows(folder)[0]["counterexample"])
    assert identical(loaded.expected, expected) and identical(loaded.got, got)
    assert identical(loaded.args["values"], (expected,)) and loaded.property == "matches_oracle"


def _thirds_spec(equal=None, oracle=lambda x: x / 3) -> Spec:
    """x / 3 on three floats, NaN among them; exact unless ``equal`` states a tolerance."""
    extra = {} if equal is None else {"equal": equal}
    return Spec(name="thirds", family="test", kind="thirds", entry="third", params=("x",), outputs=("y",),
                primitives=(), oracle=oracle, properties=(oracle_property(oracle, equal or exact),),
                domain=Domain("three floats", lambda: st.floats(), cases=((1.0,), (2.0,), (math.nan,))),
                training=(), held_out=(), shifted=None, size=1, description="a third of x", **extra)


def test_check_cases_compares_by_the_specs_own_comparison():
    nearly = "def third(x):\n    return x / 3 + 1e-12\n"
    exact_check = check_cases(nearly, _thirds_spec(), _thirds_spec().domain.cases)
    assert (exact_check.passed, exact_check.first_failure) == (0, (1.0,))  # NaN != NaN exactly, too
    tolerant = _thirds_spec(within(1e-9))
    assert check_cases(nearly, tolerant, tolerant.domain.cases).passed == 3  # NaN agrees with NaN


def test_check_cases_tells_a_tuple_from_a_list_as_the_spec_checks_do():
    pair = _thirds_spec(oracle=lambda x: (x, x))
    as_list = check_cases("def third(x):\n    return [x, x]\n", pair, ((1.0,),))
    as_tuple = check_cases("def third(x):\n    return (x, x)\n", pair, ((1.0,),))
    assert (as_list.passed, as_tuple.passed) == (0, 1)
