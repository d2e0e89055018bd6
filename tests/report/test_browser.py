"""The report in a real browser: headless Chromium (``tests/report/browser.py``) renders the pages.

Checked on the report ``build_report`` writes from the small rows of ``test_report.py``: the
first 1400 x 900 screen holds the claims list, every claim and the forest plot; no image is
broken on the main page or on any page it links; the main page is at most 12 screens tall.

So that each check can be seen to fail, two hand-written folders follow the page contract the
report is built to (``report.html`` opens with ``<section id="answer">`` holding
``ul#answer-claims`` of ``li.claim`` and ``figure#forest`` with an inline ``<svg>``; other
content on linked pages of the same folder, which may use ``<img>``): one keeps it and passes
every check, the other breaks each part of it and fails every check. Their boxes are fixed in
CSS pixels, so the measured figures are known exactly.

Without Chromium (Debian's ``chromium``, which ``make setup`` installs as root) the browser
tests are skipped with that one reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sva.report import build_report
from tests.report.browser import (HEIGHT, Box, Measurements, chromium, first_screen_problems, height_problems,
                                  image_problems, legibility_problems, linked_pages, main, measure, screenshot,
                                  width_problems)
from tests.report.test_report import make_results

needs_chromium = pytest.mark.skipif(
    chromium() is None, reason="chromium is not installed and could not be (make setup installs it as root)")

STYLE = ("<style>body{margin:0;font:16px sans-serif}h1{margin:0;height:60px}ul{margin:0}li{height:30px}"
         "figure{margin:0}figure svg{display:block}p{margin:0;height:20px}</style>")
# 600 x 300 px drawn from a 300 x 150 viewBox: twice the size, so 7 px text is rendered at 14 px.
FOREST = ('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300" viewBox="0 0 300 150" font-size="4">'
          '<line x1="150" y1="0" x2="150" y2="150" stroke="black"/><text x="4" y="20" font-size="7">'
          'design better</text><title>a tooltip is not drawn text</title></svg>')
SMALL_PLOT = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120"><rect width="120" '
              'height="120" fill="steelblue"/></svg>')


def _page(title: str, body: str) -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'>{STYLE}<title>{title}</title></head><body>{body}</body></html>"


def _answer(claims: int, before: str = "", forest: str = FOREST) -> str:
    items = "".join(f'<li class="claim">claim {i}: supported, design better</li>' for i in range(claims))
    return (f'<h1>Report</h1>{before}<section id="answer"><ul id="answer-claims">{items}</ul>'
            f'<figure id="forest">{forest}</figure></section>')


def write_kept(folder: Path) -> Path:
    """Claims and forest plot on top (60 + 3 x 30 + 300 = 450 px), then a line of links and 2,000 px
    (2,470 px in all); a sub-page with an image on top and a lazy one five screens down."""
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "plot.svg").write_text(SMALL_PLOT)
    (folder / "specs.html").write_text(_page("specs", '<p><img src="figures/plot.svg" alt="plot"></p>'
                                             '<div style="height:5000px"></div>'
                                             '<img src="figures/plot.svg" alt="far" loading="lazy">'))
    (folder / "report.html").write_text(_page("report", _answer(3) + '<p style="font-size:14px">'
                                              '<a href="specs.html#top">per spec</a> '
                                              '<a href="figures/plot.svg">plot</a></p><div style="height:2000px"></div>'))
    return folder / "report.html"


def write_broken(folder: Path) -> Path:
    """Every part of the contract broken: 1,000 px of blank before the answer (so the first
    screen is one colour), a page 20,000 px tall, a broken image on both pages, an inline SVG
    with no size, a link to a page that is not there, 7 px text in the forest plot."""
    folder.mkdir(parents=True)
    (folder / "pairs.html").write_text(_page("pairs", '<img src="figures/gone.png" alt="gone">'))
    blank = '<div style="height:1000px"></div>'
    forest = FOREST.replace('width="600" height="300" viewBox="0 0 300 150"', 'width="300" height="150"')
    tail = ('<img src="missing.svg" alt="missing"><svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>'
            '<a href="pairs.html">pairs</a> <a href="claims.html">claims</a><div style="height:20000px"></div>')
    (folder / "report.html").write_text(_page("report", _answer(2, before=blank, forest=forest) + tail)
                                        .replace("<h1>Report</h1>", '<h1 style="color:white">Report</h1>'))
    return folder / "report.html"


def test_linked_pages_are_the_folders_own_html_pages_once_each(tmp_path):
    page = write_kept(tmp_path / "kept")
    (page.parent / "claims.html").write_text(_page("claims", ""))
    page.write_text(page.read_text().replace("</body>", '<a href="claims.html">a</a><a href="./claims.html#x">b</a>'
                                             '<a href="https://example.org/x.html">c</a><a href="#answer">d</a>'
                                             '<a href="report.html">e</a><a href="nowhere.html">f</a></body>'))
    pages, missing = linked_pages(page)
    assert pages == [page.parent / "specs.html", page.parent / "claims.html"]
    assert missing == ["nowhere.html"]


def test_box_on_the_first_screen_only_when_inside_it_and_not_empty():
    assert Box(0, 0, HEIGHT, 1400).on_first_screen()
    assert not Box(0, 0, HEIGHT + 1, 1400).on_first_screen()
    assert not Box(10, 0, 10, 1400).on_first_screen()
    assert not Box(0, 0, 10, 1401).on_first_screen()


def test_a_forest_plot_wider_than_its_figure_is_a_problem():
    def page(svg_right: float) -> Measurements:
        return Measurements("p.html", (1400, 900), 900, None, None, (), Box(100, 100, 500, 1300),
                            Box(110, 132, 480, svg_right), (), (), 0, None, 110)

    assert width_problems(page(1300)) == []
    assert width_problems(page(1351)) == ["p.html: the forest plot's <svg> overflows its figure by 51 px"]


@needs_chromium
def test_a_page_whose_policy_forbids_scripts_is_measured_all_the_same(tmp_path):
    page = write_kept(tmp_path / "kept")
    policy = "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'"
    page.write_text(page.read_text().replace("<head>", f'<head><meta http-equiv="Content-Security-Policy" '
                                                       f'content="{policy}">'))
    measured = measure(page)
    assert len(measured.claim_items) == 3 and measured.forest_svg == Box(top=150, left=0, bottom=450, right=600)
    assert policy in page.read_text()  # the page itself is left as it was


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory) -> dict:
    """Each fixture folder's main page and linked pages, measured, and the main page's screenshot."""
    root = tmp_path_factory.mktemp("pages")
    measured = {}
    for name, write in (("kept", write_kept), ("broken", write_broken)):
        page = write(root / name)
        pages, missing = linked_pages(page)
        measured[name] = (measure(page), [measure(other) for other in pages], missing,
                          screenshot(page, root / f"{name}.png"))
    return measured


@needs_chromium
@pytest.mark.slow
def test_a_page_that_keeps_the_contract_passes_every_check(fixtures):
    main, others, missing, shot = fixtures["kept"]
    assert first_screen_problems(main) == [] and height_problems(main) == [] and legibility_problems(main) == []
    assert [problem for m in (main, *others) for problem in image_problems(m)] == [] and missing == []
    # the boxes laid out as the CSS says: h1 60 px, three 30 px claims, then the 600 x 300 plot
    assert [(item.top, item.bottom) for item in main.claim_items] == [(60, 90), (90, 120), (120, 150)]
    assert main.forest_svg == Box(top=150, left=0, bottom=450, right=600)
    assert main.first_plot_top == 150 and main.page_height == 2470
    assert main.smallest_answer_text is not None and main.smallest_answer_text.px == 14  # 7 px at twice the size
    assert [image.src for image in others[0].images] == ["figures/plot.svg", "figures/plot.svg"]
    assert (shot.width, shot.height) == (1400, HEIGHT) and shot.colours > 2 and 0.001 < shot.ink < 0.5


@needs_chromium
@pytest.mark.slow
def test_a_page_that_breaks_the_contract_fails_every_check(fixtures):
    main, others, missing, shot = fixtures["broken"]
    problems = first_screen_problems(main)
    assert any("claims list" in problem for problem in problems)
    assert sum(problem.startswith("claim ") for problem in problems) == 2
    assert any("(#forest)" in problem for problem in problems) and any("<svg>" in problem for problem in problems)
    assert main.page_height > 20000 and len(height_problems(main)) == 1
    assert [problem.split(": ", 1)[1] for problem in image_problems(main)] == [
        "broken image 'missing.svg'", "an inline <svg> has an empty box: " + repr(main.svgs[1])]
    assert [problem.split(": ", 1)[1] for problem in image_problems(others[0])] == ["broken image 'figures/gone.png'"]
    assert missing == ["claims.html"]
    assert main.smallest_answer_text is not None and main.smallest_answer_text.px == 7
    assert legibility_problems(main) != []
    assert shot.colours == 1 and shot.ink == 0  # the first screen is blank


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    """The report of the small rows, built, measured in Chromium, with its first screen's screenshot."""
    root = tmp_path_factory.mktemp("results")
    files = build_report(root, root / "report", rows=make_results(root))
    pages, missing = linked_pages(files.html)
    return {"main": measure(files.html), "others": [measure(page) for page in pages], "missing": missing,
            "shot": screenshot(files.html, root / "first-screen.png")}


@needs_chromium
@pytest.mark.slow
def test_no_broken_image_or_link_on_the_report_and_its_pages_and_a_first_screen_drawn(report):
    assert [problem for m in (report["main"], *report["others"]) for problem in image_problems(m)] == []
    assert report["missing"] == []
    shot = report["shot"]
    assert (shot.width, shot.height) == (1400, HEIGHT) and shot.colours > 2 and shot.ink > 0.01


@needs_chromium
@pytest.mark.slow
def test_the_report_main_page_is_at_most_twelve_screens(report):
    assert height_problems(report["main"]) == []
    assert report["others"], "the main page links the rest (per-spec tables, pairs) as pages of its folder"


@needs_chromium
@pytest.mark.slow
def test_the_reports_first_screen_holds_every_claim_and_the_forest_plot_legibly(report):
    main = report["main"]
    assert first_screen_problems(main) == []
    assert legibility_problems(main) == []
    assert width_problems(main) == []  # the forest plot fits its figure (it once overflowed by 19 px)


def test_the_driver_on_a_missing_page_is_one_line_and_status_2(tmp_path, capsys):
    assert main([str(tmp_path / "report.html")]) == 2
    assert capsys.readouterr().err == f"browser.py: {tmp_path / 'report.html'}: no such file\n"


@needs_chromium
@pytest.mark.slow
def test_the_driver_prints_the_measurements_of_every_page_and_the_problems(tmp_path, capsys):
    kept, broken = write_kept(tmp_path / "kept"), write_broken(tmp_path / "broken")
    assert main([str(kept)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["problems"] == [] and printed["main"]["page_height"] == 2470
    assert [Path(page["page"]).name for page in printed["linked"]] == ["specs.html"]
    assert main([str(broken)]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert f"{broken}: link to a missing page 'claims.html'" in problems and len(problems) == 11
