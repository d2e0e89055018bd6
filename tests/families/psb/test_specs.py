"""The PSB family's specs: sizes, edge cases in training, seeded data, oracles, properties."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import random

import pytest
from hypothesis import given, strategies as st

from sva.families.psb.specs import AVERAGE_TOLERANCE, psb_specs
from sva.families import get_spec
from tests.conftest import ROOT

#: (train, test) as PSB1 gives them.
SIZES = {
    "psb-count-odds": (200, 2000), "psb-smallest": (100, 1000), "psb-median": (100, 1000),
    "psb-last-index-of-zero": (150, 1000), "psb-vector-average": (250, 2550), "psb-negative-to-zero": (200, 2000),
    "psb-small-or-large": (100, 1000), "psb-sum-of-squares": (50, 100), "psb-compare-string-lengths": (100, 1000),
}


def test_the_nine_specs_are_registered_with_psb1s_sizes():
    assert [spec.name for spec in psb_specs()] == list(SIZES)
    for name, (train, test) in SIZES.items():
        spec = get_spec(name)
        assert (len(spec.training), len(spec.held_out)) == (train, test), name
        assert len(spec.shifted.cases) == 200, name


def test_every_edge_case_is_in_training_first():
    for spec in psb_specs():
        edge = spec.extra["edge_cases"]
        assert spec.training[:len(edge)] == edge, spec.name


def test_the_edge_cases_are_the_suites():
    edges = {spec.name: spec.extra["edge_cases"] for spec in psb_specs()}
    count_odds = edges["psb-count-odds"]
    assert count_odds[0] == ([],) and [len(case[0]) for case in count_odds].count(1) == 25
    assert [len(case[0]) for case in count_odds].count(2) == 6
    negative = edges["psb-negative-to-zero"]
    assert negative[0] == ([],) and [len(c[0]) for c in negative].count(1) == 10 and [len(c[0]) for c in negative].count(2) == 6
    assert edges["psb-smallest"] == ((0, 0, 0, 0), (-44, -44, -7, -13), (0, 4, -99, -33), (-22, -22, -22, -22),
                                     (99, 100, 99, 100))
    assert {case[0] for case in edges["psb-small-or-large"]} >= {-10000, 0, 980, 995, 1004, 1995, 2004, 10000}
    assert [case[0] for case in edges["psb-sum-of-squares"]] == [1, 2, 3, 4, 5, 100]
    assert edges["psb-median"] == ()
    fours = [case for case in edges["psb-last-index-of-zero"] if len(case[0]) == 4 and set(case[0]) != {0}]
    assert len(fours) == 24 + 12 + 4
    assert [len(case[0]) for case in edges["psb-vector-average"]] == [1] * 5 + [2] * 5


def test_inputs_stay_in_the_suites_ranges_and_the_shift_goes_beyond():
    spec = get_spec("psb-count-odds")
    for (values,) in spec.training + spec.held_out:
        assert len(values) <= 50 and all(-1000 <= v <= 1000 for v in values)
    shifted = [values for (values,) in spec.shifted.cases]
    assert max(map(len, shifted)) == 1000 and max(max(v, default=0) for v in shifted) == 10 ** 6
    assert all(0 in values for (values,) in get_spec("psb-last-index-of-zero").shifted.cases)
    assert get_spec("psb-sum-of-squares").held_out == tuple((n,) for n in range(1, 101))
    assert get_spec("psb-sum-of-squares").domain.cases == tuple((n,) for n in range(1, 101))
    median = get_spec("psb-median").training
    ties = sum(len(set(case)) < 3 for case in median)
    assert 20 <= ties <= 60  # the suite's mix: about 40% with a tie


@pytest.mark.parametrize(("name", "case", "expected"), [
    ("psb-count-odds", ([1, 2, 3, -5, 0],), 3),
    ("psb-count-odds", ([],), 0),
    ("psb-smallest", (5, -3, 7, -3), -3),
    ("psb-median", (9, -1, 4), 4),
    ("psb-median", (2, 2, 7), 2),
    ("psb-last-index-of-zero", ([0, 3, 0, 5],), 2),
    ("psb-vector-average", ([1.0, 2.0, 4.0],), 7 / 3),
    ("psb-negative-to-zero", ([-1, 2, -300, 0],), [0, 2, 0, 0]),
    ("psb-small-or-large", (999,), "small"),
    ("psb-small-or-large", (1000,), ""),
    ("psb-small-or-large", (2000,), "large"),
    ("psb-sum-of-squares", (3,), 14),
    ("psb-sum-of-squares", (100,), 338350),
    ("psb-compare-string-lengths", ("a", "bb", "ccc"), True),
    ("psb-compare-string-lengths", ("a", "bb", "cc"), False),
])
def test_oracles_on_hand_checked_rows(name, case, expected):
    assert get_spec(name).expected(case) == expected


def test_vector_average_compares_within_four_decimals():
    spec = get_spec("psb-vector-average")
    assert spec.matches(2.00004, 2.0) and not spec.matches(2.0002, 2.0)
    assert AVERAGE_TOLERANCE(-5.00009, -5.0)


def test_the_oracle_satisfies_every_property_on_every_case():
    for spec in psb_specs():
        for case in spec.training + spec.held_out[:200] + spec.shifted.cases:
            assert all(prop.check(spec.oracle, case) for prop in spec.properties), (spec.name, case)


def test_a_wrong_answer_breaks_the_named_properties():
    count_odds = get_spec("psb-count-odds")
    half = {prop.name: prop for prop in count_odds.properties}
    assert not half["adds_over_concatenation"].check(lambda values: min(1, len(values)), ([1, 3],))
    assert not half["invariant_under_permutation"].check(lambda values: values[0] % 2 if values else 0, ([1, 2],))
    negative = {prop.name: prop for prop in get_spec("psb-negative-to-zero").properties}
    assert not negative["keeps_length"].check(lambda values: [v for v in values if v >= 0], ([-1, 2],))
    assert not negative["leaves_non_negatives_alone"].check(lambda values: [0 for _ in values], ([-1, 2],))
    smallest = {prop.name: prop for prop in get_spec("psb-smallest").properties}
    assert not smallest["at_most_every_input"].check(lambda a, b, c, d: a, (3, 1, 2, 5))


_DIGEST = r"""
import hashlib
from sva.families.psb.specs import psb_specs
print(hashlib.sha256(repr([(s.training, s.held_out, s.shifted.cases) for s in psb_specs()]).encode()).hexdigest())
"""


def test_the_data_are_the_same_whatever_the_hash_seed():
    expected = hashlib.sha256(repr([(s.training, s.held_out, s.shifted.cases) for s in psb_specs()]).encode()).hexdigest()
    for hash_seed in ("0", "4242"):
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        completed = subprocess.run([sys.executable, "-c", _DIGEST], cwd=ROOT, env=environment, capture_output=True,
                                   text=True, timeout=300)
        assert completed.returncode == 0, completed.stderr
        assert completed.stdout.strip() == expected, hash_seed


def test_the_psb_specs_are_listed_together_after_the_earlier_families():
    from sva.families import spec_names

    names = spec_names()
    start = names.index("psb-count-odds")
    assert start >= 17 and names[start:start + 9] == tuple(SIZES)


def test_the_report_section_gives_means_and_the_worst_seed():
    from sva.families import get_family

    rows = [{"spec": "psb-median", "generator": "search", "seed": seed, "status": "done", "search_success": seed < 3,
             "held_out_pass_rate": rate, "shift_pass_rate": rate / 2, "edge_case_pass_rate": None}
            for seed, rate in enumerate((1.0, 1.0, 1.0, 0.5))]
    rows.append({"spec": "sort-4", "generator": "search", "seed": 0, "status": "done"})
    section = get_family("psb").report_section(rows)
    assert section.rows == (("psb-median", "search", 4, 0.75, 0.875, 0.5, 0.4375, 0.25, None),)
    assert get_family("psb").report_section(rows[-1:]) is None


@given(seed=st.text(max_size=8), n=st.integers(1, 3 * 10**6), count=st.integers(0, 40))
def test_the_written_out_draws_equal_randrange_s(seed, n, count):
    """The cases are drawn by ``data._draws``, not ``randrange``: the same values, whatever n."""
    from sva.families.psb.data import _draws

    ours, theirs = random.Random(seed), random.Random(seed)
    assert _draws(ours, n, count) == [theirs.randrange(n) for _ in range(count)]
    assert ours.random() == theirs.random()  # and the generator left in the same state
