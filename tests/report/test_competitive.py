"""sva.report.competitive: the competitiveness table and the fronts, on synthetic rows."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from sva.report.competitive import competitiveness_section, fronts_section, gap_share


def test_gap_share_worked_example():
    assert gap_share(40, 30, 32) == pytest.approx(0.8)
    assert gap_share(40, 30, 45) == pytest.approx(-0.5)  # longer than search
    assert gap_share(40, 40, 32) is None and gap_share(None, 30, 32) is None


@settings(deadline=None, max_examples=60)
@given(st.floats(0, 1e4), st.floats(0, 1e4), st.floats(0, 1))
def test_gap_share_is_0_at_search_1_at_design_and_linear_between(search, design, t):
    if search == design:
        assert gap_share(search, design, design) is None
        return
    assert gap_share(search, design, search) == 0
    assert gap_share(search, design, design) == pytest.approx(1)
    assert gap_share(search, design, search + t * (design - search)) == pytest.approx(t, abs=1e-6)


def _row(spec, generator, seed, **fields):
    return {"cell": f"{spec}/{generator}/seed-{seed}", "spec": spec, "family": "feynman", "generator": generator,
            "seed": seed, "status": "done", "sha256": f"{spec}-{generator}-{seed}", **fields}


def test_the_table_needs_a_generator_beyond_design_and_search():
    rows = [_row("f-a", "design", 0, explanation_length=30), _row("f-a", "search", 0, explanation_length=40)]
    assert competitiveness_section(rows) is None


def test_competitiveness_table_medians_and_gap_share():
    rows = [_row("f-a", "design", seed, sha256="f-a-design", explanation_length=30, held_out_pass_rate=1.0)
            for seed in range(3)]
    rows += [_row("f-a", "search", seed, explanation_length=38 + 2 * seed, held_out_pass_rate=0.5,
                  search_evaluations=1000) for seed in range(3)]                        # median E 40
    rows += [_row("f-a", "search-parsimony", seed, explanation_length=31 + seed, held_out_pass_rate=0.9,
                  training_pass_rate=1.0, search_evaluations=900) for seed in range(3)]  # median E 32
    rows.append(_row("f-a", "search-parsimony", 9, status="failed"))
    section = competitiveness_section(rows)
    by_generator = {row[1]: row for row in section.rows}
    assert list(by_generator) == ["design", "search", "search-parsimony"]
    design, search, pressed = (by_generator[name] for name in ("design", "search", "search-parsimony"))
    assert design[2:4] == (3, 1)      # three cells, one distinct artifact
    assert pressed[2:4] == (3, 3)     # the failed cell is not counted
    assert pressed[4:10] == (1.0, 0.9, None, 32.0, None, 900.0)
    assert pressed[10] == pytest.approx(0.8) and design[10] is None and search[10] is None
    assert "search-parsimony's median E lies a median 0.80 of the way from search's to design's" in section.intro
    assert "reaches design's on 0 of 1 specs with all three, and is above plain search's on 1 (equal on 0)" in section.intro


def _front_row(tmp_path, spec, seed, members):
    module = f"artifacts/{spec}/search-parsimony/seed-{seed}.py"
    path = tmp_path / module
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("")
    path.with_suffix(".json").write_text(json.dumps({"search": {"fronts": [members]}}))
    return _row(spec, "search-parsimony", seed, module=module)


def _member(length, training, held, chosen=False):
    return {"expression": f"e{length}-{training}", "explanation_length": length, "training_pass_rate": training,
            "held_out_pass_rate": held, "chosen": chosen}


def test_fronts_relate_length_to_extrapolation_on_the_whole_front_and_among_the_fitting(tmp_path):
    # the whole front: short members fit and extrapolate worse; among the fitting members the
    # shorter ones extrapolate better
    fronts = [[_member(6, 0.0, 0.0), _member(8, 0.2, 0.1), _member(9, 0.5, 0.3),
               _member(10 + seed, 1.0, 1.0, chosen=True), _member(14 + seed, 1.0, 0.9), _member(20 + seed, 1.0, 0.7),
               _member(24 + seed, 1.0, 0.6)] for seed in range(3)]
    rows = [_front_row(tmp_path, "f-a", seed, front) for seed, front in enumerate(fronts)]
    rows += [_row("f-a", "design", 0, explanation_length=12, training_pass_rate=1.0),
             _row("f-a", "search", 0, explanation_length=30, training_pass_rate=1.0)]
    section = fronts_section(rows, tmp_path)
    whole, fitting = section.rows
    assert whole[:5] == ("f-a", "search-parsimony", "whole front", 3, 15)  # 3 short members shared by all runs
    assert fitting[2:5] == ("members fitting every training point", 3, 12)
    assert fitting[5] < -0.9 and fitting[8] == "shorter members extrapolate better"
    assert whole[5] is not None and whole[5] > fitting[5]
    (figure,) = section.figures
    assert figure.name == "front-f-a" and figure.svg.lstrip().startswith("<?xml")
    assert "front, seed 2" in figure.svg and "design" in figure.svg


def test_fronts_where_no_member_fits_every_training_point_say_so(tmp_path):
    # the beyond preset's Feynman fronts: training pass rates below 1 for every member
    rows = [_front_row(tmp_path, "f-a", seed, [_member(6, 0.2, 0.1), _member(9 + seed, 0.9, 0.8, chosen=True)])
            for seed in range(2)]
    whole, fitting = fronts_section(rows, tmp_path).rows
    assert whole[2:5] == ("whole front", 2, 3)
    assert fitting[2:] == ("members fitting every training point", 2, 0, None, None, None, "no such member")


def test_no_fronts_section_without_member_pass_rates(tmp_path):
    rows = [_front_row(tmp_path, "f-a", 0, [{"expression": "x", "explanation_length": 5}]),
            _row("f-a", "search", 0, module="missing.py")]
    assert fronts_section(rows, tmp_path) is None
