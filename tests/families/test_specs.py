"""Spec records: registry, oracles on hand-checked rows, properties, training split."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sva.errors import UsageError
from sva.families import all_specs, get_spec, spec_names
from sva.families.boolean.specs import row_index, truth_table

T, F = True, False


WHOLE = ("parity-3", "parity-4", "parity-5", "parity-6", "mux-6", "mux-11", "majority-5", "adder-2", "comparator-3")
HALF = ("parity-3-half", "parity-4-half", "parity-5-half", "mux-6-half", "majority-5-half", "adder-2-half",
        "comparator-3-half")


def test_the_boolean_specs_then_the_eight_sorting_specs_are_registered_in_order():
    sorting = ("sort-4", "sort-5", "sort-6", "sort-7", "sort-8", "sort-10", "sort-12", "sort-16")
    assert spec_names()[:len(WHOLE + HALF + sorting)] == WHOLE + HALF + sorting


def test_unknown_spec_names_the_value_and_the_known_ones():
    with pytest.raises(UsageError, match=r"unknown spec 'parity-9'; known specs: parity-3, "):
        get_spec("parity-9")


def test_truth_table_rows_carry_bit_i_of_r_least_significant_first():
    table = truth_table(3)
    assert table[0] == (F, F, F)
    assert table[1] == (T, F, F)
    assert table[6] == (F, T, T)
    assert [row_index(case) for case in table] == list(range(8))


@pytest.mark.parametrize("name, case, expected", [
    ("parity-3", (F, F, F), T),
    ("parity-3", (T, F, F), F),
    ("parity-4", (T, T, F, T), F),
    ("parity-4", (T, T, T, T), T),
    # mux-6: address (a0, a1) = (1, 0) names d1
    ("mux-6", (T, F, F, T, F, F), T),
    ("mux-6", (T, F, T, F, T, T), F),
    # mux-11: address 0b110 = 6 names d6
    ("mux-11", (F, T, T) + (F,) * 6 + (T, F), T),
    ("majority-5", (T, T, F, F, F), F),
    ("majority-5", (T, F, T, F, T), T),
    # adder-2: a = 3, b = 3 -> 6 = (s0, s1, carry) = (0, 1, 1)
    ("adder-2", (T, T, T, T), (F, T, T)),
    # a = 1, b = 2 -> 3 = (1, 1, 0)
    ("adder-2", (T, F, F, T), (T, T, F)),
    # comparator-3: a = 2, b = 5 -> True; a = 5, b = 5 -> False
    ("comparator-3", (F, T, F, T, F, T), T),
    ("comparator-3", (T, F, T, T, F, T), F),
])
def test_oracle_on_hand_checked_rows(name, case, expected):
    assert get_spec(name).expected(case) == expected


@pytest.mark.parametrize("spec", [spec for spec in all_specs() if spec.family == "boolean"],
                         ids=lambda spec: spec.name)
def test_every_property_holds_for_the_oracle_on_every_row(spec):
    for prop in spec.properties:
        assert all(prop.check(spec.oracle, case) for case in spec.domain.cases), prop.name


def test_properties_catch_wrong_functions():
    parity = get_spec("parity-3")
    flip = next(prop for prop in parity.properties if prop.name == "flip_flips")
    assert not flip.check(lambda *bits: True, (F, F, F))
    majority = get_spec("majority-5")
    monotone = next(prop for prop in majority.properties if prop.name == "monotone")
    assert not monotone.check(lambda *bits: not bits[0], (F, F, F, F, F))
    returns_bits = next(prop for prop in parity.properties if prop.name == "returns_bits")
    assert not returns_bits.check(lambda *bits: 1, (F, F, F))


@pytest.mark.parametrize("name, training, held_out", [
    ("parity-3", 8, 0), ("parity-6", 32, 32), ("mux-6", 64, 0), ("mux-11", 1024, 1024),
    ("adder-2", 16, 0), ("comparator-3", 64, 0),
    ("parity-3-half", 4, 4), ("parity-5-half", 16, 16), ("mux-6-half", 32, 32), ("majority-5-half", 16, 16),
    ("adder-2-half", 8, 8), ("comparator-3-half", 32, 32),
])
def test_training_and_held_out_partition_the_table(name, training, held_out):
    spec = get_spec(name)
    assert (len(spec.training), len(spec.held_out)) == (training, held_out)
    assert set(spec.training) | set(spec.held_out) == set(spec.domain.cases)
    assert not set(spec.training) & set(spec.held_out)


@pytest.mark.parametrize("half", HALF)
def test_every_whole_table_spec_has_a_half_table_variant_with_the_same_function(half):
    whole = get_spec(half.removesuffix("-half"))
    spec = get_spec(half)
    assert (spec.kind, spec.params, spec.outputs, spec.primitives, spec.entry) == (
        whole.kind, whole.params, whole.outputs, whole.primitives, half.replace("-", "_"))
    assert all(spec.oracle(*case) == whole.oracle(*case) for case in spec.domain.cases)
    assert len(spec.training) == len(whole.training) // 2 and set(spec.training) < set(whole.training)
    assert "seeded half" in spec.notes


def test_training_share_is_what_verified_says_beyond_training():
    from sva.families import family_of

    shares = {name: family_of(get_spec(name)).training_share(get_spec(name))
              for name in ("parity-5", "parity-5-half", "mux-11", "sort-4")}
    assert shares == {"parity-5": 1.0, "parity-5-half": 0.5, "mux-11": 0.5, "sort-4": 1.0}


def test_seeded_training_half_does_not_depend_on_pythonhashseed():
    script = ("from sva.families import get_spec; from sva.families.boolean.specs import row_index; "
              "print([row_index(c) for c in get_spec('parity-6').training])")
    outputs = set()
    for hash_seed in ("0", "1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        outputs.add(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                                   text=True, check=True).stdout)
    assert len(outputs) == 1
    assert [row_index(case) for case in get_spec("parity-6").training] == eval(outputs.pop())


def test_summary_has_the_fields_sva_specs_promises():
    summary = get_spec("adder-2").summary()
    assert (summary["name"], summary["family"], summary["entry"], summary["arity"]) == \
        ("adder-2", "boolean", "adder_2", 4)
    assert summary["outputs"] == ["s0", "s1", "carry"]
