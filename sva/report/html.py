"""The report's sub-pages as HTML: their sections, and the self-contained page around them.

Inline CSS, inline SVG, no script, no link out. Every figure and diagram is an inline ``<svg>``
(ids prefixed per figure, see :func:`sva.report.plots.inline_svg`); code is escaped inside
``<pre>``; a DOT source is shown as text when Graphviz could not draw it. Nothing is loaded from
the network, so every page opens offline. The main page's own sections (the answer first) are
:mod:`sva.report.frontpage`'s, which also puts every page together with :func:`page_html`.
"""

from __future__ import annotations

from html import escape
from typing import Iterable

from sva.core.family import Section
from sva.report.content import ReportContent
from sva.report.plots import inline_svg
from sva.report.prose import HOW_TO_READ, INTRO, SECTIONS
from sva.report.sidebyside import ArtifactView
from sva.report.tables import TableRow, delta_text, difference_text, fmt, measure_text, metric_text, side_text

__all__ = ["core_sections", "page_html", "run_section", "table", "titled", "verdict_class", "view_html"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0 auto;max-width:1200px;
padding:1em 2em;color:#222;line-height:1.45}
h1{font-size:1.7em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}h3{margin-top:1.5em}
table{border-collapse:collapse;font-size:.88em;margin:.6em 0}
th,td{border:1px solid #ddd;padding:.25em .55em;text-align:right;vertical-align:top}
th{background:#f3f3f3}td.text,th.text{text-align:left}
tr.group-start td{border-top:2px solid #999}
pre{background:#f7f7f7;border:1px solid #e2e2e2;padding:.6em;overflow:auto;font-size:.8em;max-height:32em}
.verdict{display:inline-block;padding:.05em .5em;border-radius:.3em;font-weight:600;font-size:.9em}
.v-supported{background:#d8f0d8}.v-contradicted{background:#f6d5d5}
.v-undecided{background:#fbeec8}.v-no-data{background:#e8e8e8}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1.2em}
.pair>div{min-width:0}.figure svg,.diagram svg{max-width:100%;height:auto}
.note{color:#8a5a00;font-size:.9em}.muted{color:#666;font-size:.9em}
nav ul{columns:3;font-size:.9em}
#answer-claims{padding-left:1.2em;margin:.3em 0}#answer-claims li{margin:.15em 0}
#answer h2{margin-top:.6em}#forest{margin:.4em 0}#forest svg{max-width:100%;height:auto}#forest figcaption,.plot-note{font-size:.9em;color:#444}
.pair pre{max-height:24em}
"""


def verdict_class(verdict: str) -> str:
    return "v-" + "-".join(verdict.lower().replace("_", " ").split())


def table(head: Iterable[str], body: Iterable[Iterable[str]], text_columns: int = 1,
           classes: Iterable[str] | None = None) -> str:
    head = list(head)
    out = ["<table>", "<tr>" + "".join(f'<th class="text">{escape(h)}</th>' if i < text_columns
                                       else f"<th>{escape(h)}</th>" for i, h in enumerate(head)) + "</tr>"]
    class_list = list(classes) if classes is not None else None
    for k, row in enumerate(body):
        css = f' class="{class_list[k]}"' if class_list and class_list[k] else ""
        out.append(f"<tr{css}>" + "".join(f'<td class="text">{cell}</td>' if i < text_columns else f"<td>{cell}</td>"
                                          for i, cell in enumerate(row)) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def titled(anchor: str, title: str, intro: str | None, body: str) -> str:
    return (f'<section id="{escape(anchor)}">\n<h2>{escape(title)}</h2>\n'
            + (f"<p>{escape(intro)}</p>\n" if intro else "") + body + "\n</section>")


def _section(anchor: str, body: str) -> str:
    return titled(anchor, dict(SECTIONS)[anchor], INTRO.get(anchor), body)


def run_section(content: ReportContent) -> str:
    s = content.summary
    items = [
        ("specs", ", ".join(s.specs)),
        ("generators", ", ".join(s.generators)),
        ("seeds", ", ".join(map(str, s.seeds))),
        ("cells", f"{s.cells} ({s.done} done, {s.failed} failed)"),
        ("preset", content.preset or "-"),
        ("configuration hashes", f"{len(s.config_hashes)} (each cell's generator and trust settings)" if s.config_hashes else "-"),
        ("run", ", ".join(map(str, s.run_ids)) or "-"),
        ("finished at", s.finished_at or "-"),
        ("versions", "; ".join(f"{k} {v}" for k, v in s.versions) or "-"),
    ]
    body = table(["", "value"], [[escape(k), escape(v)] for k, v in items], text_columns=2)
    return _section("run", body)


def _claims(content: ReportContent) -> str:
    if not content.claims:
        return _section("claims", '<p class="note">No claim was evaluated.</p>')
    parts = [f"<p><strong>{escape(content.claims_summary)}</strong></p>"] if content.claims_summary else []
    parts += [f'<p class="note">{escape(note)}</p>' for note in content.notes]
    for claim in content.claims:
        parts.append(
            f'<h3 id="claim-{escape(claim.name)}">{escape(claim.headline)}: '
            f'<span class="verdict {verdict_class(claim.verdict)}">{escape(claim.verdict)}</span></h3>\n'
            f"<p><strong>{escape(claim.sentence)}</strong></p>\n"
            + (f'<p class="muted">Rule ({escape(claim.rule)}).</p>\n' if claim.rule else "")
            + f'<p class="muted">{escape(claim.statement)}</p>')
        if claim.per_spec:
            body = [[escape(spec), f'<span class="verdict {verdict_class(verdict)}">{escape(verdict)}</span>',
                     escape(sentence)] for spec, verdict, sentence in claim.per_spec]
            parts.append("<details><summary>per spec</summary>\n"
                         + table(["spec", "verdict", "in plain words"], body, text_columns=3) + "\n</details>")
    return _section("claims", "\n".join(parts))


def _side(row: TableRow, side: str) -> str:
    value, n = side_text(row, side)
    return f"{value} <span class=\"muted\">({n})</span>" if n else "-"


def _comparison(content: ReportContent) -> str:
    if not content.table:
        return _section("comparison", '<p class="note">No finished cell to compare.</p>')
    body, classes, previous = [], [], None
    for row in content.table:
        first = row.spec != previous
        previous = row.spec
        classes.append("group-start" if first else "")
        body.append([escape(row.spec) if first else "", escape(metric_text(row.metric)), _side(row, "design"),
                     _side(row, "search"), escape(difference_text(row)), escape(delta_text(row)), escape(row.test or "-"),
                     fmt(row.p_value), fmt(row.p_holm)])
    head = ["spec", "metric", "design (n)", "search (n)", "difference [95% interval]", "Cliff's delta",
            "test", "p", "Holm p"]
    return _section("comparison", table(head, body, text_columns=2, classes=classes))


def _family_section(section: Section) -> str:
    """A family's table (raw values through :func:`fmt`, like every other table)."""
    body = [[escape(fmt(value)) for value in row] for row in section.rows]
    shown = table(section.head, body, text_columns=section.text_columns) if section.head else ""
    for figure in section.figures:
        shown += (f'\n<div class="figure" title="{escape(figure.caption)}">'
                  f'{inline_svg(figure.svg, f"{section.anchor}-{figure.name}")}</div>')
    return titled(section.anchor, section.title, section.intro, shown)


def _figure(svg: str | None, prefix: str, missing: str, caption: str = "") -> str:
    if svg is None:
        return f'<p class="note">{escape(missing)}</p>'
    below = f"\n<p>{escape(caption)}</p>" if caption else ""
    return f'<div class="figure">\n{inline_svg(svg, prefix)}\n</div>{below}'


def view_html(view: ArtifactView, prefix: str) -> str:
    parts = [f"<h4>{escape(view.generator)} <span class=\"muted\">{escape(view.cell)}</span></h4>"]
    parts += [f'<p class="note">{escape(note)}</p>' for note in view.notes]
    if view.source is not None:
        parts.append(f"<pre><code>{escape(view.source)}</code></pre>")
    if view.unit_graph_svg is not None:
        parts.append(f'<div class="diagram">{inline_svg(view.unit_graph_svg, prefix + "-units")}</div>')
    elif view.dot_source is not None:
        parts.append(f"<pre>{escape(view.dot_source)}</pre>")
    for diagram in view.diagrams:
        parts.append(f'<div class="diagram">{inline_svg(diagram.svg, f"{prefix}-{diagram.name}")}</div>')
    if view.measurements:
        parts.append(table(["measurement", "value"],
                            [[escape(measure_text(name)), escape(fmt(value))] for name, value in view.measurements]))
    return "<div>\n" + "\n".join(parts) + "\n</div>"


def _side_by_side(content: ReportContent) -> str:
    if not content.pairs:
        return _section("side-by-side", '<p class="note">No artifact to show.</p>')
    blocks = []
    for pair in content.pairs:
        views = "\n".join(view_html(view, f"{pair.spec}-{view.generator}") for view in pair.views)
        blocks.append(f'<h3 id="artifact-{escape(pair.spec)}">{escape(pair.spec)}, seed {pair.seed}</h3>\n'
                      f'<div class="pair">\n{views}\n</div>')
    return _section("side-by-side", "\n".join(blocks))


def _failed(content: ReportContent) -> str:
    if not content.failed:
        return _section("failed", "<p>None: every cell finished.</p>")
    body = [[escape(c.cell), escape(c.stage or "-"), escape(c.reason)] for c in content.failed]
    return _section("failed", table(["cell", "stage", "reason"], body, text_columns=3))


def _how_to_read() -> str:
    return _section("how-to-read", "\n".join(f"<p>{escape(p)}</p>" for p in HOW_TO_READ))


def core_sections(content: ReportContent) -> dict[str, str]:
    """The HTML of every section of the sub-pages by anchor (the core's and the families')."""
    return {
        "claims": _claims(content), "comparison": _comparison(content),
        "scatter": _section("scatter", _figure(content.scatter_svg, "scatter", "No finished cell to plot.")),
        "convergence": _section("convergence", _figure(content.convergence_svg, "convergence",
                                                       "No search run recorded a fitness curve.",
                                                       content.convergence_caption)),
        "side-by-side": _side_by_side(content), "failed": _failed(content), "how-to-read": _how_to_read(),
        **{section.anchor: _family_section(section) for section in (*content.extras, *content.sections)},
    }


def page_html(title: str, top: str, sections: Iterable[str]) -> str:
    """A whole self-contained page: ``title`` as its heading, ``top`` (the answer, or the link back
    to the main page and this page's contents), then the sections."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"<h1>{escape(title)}</h1>\n{top}\n" + "\n".join(sections) + "\n</body>\n</html>\n")
