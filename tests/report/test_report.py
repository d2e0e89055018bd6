"""The report: sections, inline SVG, no network loads, the per-spec CSV, determinism, ``sva report``.

The results folder is built by hand (no runner): committed artifacts copied into ``tmp/artifacts``,
plus a tiny sorting network written here, and rows whose measurements are chosen so the medians
can be checked by eye. Nothing is imported or executed from an artifact.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from sva.errors import InputError
from sva.measure import analyze_source
from sva.report import ReportFiles, build_report
from sva.report.plots import inline_svg
from sva.report.tables import CSV_FIELDS, fmt

ROOT = Path(__file__).resolve().parents[2]

SORT4 = [[0, 1], [2, 3], [0, 2], [1, 3], [1, 2]]
SORT4_DESIGN = '''"""sort-4 by design: merge two sorted pairs."""


def sort_pairs(wires):
    """Sort wires 0-1 and 2-3."""
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[3] < wires[2]:
        wires[2], wires[3] = wires[3], wires[2]


def merge_pairs(wires):
    """Merge the sorted pairs."""
    if wires[2] < wires[0]:
        wires[0], wires[2] = wires[2], wires[0]
    if wires[3] < wires[1]:
        wires[1], wires[3] = wires[3], wires[1]
    if wires[2] < wires[1]:
        wires[1], wires[2] = wires[2], wires[1]


def sort_4(values):
    """Sort four values."""
    wires = list(values)
    sort_pairs(wires)
    merge_pairs(wires)
    return wires
'''
SORT4_SEARCH = '''"""sort-4 by search."""


def sort_4(values):
    """Sort four values."""
    wires = list(values)
''' + "".join(f"    if wires[{j}] < wires[{i}]:\n        wires[{i}], wires[{j}] = wires[{j}], wires[{i}]\n"
              for i, j in SORT4) + "    return wires\n"

#: Search's explanation lengths and held-out pass rates on parity-4, seeds 0, 1, 2.
SEARCH_E = [20, 31, 26]  # median 26
SEARCH_HELD_OUT = [1.0, 0.5, 0.75]  # median 0.75


def _row(spec: str, family: str, generator: str, seed: int, module: str | None, source: str | None,
         **fields) -> dict:
    metrics = analyze_source(source).metrics if source is not None else {}
    row = {"cell": f"{spec}/{generator}/seed-{seed}", "spec": spec, "family": family, "generator": generator,
           "seed": seed, "config_hash": f"{generator}-hash", "status": "done", "reason": None, "stage": None,
           "module": module, "tests_module": None, "sha256": None,
           **{name: value for name, value in metrics.items()},
           "verified_explanation_length": None, "mutation_score": 0.9, "localization": 0.0,
           "held_out_pass_rate": 1.0, "shift_pass_rate": None, "verified": True, "counterexample": None,
           "comparators": None, "depth": None, "best_known_comparators": None, "best_known_depth": None,
           "network": None, "search_success": True if generator == "search" else None,
           "search_evaluations": 1000 + seed if generator == "search" else None,
           "best_fitness_per_generation": [[3, 2, 1, 0][: 2 + seed] + [0]] if generator == "search" else None,
           "config": {"preset": "smoke"}, "versions": {"python": "3.11.7", "sva": "0.1.0"},
           "run_id": 1, "finished_at": f"2024-05-01T12:00:0{seed}+00:00"}
    row.update(fields)
    return row


def make_results(root: Path) -> list[dict]:
    """A results folder under ``root`` and its rows: parity-4 (3 design, 3 search seeds and one
    failed search cell) and sort-4 (1 design, 2 search seeds)."""
    rows = []
    for generator in ("design", "search"):
        source_path = ROOT / "artifacts" / "parity-4" / generator / "seed-0.py"
        source = source_path.read_text()
        for seed in range(3):
            module = f"artifacts/parity-4/{generator}/seed-{seed}.py"
            (root / module).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source_path, root / module)
            extra = {"localization": 0.6} if generator == "design" else {
                "explanation_length": SEARCH_E[seed], "held_out_pass_rate": SEARCH_HELD_OUT[seed],
                "verified": seed != 1}
            rows.append(_row("parity-4", "boolean", generator, seed, module, source, **extra))
    rows.append(_row("parity-4", "boolean", "search", 3, None, None, status="failed", stage="generate",
                     reason="search ran out of time after 60 s", best_fitness_per_generation=None))
    for generator, seeds, source, comparators in (("design", [0], SORT4_DESIGN, 5), ("search", [0, 1], SORT4_SEARCH, 6)):
        for seed in seeds:
            module = f"artifacts/sort-4/{generator}/seed-{seed}.py"
            (root / module).parent.mkdir(parents=True, exist_ok=True)
            (root / module).write_text(source)
            rows.append(_row("sort-4", "sorting", generator, seed, module, source, comparators=comparators - seed,
                             depth=3 + seed, best_known_comparators=5, best_known_depth=3,
                             network=SORT4 if comparators - seed == 5 else SORT4 + [[0, 1]]))
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[dict], ReportFiles]:
    root = tmp_path_factory.mktemp("results")
    rows = make_results(root)
    return root, rows, build_report(root, rows=rows)


def _page(files: ReportFiles, stem: str) -> str:
    """The text of one page of the report folder (``claims``, ``specs``, ...)."""
    return (files.out_dir / f"{stem}.html").read_text()


def _section(html: str, anchor: str) -> str:
    match = re.search(rf'<section id="{anchor}">(.*?)</section>', html, re.S)
    assert match, f"no section {anchor}"
    return match.group(1)


def test_html_has_every_section_with_inline_svg(built):
    root, _, files = built
    assert files.html == root / "report" / "report.html"
    html = files.html.read_text()
    for stem, anchor in (("report", "run"), ("claims", "claims"), ("specs", "comparison"), ("family-networks", "networks"),
                         ("scatter", "scatter"), ("convergence", "convergence"), ("pairs", "side-by-side"),
                         ("specs", "failed"), ("claims", "how-to-read")):
        _section(_page(files, stem), anchor)
    assert _section(_page(files, "scatter"), "scatter").count("<svg") == 1
    assert _section(_page(files, "convergence"), "convergence").count("<svg") == 1
    side = _section(_page(files, "pairs"), "side-by-side")
    # 2 specs x (design, search): a unit graph each (SVG with dot, DOT source without), plus a
    # network diagram for each of the two sort-4 artifacts.
    graphs = 4 if shutil.which("dot") else 0
    assert side.count("<svg") == graphs + 2
    assert side.count("digraph units") == 4 - graphs
    assert "def odd_ones_2(b0, b1):" in side and "def sort_pairs(wires):" in side
    assert "&quot;&quot;&quot;" in side  # code is escaped, never raw HTML
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html


def test_html_loads_nothing_from_the_network(built):
    pages = [path for path in built[2].pages if path.suffix == ".html"]
    assert len(pages) > 1 and [problem for path in pages for problem in _online(path)] == []


def _online(path) -> list[str]:
    """What in the page at ``path`` would load from the network, or breaks its inline SVG ids."""
    html = path.read_text()
    found = {"a link to the network": re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html),
             "a CSS url() on the network": re.search(r"url\(\s*['\"]?(?:https?:)?//", html),
             "a script, a stylesheet link or an @import": any(tag in html for tag in ("<script", "<link", "@import"))}
    ids = re.findall(r'\bid="([^"]+)"', html)
    found["inline SVG ids collide"] = len(ids) != len(set(ids))
    return [f"{path.name}: {what}" for what, hit in found.items() if hit]


def test_csv_has_the_header_and_hand_computed_medians(built):
    _, _, files = built
    with files.csv.open(newline="") as handle:
        records = list(csv.reader(handle))
    assert records[0] == list(CSV_FIELDS)
    by_key = {(r[0], r[1]): dict(zip(records[0], r)) for r in records[1:]}
    e = by_key[("parity-4", "explanation_length")]
    # design E of the committed parity-4 design artifact: 36 on every seed; search [20, 31, 26].
    assert (e["n_design"], e["n_search"]) == ("3", "3")
    assert float(e["median_design"]) == 36 and float(e["median_search"]) == 26
    assert float(e["difference"]) == 10  # design - search
    assert float(e["delta"]) == 1.0 and e["magnitude"] == "large"
    held = by_key[("parity-4", "held_out_pass_rate")]
    assert float(held["median_search"]) == 0.75 and float(held["median_design"]) == 1.0
    verified = by_key[("parity-4", "verified")]
    assert float(verified["mean_design"]) == 1.0 and float(verified["mean_search"]) == pytest.approx(2 / 3, abs=1e-6)
    success = by_key[("parity-4", "search_success")]
    assert success["n_design"] == "0" and float(success["mean_search"]) == 1.0  # the failed cell is not counted
    assert ("parity-4", "shift_pass_rate") not in by_key  # never measured
    assert {metric for spec, metric in by_key if spec == "sort-4"} >= {"decomposability", "audit_length"}


def test_networks_failed_cells_and_claims_are_reported(built):
    files = built[2]
    html = files.html.read_text()
    networks = _section(_page(files, "family-networks"), "networks")
    # sort-4 search seeds 0, 1: comparators 6, 5 (median 5.5, best 5), depths 3, 4; best known 5 and 3.
    cells = re.findall(r"<tr>(.*?)</tr>", networks, re.S)
    search = [c for c in cells if ">search<" in c][0]
    assert re.findall(r"<td>([^<]*)</td>", search) == ["2", "5.5", "5", "5", "3.5", "3", "3"]
    failed = _section(_page(files, "specs"), "failed")
    assert "parity-4/search/seed-3" in failed and "search ran out of time after 60 s" in failed
    claims = _section(_page(files, "claims"), "claims")
    assert "Design artifacts need shorter explanations" in claims
    assert re.search(r'class="verdict v-(supported|contradicted|undecided|no-data)"', claims)
    # one vocabulary, and the rule beside every claim's verdict, confirmatory or exploratory
    assert "inconclusive" not in claims and "too few seeds</span>" not in claims
    assert claims.count("Rule (confirmatory, p &lt; 0.0125") == 4 and "Rule (exploratory, Benjamini-Hochberg" in claims
    assert "Design artifacts are trusted more than search artifacts" in claims
    run = _section(html, "run")
    assert "parity-4, sort-4" in run and "10 (9 done, 1 failed)" in run
    assert "2024-05-01T12:00:03+00:00" in run  # the latest finished_at of the rows, no clock


def test_markdown_and_csv_are_byte_identical_across_builds(built, tmp_path):
    root, rows, first = built
    second = build_report(root, tmp_path / "again", rows=[dict(row) for row in rows])
    assert second.markdown.read_bytes() == first.markdown.read_bytes()
    assert second.csv.read_bytes() == first.csv.read_bytes()
    assert second.html.read_bytes() == first.html.read_bytes()
    assert [path.name for path in second.pages] == [path.name for path in first.pages]
    for path, again in zip(first.pages, second.pages):
        assert again.read_bytes() == path.read_bytes(), path.name
    text = (first.out_dir / "scatter.md").read_text()
    assert "![comprehensibility against trust](figures/scatter.svg)" in text
    assert "![forest plot of the confirmatory claims per family](figures/forest.svg)" in first.markdown.read_text()
    for figure in first.figures:
        assert figure.read_text().lstrip().startswith("<?xml")


def test_without_dot_or_network_module_the_diagrams_degrade_to_notes(tmp_path, monkeypatch):
    import sys

    import sva.measure.diagram as diagram
    from sva.report.sidebyside import side_by_side

    rows = [row for row in make_results(tmp_path) if row["seed"] == 0]
    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    monkeypatch.setitem(sys.modules, "sva.families.sorting.diagram", None)  # import fails
    pairs = side_by_side(rows, tmp_path, tmp_path / "report")
    assert [(p.spec, [v.generator for v in p.views]) for p in pairs] == \
        [("parity-4", ["design", "search"]), ("sort-4", ["design", "search"])]
    for view in (v for p in pairs for v in p.views):
        assert view.unit_graph_svg is None and view.dot_source.startswith("digraph units")
        assert any("dot is not on PATH" in note for note in view.notes)
        assert view.diagram_file.endswith(".dot") and (tmp_path / "report" / view.diagram_file).is_file()
    sort_search = pairs[1].views[1]
    assert sort_search.diagrams == ()  # the family's drawing failed: a note, not a broken report
    assert any(note.startswith("sorting diagrams not drawn: ModuleNotFoundError") for note in sort_search.notes)
    design = pairs[0].views[0]
    assert dict(design.measurements)["explanation_length"] == 36 and design.source.startswith('"""parity-4')


def test_every_family_brings_its_own_section_and_diagrams(tmp_path, monkeypatch):
    import sva.report.sidebyside as sidebyside
    import sva.report.tables as tables
    from sva.core.family import Diagram, Family, Section

    class Widgets(Family):
        name = "widgets"

        def report_section(self, rows):
            return Section(anchor="run", title="Widgets <counted>", intro="One line per spec.",
                           head=("spec", "cells", "share"), rows=((rows[0]["spec"], len(rows), 0.5),))

        def diagrams(self, row, spec):
            return (Diagram("plan", f"plan of {row['cell']}", '<svg><g id="a"/></svg>'),
                    Diagram("../x", "a name that leaves the folder", "<svg/>"))

    class Broken(Family):
        name = "broken"

        def report_section(self, rows):
            raise RuntimeError("boom")

    registered = tables.all_families()
    monkeypatch.setattr(tables, "all_families", lambda: (*registered, Widgets(), Broken()))
    monkeypatch.setattr(sidebyside, "family_of", lambda spec: Widgets())
    rows = make_results(tmp_path)
    for row in rows:
        row["family"] = {"parity-4": "widgets", "sort-4": row["family"]}[row["spec"]]
    rows.append({**rows[0], "cell": "parity-4/design/seed-9", "seed": 9, "family": "broken"})
    files = build_report(tmp_path, rows=rows)
    html = files.html.read_text()
    # one page each, linked from the main page in registration order; an anchor the core has is
    # given the family's name
    order = [html.index(f'<a href="family-{anchor}.html">') for anchor in ("networks", "widgets-run", "broken")]
    assert order == sorted(order)
    assert '<a href="family-widgets-run.html">Widgets &lt;counted&gt;</a>' in html
    page = _page(files, "family-widgets-run")
    assert '<li><a href="#widgets-run">Widgets &lt;counted&gt;</a></li>' in page
    widgets = _section(page, "widgets-run")
    assert "<h2>Widgets &lt;counted&gt;</h2>" in widgets and "<td>0.5</td>" in widgets
    assert '<td class="text">parity-4</td><td>6</td>' in widgets  # its done rows: not the failed cell
    assert "table could not be built: RuntimeError: boom" in _section(_page(files, "family-broken"), "broken")
    markdown = (files.out_dir / "family-widgets-run.md").read_text()
    assert "## Widgets <counted>\n\nOne line per spec.\n\n| spec | cells | share |" in markdown
    main = files.markdown.read_text()
    assert main.index("(family-networks.md)") < main.index("(family-widgets-run.md)") < main.index("(family-broken.md)")
    # the family's diagram: written beside the unit graph, inline in the page, linked from the Markdown
    plan = tmp_path / "report" / "diagrams" / "parity-4__design__seed-0.plan.svg"
    assert plan.read_text() == '<svg><g id="a"/></svg>' and plan in files.diagrams
    pairs = _page(files, "pairs")
    assert 'id="parity-4-design-plan-a"' in pairs
    assert ("![plan of parity-4/design/seed-0](diagrams/parity-4__design__seed-0.plan.svg)"
            in (files.out_dir / "pairs.md").read_text())
    assert "widgets diagram &#x27;../x&#x27; not shown" in pairs
    assert not (tmp_path / "report" / "x.svg").exists()


def test_inline_svg_prefixes_ids_and_their_references():
    document = ('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg><defs><path id="m1"/><clipPath id="c1"/></defs>'
                '<use xlink:href="#m1"/><g clip-path="url(#c1)"/><a href="#other"/></svg>')
    out = inline_svg(document, "fig")
    assert out == ('<svg><defs><path id="fig-m1"/><clipPath id="fig-c1"/></defs>'
                   '<use xlink:href="#fig-m1"/><g clip-path="url(#fig-c1)"/><a href="#other"/></svg>')


def test_fmt():
    assert [fmt(None), fmt(True), fmt(36.0), fmt(0.77054), fmt(1234.5), fmt(3)] == \
        ["-", "yes", "36", "0.771", "1234", "3"]


def test_empty_rows_are_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no result rows"):
        build_report(tmp_path, rows=[])


def test_sva_report_on_a_missing_folder_is_one_line_and_status_2(sva, tmp_path):
    missing = tmp_path / "nowhere"
    result = sva("report", "--results", str(missing))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"sva: {missing}") and "sva run" in lines[0]


def test_sva_report_through_the_results_database(sva, tmp_path):
    from sva.results.store import store_rows

    rows = make_results(tmp_path)
    store_rows(tmp_path, rows, preset="smoke")
    result = sva("report", "--results", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    html = Path(result.stdout.splitlines()[-1])
    assert html == tmp_path / "out" / "report.html" and html.is_file()
    text = html.read_text()
    assert "<td class=\"text\">preset</td><td class=\"text\">smoke</td>" in text
    assert "parity-4/search/seed-3" in _section((tmp_path / "out" / "specs.html").read_text(), "failed")
    with (tmp_path / "out" / "report.csv").open(newline="") as handle:
        by_key = {(r["spec"], r["metric"]): r for r in csv.DictReader(handle)}
    assert float(by_key[("parity-4", "explanation_length")]["median_search"]) == 26


def test_sva_report_on_an_empty_database_is_one_line_and_status_2(sva, tmp_path):
    from sva.results.store import store_rows

    store_rows(tmp_path, [])
    result = sva("report", "--results", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "holds no cells" in result.stderr


# --- sentences about the data come from the rows -------------------------------------------------

def _note_rows(design_verified=True, copies=True):
    rows = []
    for seed in range(3):
        rows.append({"cell": f"p/design/seed-{seed}", "spec": "parity-3-half", "family": "boolean",
                     "generator": "design", "seed": seed, "status": "done",
                     "sha256": "d" if copies else f"d{seed}", "verified": design_verified, "decomposability": 0.8})
        rows.append({"cell": f"p/search/seed-{seed}", "spec": "parity-3-half", "family": "boolean",
                     "generator": "search", "seed": seed, "status": "done", "sha256": f"s{seed}",
                     "verified": seed == 0, "decomposability": 0.0})
    return rows


def test_run_notes_follow_the_rows():
    from sva.report.notes import run_notes

    notes = run_notes(_note_rows())
    assert notes[0].startswith("The 6 finished cells hold 4 distinct artifacts: 2 cells are copies")
    assert notes[1].startswith("1 of 1 distinct design artifacts are verified, decomposability 0.80; "
                               "1 of 3 distinct search artifacts are verified, decomposability 0.00")
    # rows that contradict each sentence: no copies, design not verified
    contrary = run_notes(_note_rows(design_verified=False, copies=False))
    assert not any("copies" in note for note in contrary)
    assert contrary[0].startswith("0 of 3 distinct design artifacts are verified")


def test_claims_summary_and_training_share_follow_the_rows():
    from sva.report.notes import claims_summary, specs_section
    from sva.results.claims import evaluate_claims, tally

    rows = _note_rows()
    results = evaluate_claims(rows)
    summary = claims_summary(results, tally(results))
    # the only relation, decomposability against verified, is between generators only (D is 0.8 for
    # every design artifact and 0 for every search one): not a finding
    assert summary.startswith("0 of 14 claims are findings: 0 supported, 0 contradicted, 0 undecided")
    assert "could not vary: comprehensibility tracks trust," in summary
    assert "true by construction, not findings: more decomposable;" in summary
    section = specs_section(rows + [dict(rows[0], spec="parity-3", sha256="x")])
    assert section.rows == (("parity-3-half", "boolean", 0.5, 1, 3), ("parity-3", "boolean", 1.0, 1, 0))
    from sva.report.notes import within_section

    within = within_section(results)
    assert ("boolean search", "-", "-", None, None, None, None, None, None,
            "decomposability: settled by construction (search emits the whole artifact as one function with no "
            "helpers, so its only parts are the bindings the emitter names inside it)", None) in within.rows
    for row in rows:
        row["decomposability"] = 0.5  # now nothing is settled: the summary changes
    results = evaluate_claims(rows)
    assert "true by construction" not in claims_summary(results, tally(results))
