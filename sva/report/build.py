"""``build_report``: the result rows of a run -> ``report.html``, ``report.md``, ``report.csv``.

The report is rebuilt from the results database (or from rows handed in), never from a live run.
Steps: load the rows of the latest run (:func:`sva.results.store.load_rows`), compute
the statistics (:func:`sva.results.samples.compare`, :func:`~sva.results.samples.correlate`)
and the claims (:func:`sva.results.claims.evaluate_claims`), arrange them with each
registered family's own table (:mod:`sva.report.tables`), draw the figures
(:mod:`sva.report.plots`) and the seed-0 artifacts with the families' diagrams
(:mod:`sva.report.sidebyside`), then write the pages (:data:`sva.report.prose.PAGES`, one more
per family section): the main page ``report.html`` opens on the answer (:mod:`sva.report.answer`,
:mod:`sva.report.frontpage`), every other table and figure is on a linked page of the same folder;
each page is self-contained (every figure inline SVG, no network needed) and has a Markdown twin
that links the same SVGs as files; the per-spec table is also written as CSV. The records handed from here to the writers live in :mod:`sva.report.content`.

Deterministic: the same rows give byte-identical pages and ``report.csv``; the HTML has no
clock (the only time shown is the run's own ``finished_at``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Mapping, Sequence

from sva.atomic import write_text_atomically
from sva.errors import InputError, OutputError, os_reason
from sva.report import plots
from sva.report.automated import automated_section
from sva.report.content import ClaimView, ReportContent, ReportFiles
from sva.report.external import external_section
from sva.report.answer import answer, trust_views
from sva.report.frontpage import render_html
from sva.report.markdown import render_markdown
from sva.report.resultsdoc import render_results
from sva.report.withintrust import within_view
from sva.report.sidebyside import SideBySide, side_by_side
from sva.report.tables import (HEADLINE_METRICS, TableRow, comparison_table, csv_records, done_rows,
                                    failed_cells, family_sections, spec_order, summarize_run)
from sva.results.claims import claim, evaluate_claims, tally
from sva.results.order import canonical_order
from sva.results.programs import with_programs
from sva.results import sentences as words
from sva.results.verdicts import rule
from sva.results.store import database_path, latest_run, load_rows
from sva.report.competitive import competitiveness_section, fronts_section
from sva.report.notes import claims_summary, run_notes, specs_section, within_section
from sva.results.samples import compare, correlate, distinct

__all__ = ["ReportFiles", "ReportContent", "ClaimView", "build_report", "report_content"]


def _load(results_dir: Path) -> tuple[list[dict[str, Any]], str | None]:
    if not results_dir.exists():
        raise InputError(f"{results_dir}: no such folder; run 'sva run --out {results_dir}' first "
                         f"or pass --results DIR")
    rows = with_programs(load_rows(results_dir), results_dir)
    if not rows:
        raise InputError(f"{database_path(results_dir)}: holds no cells of a run; "
                         f"run 'sva run --out {results_dir}' first")
    run = latest_run(results_dir)
    return rows, (str(run["preset"]) if run and run.get("preset") else None)


def _spec_verdict(verdict: Any) -> str:
    """A per-spec verdict as the tables show it: an undecided comparison with too few seeds says
    which side its medians favour (:func:`sva.results.sentences.leaning`)."""
    metrics = (verdict.numbers or {}).get("metrics")
    few = [(name, found) for name, found in (metrics.items() if isinstance(metrics, dict) else ())
           if isinstance(found, dict) and found.get("too_few_seeds")]
    if verdict.verdict != "undecided" or not few:
        return verdict.verdict
    name, found = few[0]
    leaning = words.leaning(name, tuple(found.get("sides") or ("design", "search")), found.get("median_first"),
                            found.get("median_second"))
    return f"undecided: too few seeds; {leaning}"


def _claim_view(result: Any) -> ClaimView:
    try:
        entry = claim(result.name)
        headline, how = entry.headline, rule(entry)
    except KeyError:
        headline, how = result.name.replace("_", " "), ""
    return ClaimView(name=result.name, headline=headline, statement=result.statement, verdict=result.verdict,
                     sentence=result.sentence,
                     per_spec=tuple((v.spec, _spec_verdict(v), v.sentence) for v in result.specs),
                     kind=result.kind, kind_reason=result.kind_reason, rule=how)


def _example(pairs: Sequence[SideBySide]) -> SideBySide | None:
    """The pair the main page shows: of the pairs with two artifacts that have source, the one of
    median total source length (neither the smallest nor the largest)."""
    full = [pair for pair in pairs if len(pair.views) > 1 and all(view.source for view in pair.views)]
    if not full:
        return None
    ranked = sorted(full, key=lambda pair: (sum(len(view.source or "") for view in pair.views), pair.spec))
    return ranked[(len(ranked) - 1) // 2]


def report_content(rows: Sequence[Mapping[str, Any]], results_dir: Path, out_dir: Path, *,
                   preset: str | None = None, seed: int = 0) -> ReportContent:
    """Compute every section of the report from ``rows`` (diagrams are written under ``out_dir``)."""
    done = canonical_order(done_rows(rows))
    comparisons = compare(done, [m for m in HEADLINE_METRICS if m != "search_success"], seed=seed)
    correlations = correlate(done, list(plots.SCATTER_METRICS), list(plots.SCATTER_OUTCOMES), seed=seed)
    results = evaluate_claims(done, seed=seed)
    specs = spec_order(row["spec"] for row in rows)
    search = [row for row in done if row["generator"] != "design"]
    pressed = (competitiveness_section(rows), fronts_section(rows, results_dir, seed=seed))
    extras = (specs_section(rows), within_section(results), automated_section(results), *pressed,
              external_section(rows, specs))
    pairs = tuple(side_by_side(rows, results_dir, out_dir))
    return ReportContent(
        summary=summarize_run(rows),
        claims=tuple(_claim_view(result) for result in results),
        table=tuple(comparison_table(rows, comparisons)),
        sections=tuple(family_sections(rows)),
        scatter_svg=plots.scatter_grid(distinct(done), correlations) if done else None,
        convergence_svg=plots.convergence_grid(search, specs),
        convergence_caption=plots.convergence_caption(search, specs),
        pairs=pairs,
        failed=tuple(failed_cells(rows)),
        preset=preset,
        claims_summary=claims_summary(results, tally(results)),
        notes=run_notes(rows),
        answer=answer(results),
        trust=trust_views(results),
        within=within_view(results, done),
        example=_example(pairs),
        extras=tuple(table for table in extras if table),
        results=tuple(results),
    )


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a temporary file renamed over it)."""
    try:
        write_text_atomically(path, text, newline="")
    except OSError as error:
        raise OutputError(f"{path}: cannot write the report: {os_reason(error)}; "
                          f"choose a writable folder with --out") from None


def _csv_text(table: Sequence[TableRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(csv_records(table))
    return buffer.getvalue()


def _figures(content: ReportContent) -> list[tuple[str, str]]:
    """(file stem, SVG) of every figure drawn: the forest plot, the within-spec plot, the scatter
    grid, the convergence grid, then each section's own."""
    family = [(f"{section.anchor}-{figure.name}", figure.svg) for section in (*content.extras, *content.sections)
              for figure in section.figures]
    drawn = [("forest", content.answer.forest_svg if content.answer else None),
             ("within", content.within.svg if content.within else None),
             ("scatter", content.scatter_svg), ("convergence", content.convergence_svg), *family]
    return [(name, svg) for name, svg in drawn if svg is not None]


def build_report(results_dir: Path, out_dir: Path | None = None, *,
                 rows: list[dict] | None = None) -> ReportFiles:
    """Write the report of ``results_dir`` (default folder ``results_dir / "report"``).

    ``rows``: use these result rows instead of reading ``results_dir/results.sqlite`` (artifact
    paths in them are still read relative to ``results_dir``). Raises :class:`InputError` when
    there is no database or it holds no cells, :class:`OutputError` when ``out_dir`` cannot be
    written. Failed cells do not stop the report; they get their own section.
    """
    results_dir = Path(results_dir)
    out_dir = Path(out_dir) if out_dir is not None else results_dir / "report"
    preset = None
    if rows is None:
        rows, preset = _load(results_dir)
    elif not rows:
        raise InputError(f"{results_dir}: no result rows to report")
    else:
        presets = {(row.get("config") or {}).get("preset") for row in rows} - {None}
        preset = ", ".join(sorted(map(str, presets))) or None
    try:
        (out_dir / "figures").mkdir(parents=True, exist_ok=True)
        (out_dir / "diagrams").mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot create the report folder: {os_reason(error)}; "
                          f"choose a writable folder with --out") from None
    content = report_content(rows, results_dir, out_dir, preset=preset)
    figures = []
    for name, svg in _figures(content):
        path = out_dir / "figures" / f"{name}.svg"
        _write(path, svg)
        figures.append(path)
    pages = content.pages()
    files = ReportFiles(
        out_dir=out_dir, html=out_dir / "report.html", markdown=out_dir / "report.md", csv=out_dir / "report.csv",
        figures=tuple(figures), results=out_dir / "results.md",
        diagrams=tuple(out_dir / name for pair in content.pairs for view in pair.views
                       for name in (view.diagram_file, *(diagram.file for diagram in view.diagrams)) if name),
        pages=tuple(out_dir / name for page in pages for name in (page.html, page.markdown)))
    _write(files.csv, _csv_text(content.table))
    for page in pages:
        _write(out_dir / page.markdown, render_markdown(content, page))
        _write(out_dir / page.html, render_html(content, page))
    _write(out_dir / "results.md", render_results(rows, preset=preset, results=content.results))
    return files
