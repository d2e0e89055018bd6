"""The report's pages as HTML: the main page's own sections, and every page put together.

The main page (:data:`sva.report.prose.MAIN`) opens on the answer, right after its ``<h1>``::

    <section id="answer">
      <ul id="answer-claims"><li class="claim">...one per confirmatory claim...</li></ul>
      <figure id="forest"><svg>...</svg><figcaption>...</figcaption></figure>
      <p id="scope">what the run can and cannot say</p>
    </section>

then the trust comparison, comprehensibility against trust within specs (the plot, its rho and the
sentence saying which programs), one example pair, what was run and the links to every other page.
Every other page starts with a link back to ``report.html`` and a list of its sections. Each page
is self-contained: inline CSS and SVG, no script, nothing loaded from the network.
"""

from __future__ import annotations

from html import escape

from sva.report.content import Answer, ReportContent, TrustView, WithinView
from sva.report.html import core_sections, page_html, run_section, table, titled, verdict_class, view_html
from sva.report.plots import inline_svg
from sva.report.prose import INTRO, MAIN, SECTIONS, Page
from sva.results.headline import interval_text, line

__all__ = ["render_html"]


def _section(anchor: str, body: str) -> str:
    return titled(anchor, dict(SECTIONS)[anchor], INTRO.get(anchor), body)


def _answer(answer: Answer | None) -> str:
    if answer is None:
        return _section("answer", '<p class="note">No claim was evaluated.</p>')
    items = "".join(f'<li class="claim"><span class="verdict {verdict_class(found.verdict)}">'
                    f"{escape(found.verdict)}</span> {escape(line(found, verdict=False))}</li>" for found in answer.claims)
    forest = (f'<figure id="forest">{inline_svg(answer.forest_svg, "forest")}'
              f"<figcaption>{escape(answer.caption)}</figcaption></figure>" if answer.forest_svg else
              f'<p class="note">{escape(answer.caption)}</p>')
    return (f'<section id="answer">\n<ul id="answer-claims">{items}</ul>\n{forest}\n'
            f'<p id="scope">{escape(answer.scope)}</p>\n</section>')


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _trust_view(view: TrustView) -> str:
    first, second = view.sides
    body = [[escape(item.outcome + (f", {item.scope}" if item.scope else "")), _num(item.first), _num(item.second),
             escape(interval_text(item.effect, item.low, item.high)), str(item.specs),
             f'<span class="verdict {verdict_class(item.verdict)}">{escape(item.verdict)}</span> '
             f"{escape(item.direction)}"] for item in view.lines]
    facts = "".join(f'<p class="note">By construction: {escape(fact)}</p>' for fact in view.facts)
    return (f"<h3>{escape(view.title)}: <span class=\"verdict {verdict_class(view.verdict)}\">"
            f"{escape(view.verdict)}</span></h3>\n"
            + table(["outcome", f"{first} (mean)", f"{second} (mean)", f"difference {first} - {second} [95%]",
                     "specs", "verdict"], body, text_columns=1) + facts)


def _trust(content: ReportContent) -> str:
    if not content.trust:
        return _section("trust", '<p class="note">No trust comparison has data in this run.</p>')
    return _section("trust", "\n".join(_trust_view(view) for view in content.trust))


def _within(view: WithinView | None) -> str:
    if view is None or view.svg is None:
        return _section("within-trust", '<p class="note">No spec has programs whose comprehensibility and trust '
                                        "both vary.</p>")
    rho = interval_text(view.rho, view.low, view.high)
    return _section("within-trust", f"<p><strong>{escape(view.title)}</strong>: within-spec rho {escape(rho)} over "
                    f"{view.specs} specs.</p>\n<div class=\"figure\">{inline_svg(view.svg, 'within')}</div>\n"
                    f'<p class="plot-note" id="within-set">{escape(view.sentence)}</p>\n'
                    f'<p class="muted">{escape(view.claim_sentence)}</p>')


def _example(content: ReportContent) -> str:
    pair = content.example
    if pair is None:
        return _section("example", '<p class="note">No spec has both generators\' seed-0 artifacts.</p>')
    views = "\n".join(view_html(view, f"example-{pair.spec}-{view.generator}") for view in pair.views)
    return _section("example", f"<p>{escape(pair.spec)}, seed {pair.seed} (every pair: "
                    f'<a href="pairs.html">pairs.html</a>).</p>\n<div class="pair">\n{views}\n</div>')


def _more(content: ReportContent) -> str:
    items = "".join(f'<li><a href="{escape(page.html)}">{escape(page.title)}</a> '
                    f'(<a href="{escape(page.markdown)}">Markdown</a>)</li>' for page in content.pages()[1:])
    failed = (f'<p class="note">{len(content.failed)} cells failed: <a href="specs.html#failed">the list</a>.</p>'
              if content.failed else "")
    return _section("more", f"<ul>{items}</ul>{failed}")


def _back(content: ReportContent, page: Page) -> str:
    links = "".join(f'<li><a href="#{escape(anchor)}">{escape(title)}</a></li>' for anchor, title in content.contents(page))
    return f'<p><a href="report.html">Back to the report</a></p>\n<nav><ul>{links}</ul></nav>'


def render_html(content: ReportContent, page: Page = MAIN) -> str:
    """One page of the report as text."""
    if page == MAIN:
        sections = [_answer(content.answer), _trust(content), _within(content.within), _example(content),
                    run_section(content), _more(content)]
        return page_html(page.title, "", sections)
    rendered = core_sections(content)
    return page_html(page.title, _back(content, page), [rendered[anchor] for anchor, _ in content.contents(page)])
