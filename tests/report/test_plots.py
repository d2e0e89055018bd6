"""The report's figures: legible where the page shows them, true captions, direction words, same bytes.

Every figure the report draws (the scatter grid, the convergence grid, the fronts' figure, the
Feynman family's extrapolation plot) is parsed as SVG and each text's font size, times the scale
the page shows the figure at, must be at least 11 CSS px (:mod:`sva.core.figures`).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sva.core.figures import COLUMN_PX, MIN_TEXT_PX, min_text_pt, new_figure, render_svg, shown_scale, text_px
from sva.report import plots
from sva.results.samples import Correlation

SORT_FLAT = [[0, 0, 0, 0, 0, 0]]
LEGIBLE = MIN_TEXT_PX - 1e-9  # 8.25 pt * 4/3 is 10.999999999999998 in floating point


def _search(spec, family, seed, curves):
    return {"spec": spec, "family": family, "generator": "search", "seed": seed, "status": "done",
            "best_fitness_per_generation": curves}


def _convergence_rows():
    return [
        _search("sort-4", "sorting", 0, SORT_FLAT), _search("sort-4", "sorting", 1, SORT_FLAT),
        _search("sort-8", "sorting", 0, [[16, 3, 0, 0, 0, 0]]), _search("sort-8", "sorting", 1, [[22, 0, 0]]),
        _search("feynman-I.34.8", "feynman", 0, [[0.45, 0.26, 0.17, 2.7e-32]]),
        _search("feynman-I.34.8", "feynman", 1, [[0.51, 0.0]]),
        _search("parity-3", "boolean", 0, [[3, 1, 0]]),
    ]


def _smallest(svg: str) -> float:
    sizes = text_px(svg)
    assert sizes, "the figure has no text"
    return min(sizes)


# -- the rule ----------------------------------------------------------------------------------

def test_the_docstrings_worked_example():
    assert min_text_pt(9.9) == 8.25  # 950 px wide, shown at its own width: 11 px / (4/3 px per pt)
    assert shown_scale(9.9) == pytest.approx(4 / 3)
    assert shown_scale(15.0) == pytest.approx(COLUMN_PX / (72 * 15.0))  # 1440 px scaled to the column
    assert min_text_pt(15.0) == 10.5  # 10.457 rounded up to 0.05 pt


@settings(deadline=None, max_examples=60)
@given(st.floats(min_value=0.5, max_value=40.0))
def test_the_minimum_font_is_shown_at_eleven_px_and_barely_more(width):
    shown = min_text_pt(width) * shown_scale(width)
    assert LEGIBLE <= shown < MIN_TEXT_PX + 0.05 * shown_scale(width) + 1e-9


def test_text_px_reads_the_shown_size_from_the_svg():
    small = '<svg width="100pt" height="50pt" viewBox="0 0 100 50"><text style="font-size: 9px">a</text></svg>'
    assert text_px(small) == [pytest.approx(12.0)]  # 100 pt = 133 px, shown as is: 9 units at 4/3 px
    wide = '<svg width="2000pt" height="50pt" viewBox="0 0 2000 50"><text font-size="9">a</text></svg>'
    assert text_px(wide) == [pytest.approx(9 * COLUMN_PX / 2000)]  # scaled down to the column
    assert text_px(wide, column_px=5000) == [pytest.approx(12.0)]
    with pytest.raises(ValueError):
        text_px("<html></html>")


def test_render_svg_raises_every_small_text_to_the_minimum():
    from matplotlib.ticker import FormatStrFormatter

    figure = new_figure(14.0, 3.0)  # wider than the column: the minimum is above 8.25 pt
    ax = figure.subplots()
    ax.plot([1, 2], [1, 2], label="a line")
    ax.set_xscale("log")
    ax.xaxis.set_minor_formatter(FormatStrFormatter("%.1f"))  # labelled minor ticks
    ax.tick_params(which="minor", labelsize=2)
    ax.set_title("tiny", fontsize=4)
    ax.set_xlabel("x", fontsize=3)
    ax.tick_params(labelsize=2)
    ax.legend(fontsize=2)
    ax.text(0.5, 0.5, "note", fontsize=1)
    assert _smallest(render_svg(figure)) >= LEGIBLE


# -- every figure of the report ----------------------------------------------------------------

def _scatter_rows():
    rows = []
    for k in range(12):
        rows.append({"spec": f"s{k % 3}", "generator": "design" if k % 2 else "search", "seed": k, "status": "done",
                     "sha256": f"h{min(k, 10)}",  # the last two rows are one artifact
                     "decomposability": k / 12, "explanation_length": 10 + k, "held_out_pass_rate": 1 - k / 20,
                     "shift_pass_rate": 0.5, "verified": k % 2})
    return rows


def _correlations(rows):
    from sva.results.samples import correlate

    return correlate(rows, list(plots.SCATTER_METRICS), list(plots.SCATTER_OUTCOMES), seed=0)


def test_the_scatter_grid_is_legible_says_its_set_and_each_direction():
    rows = _scatter_rows()
    svg = plots.scatter_grid(rows, _correlations(rows))
    assert _smallest(svg) >= LEGIBLE
    assert svg.count(plots.scatter_heading()) == 1  # the set rho and n were computed on
    assert plots.SCATTER_POPULATION in plots.scatter_heading()
    for words in ("decomposability D", "explanation length E", "held-out pass rate", "shift pass rate", "verified"):
        assert words in svg
    assert svg.count("(higher is better)") == 3 + 6 and svg.count("(lower is better)") == 3  # one per axis label
    assert svg == plots.scatter_grid(rows, _correlations(rows))  # the same bytes


def test_the_scatter_title_names_the_set_its_rho_was_computed_on():
    correlation = Correlation(metric="explanation_length", outcome="verified", rho=0.03, interval=None,
                              p_value=None, p_holm=None, n=222)
    assert plots._correlation_title(correlation) == "rho = 0.03, n = 222"
    assert plots.scatter_heading("the 222 rows") == ("Spearman's rho [95% interval] and n of each panel: over the "
                                                     "points drawn, the 222 rows")


def test_the_convergence_grid_is_legible_and_says_each_familys_measure():
    rows = _convergence_rows()
    specs = ["parity-3", "sort-4", "sort-8", "feynman-I.34.8"]
    svg = plots.convergence_grid(rows, specs)
    assert svg is not None and _smallest(svg) >= LEGIBLE
    for words in ("unsorted binary inputs", "wrong training rows", "training error 1 - R\u00b2"):
        assert words in svg
    assert svg.count("(lower is better)") == 3 and svg.count("(lower is better, log scale)") == 1
    assert "every run at 0" in svg  # sort-4's flat panel says so
    assert svg == plots.convergence_grid(rows, specs)


def test_a_flat_panel_is_drawn_above_the_axis_and_a_falling_one_is_not_marked():
    rows = _convergence_rows()
    figure = new_figure(4.0, 3.0)
    flat, falling = figure.subplots(1, 2)
    plots._convergence_panel(flat, "sort-4", rows[:2], plots.fitness_curve("sorting"))
    plots._convergence_panel(falling, "sort-8", rows[2:4], plots.fitness_curve("sorting"))
    assert flat.get_ylim()[0] < 0  # the line at 0 is inside the panel, not on its edge
    assert [t.get_text() for t in flat.texts] == ["every run at 0\nfrom generation 0"]
    assert len(falling.texts) == 0


def test_the_extrapolation_plot_is_legible_and_says_which_way_is_better():
    from sva.families import get_spec
    from sva.families.feynman.plot import extrapolation_svg
    from sva.families.feynman.probe import CURVE_POINTS

    spec = get_spec("feynman-I.18.12")
    rows = [{"spec": spec.name, "generator": "design", "seed": 0, "curve": [1.0] * CURVE_POINTS},
            {"spec": spec.name, "generator": "search", "seed": 0, "curve": [2.0] * CURVE_POINTS}]
    svg = extrapolation_svg(spec, rows)
    assert _smallest(svg) >= LEGIBLE
    assert "closer to the oracle is better" in svg


def test_the_fronts_figure_is_legible_and_says_which_way_is_better():
    from sva.report.competitive import _figure

    members = [{"explanation_length": 10 + k, "training_pass_rate": k / 4, "chosen": k == 3} for k in range(5)]
    svg = _figure("parity-4", [(0, members)], {"design": [(12.0, 1.0)], "search": [(30.0, 1.0)]})
    assert _smallest(svg) >= LEGIBLE
    assert "(lower is better)" in svg and "(higher is better)" in svg


# -- captions and direction words ----------------------------------------------------------------

def test_the_sorting_caption_says_the_run_goes_on_after_zero_and_which_panels_are_flat():
    rows = [row for row in _convergence_rows() if row["family"] == "sorting"]
    caption = plots.convergence_caption(rows, ["sort-4", "sort-8"])
    assert "sorting (2 specs): unsorted binary inputs; 0: sorts every binary input; the run goes on after it" in caption
    assert "On sort-4 every run was already at 0 in its first generation" in caption
    assert "sort-8 every run" not in caption and "wrong training" not in caption


def test_the_feynman_caption_says_its_error_and_where_the_run_stops():
    rows = [row for row in _convergence_rows() if row["family"] == "feynman"]
    caption = plots.convergence_caption(rows, ["feynman-I.34.8"])
    assert "feynman (1 spec): training error 1 - R\u00b2; below 1e-12: a perfect fit, which stops the run" in caption
    assert "already at" not in caption and "wrong training" not in caption and "unsorted" not in caption


def test_a_feynman_panel_perfect_from_the_start_is_called_so_in_its_own_words():
    rows = [_search("feynman-I.12.1", "feynman", seed, [[0.0]]) for seed in (0, 1)]
    caption = plots.convergence_caption(rows, ["feynman-I.12.1"])
    assert "On feynman-I.12.1 every run was already at 1e-12 or below in its first generation" in caption
    assert plots.convergence_caption([], ["feynman-I.12.1"]) == ""


def test_an_unknown_family_gets_the_plain_words():
    caption = plots.convergence_caption([_search("x-1", "nowhere", 0, [[2, 1, 1]])], ["x-1"])
    assert "nowhere (1 spec): best training fitness; 0: perfect on the training cases." in caption


@pytest.mark.parametrize("name, words", [
    ("interpretability_phi", "interpretability phi (lower = more interpretable)"),
    ("explanation_length", "explanation length E (lower is better)"),
    ("verified", "verified (exhaustive or 0-1 check) (higher is better)"),
    ("comparators", "comparators (sorting networks) (lower is better)"),
])
def test_axis_labels_say_which_way_is_better(name, words):
    assert plots.axis_label(name) == words


def test_every_measure_with_a_direction_has_direction_words():
    from sva.results.fields import COMPREHENSIBILITY, TRUST, size_fields

    for info in COMPREHENSIBILITY + TRUST + size_fields():
        if info.better is not None:
            assert info.direction.startswith(info.better) and ("better" in info.direction or "=" in info.direction)
        else:
            assert info.direction == ""


def test_each_scatter_panels_n_is_the_number_of_points_it_draws():
    import numpy as np
    from sva.results.samples import distinct

    rows = _scatter_rows()
    rows[0]["shift_pass_rate"] = None  # one panel has a point fewer
    figure = new_figure(4.0, 3.0)
    ax = figure.subplots()
    for correlation in _correlations(rows):
        drawn = plots._scatter_panel(ax, distinct(rows), correlation.metric, correlation.outcome,
                                     ["design", "search"], np.random.default_rng(0))
        assert drawn == correlation.n == (10 if correlation.outcome == "shift_pass_rate" else 11)


def test_the_convergence_figure_and_caption_are_the_same_bytes_whatever_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    script = ("import hashlib, tests.report.test_plots as t; from sva.report import plots; "
              "rows = t._convergence_rows(); specs = ['parity-3', 'sort-4', 'feynman-I.34.8']; "
              "print(hashlib.sha256((plots.convergence_grid(rows, specs) + plots.convergence_caption(rows, specs))"
              ".encode()).hexdigest())")
    outputs = set()
    for hash_seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout.strip())
    assert len(outputs) == 1


def test_every_builtin_family_declares_what_its_curve_measures():
    from sva.core.family import FitnessCurve
    from sva.families import get_family

    for name in ("boolean", "sorting", "feynman", "psb"):
        assert get_family(name).fitness_curve != FitnessCurve()
    assert get_family("feynman").fitness_curve.log and not get_family("sorting").fitness_curve.log


def test_the_sorting_caption_is_what_its_search_does_a_run_at_0_goes_on_shrinking():
    from sva.families import get_spec
    from sva.generate import generate

    artifact = generate(get_spec("sort-4"), "search", 0)
    (curve,) = artifact.search.best_fitness_per_generation
    sizes = artifact.search.details["best_size_per_generation"]
    assert curve[0] == 0 and len(curve) > 1  # sorted from generation 0, and the run went on
    assert sizes[-1] < sizes[0]  # shrinking the network
