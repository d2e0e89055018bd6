"""The report as Markdown: each page's twin (``report.md`` for ``report.html``, ``claims.md`` for
``claims.html``, ...), the same sections, figures and diagrams linked as the SVG files written
beside it (``figures/``, ``diagrams/``), other pages linked by their ``.md`` twins."""

from __future__ import annotations

import re
from typing import Iterable

from sva.core.family import Section
from sva.report.content import ReportContent, TrustView
from sva.report.prose import HOW_TO_READ, INTRO, MAIN, SECTIONS, Page
from sva.report.sidebyside import ArtifactView
from sva.report.tables import TableRow, delta_text, difference_text, fmt, measure_text, metric_text, side_text
from sva.results.headline import interval_text, line

__all__ = ["render_markdown"]


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(head: Iterable[str], body: Iterable[Iterable[str]], text_columns: int = 1) -> list[str]:
    head = list(head)
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |",
             "|" + "|".join("---" if i < text_columns else "---:" for i in range(len(head))) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in body]
    return lines + [""]


def _titled(title: str, intro: str | None) -> list[str]:
    return [f"## {title}", ""] + ([intro, ""] if intro else [])


def _heading(anchor: str) -> list[str]:
    return _titled(dict(SECTIONS)[anchor], INTRO.get(anchor))


def _family_section(section: Section) -> list[str]:
    """A family's table (raw values through :func:`fmt`, like every other table)."""
    lines = _titled(section.title, section.intro)
    if section.head:
        lines += _table(section.head, [[fmt(value) for value in row] for row in section.rows],
                        text_columns=section.text_columns)
    for figure in section.figures:
        lines += [f"![{figure.caption}](figures/{section.anchor}-{figure.name}.svg)", ""]
    return lines


def _fence(text: str, language: str = "") -> list[str]:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{language}", text.rstrip("\n"), fence, ""]


def _side(row: TableRow, side: str) -> str:
    value, n = side_text(row, side)
    return f"{value} ({n})" if n else "-"


def _view(view: ArtifactView) -> list[str]:
    lines = [f"#### {view.generator}: `{view.cell}`", ""]
    lines += [f"> note: {note}" for note in view.notes]
    if view.notes:
        lines.append("")
    if view.source is not None:
        lines += _fence(view.source, "python")
    if view.diagram_file:
        if view.diagram_file.endswith(".svg"):
            lines += [f"![unit graph of {view.cell}]({view.diagram_file})", ""]
        else:
            lines += [f"Unit graph (DOT source): [{view.diagram_file}]({view.diagram_file})", ""]
    for diagram in view.diagrams:
        lines += [f"![{diagram.caption}]({diagram.file})", ""]
    if view.measurements:
        lines += _table(["measurement", "value"], [[measure_text(name), fmt(value)] for name, value in view.measurements])
    return lines


def _run(content: ReportContent) -> list[str]:
    s = content.summary
    return _heading("run") + _table(["", "value"], [
        ["specs", ", ".join(s.specs)], ["generators", ", ".join(s.generators)],
        ["seeds", ", ".join(map(str, s.seeds))], ["cells", f"{s.cells} ({s.done} done, {s.failed} failed)"],
        ["preset", content.preset or "-"],
        ["configuration hashes",
         f"{len(s.config_hashes)} (each cell's generator and trust settings)" if s.config_hashes else "-"],
        ["run", ", ".join(map(str, s.run_ids)) or "-"], ["finished at", s.finished_at or "-"],
        ["versions", "; ".join(f"{k} {v}" for k, v in s.versions) or "-"]], text_columns=2)


def _claims(content: ReportContent) -> list[str]:
    lines = _heading("claims")
    if not content.claims:
        lines += ["No claim was evaluated.", ""]
    if content.claims and content.claims_summary:
        lines += [f"**{content.claims_summary}**", ""]
    for note in (content.notes if content.claims else ()):
        lines += [note, ""]
    for claim in content.claims:
        lines += [f"### {claim.headline}: **{claim.verdict}**", "", claim.sentence, "",
                  *([f"Rule ({claim.rule}).", ""] if claim.rule else []), f"_{claim.statement}_", ""]
        if claim.per_spec:
            lines += _table(["spec", "verdict", "in plain words"], claim.per_spec, text_columns=3)
    return lines


def _comparison(content: ReportContent) -> list[str]:
    lines = _heading("comparison")
    if not content.table:
        return lines + ["No finished cell to compare.", ""]
    body, previous = [], None
    for row in content.table:
        body.append([row.spec if row.spec != previous else "", metric_text(row.metric), _side(row, "design"),
                     _side(row, "search"), difference_text(row), delta_text(row), row.test or "-",
                     fmt(row.p_value), fmt(row.p_holm)])
        previous = row.spec
    return lines + _table(["spec", "metric", "design (n)", "search (n)", "difference [95% interval]",
                           "Cliff's delta", "test", "p", "Holm p"], body, text_columns=2)


def _figure(anchor: str, present: bool, link: str, missing: str, caption: str = "") -> list[str]:
    return _heading(anchor) + ([link, "", *([caption, ""] if caption else [])] if present else [missing, ""])


def _side_by_side(content: ReportContent) -> list[str]:
    lines = _heading("side-by-side")
    for pair in content.pairs:
        lines += [f"### {pair.spec}, seed {pair.seed}", ""]
        for view in pair.views:
            lines += _view(view)
    if not content.pairs:
        lines += ["No artifact to show.", ""]
    return lines


def _failed(content: ReportContent) -> list[str]:
    lines = _heading("failed")
    if not content.failed:
        return lines + ["None: every cell finished.", ""]
    return lines + _table(["cell", "stage", "reason"], [[c.cell, c.stage or "-", c.reason] for c in content.failed],
                          text_columns=3)


def _how_to_read() -> list[str]:
    lines = _heading("how-to-read")
    for paragraph in HOW_TO_READ:
        lines += [paragraph, ""]
    return lines


def _answer(content: ReportContent) -> list[str]:
    answer = content.answer
    if answer is None:
        return ["No claim was evaluated.", ""]
    lines = [f"- **{found.verdict}** {line(found, verdict=False)}" for found in answer.claims] + [""]
    if answer.forest_svg:
        lines += ["![forest plot of the confirmatory claims per family](figures/forest.svg)", ""]
    return lines + [f"_{answer.caption}_", "", answer.scope, ""]


def _trust_view(view: TrustView) -> list[str]:
    first, second = view.sides
    body = [[item.outcome + (f", {item.scope}" if item.scope else ""), fmt(item.first), fmt(item.second),
             interval_text(item.effect, item.low, item.high), str(item.specs), f"{item.verdict} {item.direction}"]
            for item in view.lines]
    return ([f"### {view.title}: **{view.verdict}**", ""]
            + _table(["outcome", f"{first} (mean)", f"{second} (mean)", f"difference {first} - {second} [95%]",
                      "specs", "verdict"], body) + [f"By construction: {fact}" for fact in view.facts]
            + ([""] if view.facts else []))


def _main(content: ReportContent) -> list[str]:
    lines = _heading("trust") + (["No trust comparison has data in this run.", ""] if not content.trust else [])
    for trust in content.trust:
        lines += _trust_view(trust)
    lines += _heading("within-trust")
    within = content.within
    if within is None or within.svg is None:
        lines += ["No spec has programs whose comprehensibility and trust both vary.", ""]
    else:
        lines += [f"**{within.title}**: within-spec rho {interval_text(within.rho, within.low, within.high)} over "
                  f"{within.specs} specs.", "", "![within-spec ranks](figures/within.svg)", "", within.sentence, "",
                  within.claim_sentence, ""]
    lines += _heading("example")
    if content.example is not None:
        lines += [f"{content.example.spec}, seed {content.example.seed} (every pair: [pairs.md](pairs.md)).", ""]
        for view in content.example.views:
            lines += _view(view)
    lines += _run(content) + _heading("more")
    lines += [f"- [{page.title}]({page.markdown}) ([HTML]({page.html}))" for page in content.pages()[1:]] + [""]
    return lines


def render_markdown(content: ReportContent, page: Page = MAIN) -> str:
    """One page's Markdown twin as text."""
    lines = [f"# {page.title}", ""]
    if page == MAIN:
        lines += _answer(content) + _main(content)
        return "\n".join(lines).rstrip("\n") + "\n"
    rendered = {
        "claims": _claims(content), "comparison": _comparison(content),
        "scatter": _figure("scatter", bool(content.scatter_svg),
                           "![comprehensibility against trust](figures/scatter.svg)", "No finished cell to plot."),
        "convergence": _figure("convergence", bool(content.convergence_svg),
                               "![search convergence](figures/convergence.svg)",
                               "No search run recorded a fitness curve.", content.convergence_caption),
        "side-by-side": _side_by_side(content), "failed": _failed(content), "how-to-read": _how_to_read(),
        **{section.anchor: _family_section(section) for section in (*content.extras, *content.sections)},
    }
    lines += ["[Back to the report](report.md)", ""]
    for anchor, _ in content.contents(page):
        lines += rendered[anchor]
    return "\n".join(lines).rstrip("\n") + "\n"
