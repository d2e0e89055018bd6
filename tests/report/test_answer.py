"""The main page: the answer on the first screen, a bounded page, its sub-pages, one set behind the within plot."""

from __future__ import annotations

import re

import pytest

from sva.report import build_report
from sva.report.answer import answer, forest_caption, scope
from sva.report.withintrust import within_points, within_view
from sva.results.claims import claims, evaluate_claims
from sva.results.headline import overall

from tests.report.test_report import make_results
from tests.results.test_claims import _row
from tests.results.test_headline import _rows as _trust_rows

CONFIRMATORY = [entry.name for entry in claims() if entry.confirmatory]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("results")
    rows = make_results(root)
    return root, rows, build_report(root, rows=rows)


def _top_sections(html: str) -> list[str]:
    return re.findall(r'<section id="([^"]+)">', html)


def test_the_first_thing_after_the_title_is_the_answer(built):
    html = built[2].html.read_text()
    body = html[html.index("<body>"):]
    assert re.match(r'<body>\n<h1>[^<]+</h1>\n\s*<section id="answer">', body)
    answer_html = re.search(r'<section id="answer">(.*?)</section>', html, re.S).group(1)
    claims_list = re.search(r'<ul id="answer-claims">(.*?)</ul>', answer_html, re.S).group(1)
    assert claims_list.count('<li class="claim">') == len(CONFIRMATORY) == 4
    titles = [entry.headline for entry in claims() if entry.confirmatory]
    for title in titles:
        assert title in claims_list
    assert 'no spec has held-out pass rate for design-auto and search in this run' in claims_list  # no figure
    forest = re.search(r'<figure id="forest">(.*?)</figure>', answer_html, re.S).group(1)
    assert forest.count("<svg") == 1 and "<figcaption>" in forest and "better" in forest
    assert answer_html.index('id="answer-claims"') < answer_html.index('id="forest"') < answer_html.index('id="scope"')


def test_the_main_page_is_bounded_and_links_every_page(built):
    root, _, files = built
    html = files.html.read_text()
    sections = _top_sections(html)
    assert sections[0] == "answer" and len(sections) <= 6
    assert "comparison" not in sections and "side-by-side" not in sections
    assert 'id="claim-' not in html and "<details>" not in html  # no per-claim, per-spec table here
    assert len(html) < 400_000
    linked = set(re.findall(r'<a href="([^"#]+\.html)', html))
    pages = {path.name for path in files.pages if path.suffix == ".html"} - {"report.html"}
    assert linked >= pages and pages >= {"claims.html", "specs.html", "pairs.html", "convergence.html"}
    written = {path.name for path in files.out_dir.iterdir() if path.suffix in (".html", ".md")}
    assert written == {path.name for path in files.pages} | {"results.md"}  # results.md: the results tables
    for name in pages:
        page = (files.out_dir / name).read_text()
        assert '<a href="report.html">Back to the report</a>' in page and "<script" not in page
        twin = (files.out_dir / name).with_suffix(".md").read_text()
        assert "[Back to the report](report.md)" in twin


def test_the_markdown_twin_holds_the_answer_and_links_the_twins(built):
    files = built[2]
    text = files.markdown.read_text()
    assert text.count("\n- **") == 4 and "(claims.md)" in text and "(specs.md)" in text
    assert "| spec | metric |" not in text  # the per-spec table is on specs.md
    assert "| spec | metric |" in (files.out_dir / "specs.md").read_text()


def test_forest_rows_are_the_headlines_and_say_which_side_is_better():
    results = evaluate_claims(_trust_rows())
    found = answer(results)
    assert [panel.claim for panel in found.panels] == ["shorter_explanations", "design_trusted",
                                                       "explanation_tracks_trust"]
    trust = next(panel for panel in found.panels if panel.claim == "design_trusted")
    first = overall(next(result for result in results if result.name == "design_trusted"))
    assert trust.rows[0] == first and [row.family for row in trust.rows] == ["", "sorting", "boolean"]
    assert (trust.left, trust.right) == ("search better", "design better")
    explanation = next(panel for panel in found.panels if panel.claim == "shorter_explanations")
    assert (explanation.left, explanation.right) == ("design better", "search better")  # lower E is better
    assert "right of 0 design better" in forest_caption(found.panels)
    assert found.forest_svg is not None and not re.search(r"font-size: ?([0-9.]+)px", found.forest_svg.replace("font-size: 11px", ""))


def test_the_scope_paragraph_follows_the_results():
    results = evaluate_claims(_trust_rows())
    text = scope(results)
    assert "No data, since no spec has both sides of the comparison:" in text
    assert "automated design is trusted more than search (design-auto vs search)" in text
    decided = sum(verdict.verdict in ("supported", "contradicted") for result in results if result.kind == "empirical"
                  for verdict in result.specs if verdict.kind == "empirical")
    assert f"{decided} were decided" in text


def test_the_scope_paragraph_names_a_family_where_the_outcome_could_not_vary():
    rows = _trust_rows()
    for spec in ("q-0", "q-1"):
        rows.append(_row(spec, "design", 0, family="psb", held_out_pass_rate=1.0, explanation_length=30))
        rows += [_row(spec, "search", seed, family="psb", held_out_pass_rate=1.0, explanation_length=40 + seed)
                 for seed in range(4)]
    text = scope(evaluate_claims(rows))
    assert "On psb, within search, shorter explanations hold up better could not vary (untested there)." in text
    assert "On sorting" not in text and "On boolean" not in text


def test_the_plot_sentence_counts_the_programs_plotted():
    rows = _trust_rows()
    results = evaluate_claims(rows)
    view = within_view(results, rows)
    relation = next(result for result in results if result.name == "explanation_tracks_trust")
    within = relation.numbers["correlations"][0]["within"]
    assert len(view.points) == within["n"] == 32 and view.specs == within["strata"] == 8
    assert view.sentence.startswith(f"n = {len(view.points)} distinct search programs")
    assert f"on the {view.specs} specs" in view.sentence
    # one marker per program plus one per family in the legend
    collections = re.findall(r'<g id="PathCollection_\d+">(.*?)</g>', view.svg, re.S)
    assert sum(group.count("<use ") for group in collections) == len(view.points) + 2
    # a spec where trust does not vary is not plotted: no rho there
    flat = [dict(row, held_out_pass_rate=0.5) if row["spec"] == "p-0" else row for row in rows]
    assert {point.spec for point in within_points([r for r in flat if r["generator"] == "search"],
                                                  "explanation_length", "held_out_pass_rate")} == \
        {f"p-{index}" for index in range(1, 8)}


def test_too_few_seeds_shows_its_direction_on_the_claims_page(built):
    claims_page = (built[2].out_dir / "claims.html").read_text()
    # parity-4: design 36 tokens against search's 20, 31, 26 (median 26), three runs: too few
    assert "undecided: too few seeds; search better here (36 design vs 26 search; lower is better)" in claims_page


def _panel(*rows):
    from sva.report.content import ForestPanel
    from sva.results.headline import Headline
    made = [Headline("c", "t", True, "supported", "", "E", "lower", "", effect, low, high, 3, family)
            for family, effect, low, high in rows]
    return ForestPanel("c", "t", "axis", "design better", "search better", tuple(made))


def test_a_forest_panel_dominated_by_one_family_turns_symmetric_log_and_says_so():
    from sva.report.forest import forest_svg, linear_within
    wide = _panel(("", 5.0, -7.0, 9.0), ("boolean", 2.0, 0.0, 3.0), ("sorting", -388.0, -1070.0, -160.0),
                  ("feynman", 5.0, 4.0, 8.0), ("psb", 0.0, -2.0, 1.0))
    assert linear_within(wide) == 1.0  # typical |effect| 5 -> linear within +-1
    assert linear_within(_panel(("", 0.17, 0.09, 0.25), ("boolean", 0.44, 0.29, 0.56))) is None
    assert linear_within(_panel(("", 0.0, None, None))) is None  # no typical effect: stays linear
    assert "log scale beyond 1" in forest_svg([wide])
