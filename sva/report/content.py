"""The report as plain records: what ``build_report`` computes and the HTML and Markdown writers show.

No computation and no writing here: :mod:`sva.report.build` fills a :class:`ReportContent`
and hands it to :func:`sva.report.frontpage.render_html` and
:func:`sva.report.markdown.render_markdown` page by page (:meth:`ReportContent.pages`), which
import these records and nothing of the builder; the builder answers with a :class:`ReportFiles`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sva.core.family import Section
from sva.report.prose import MAIN, PAGES, SECTIONS, Page
from sva.report.sidebyside import SideBySide
from sva.report.tables import FailedCell, RunSummary, TableRow
from sva.results.headline import Headline
from sva.results.verdicts import ClaimResult

__all__ = ["Answer", "ClaimView", "ForestPanel", "ReportContent", "ReportFiles", "TrustLine", "TrustView",
           "WithinPoint", "WithinView"]


@dataclass(frozen=True)
class ReportFiles:
    """Where the report was written (all inside ``out_dir``)."""

    out_dir: Path
    html: Path
    markdown: Path
    csv: Path
    figures: tuple[Path, ...] = ()  #: the plots as SVG files (linked from the Markdown)
    diagrams: tuple[Path, ...] = ()  #: unit graphs (SVG or DOT) and the families' diagrams of seed-0 artifacts
    results: Path | None = None  #: ``results.md``, the results tables (:mod:`sva.report.resultsdoc`)
    #: every page, HTML and its Markdown twin, the main page (``html``, ``markdown``) first
    pages: tuple[Path, ...] = ()


@dataclass(frozen=True)
class ForestPanel:
    """One confirmatory claim in the forest plot: its rows (every family first, then each family,
    only those with an effect) and the words under its axis saying which side is better."""

    claim: str
    title: str
    axis: str  #: what the effect is, e.g. "held-out pass rate, design - search"
    left: str  #: what an effect below 0 means, e.g. "search better"
    right: str
    rows: tuple[Headline, ...]


@dataclass(frozen=True)
class Answer:
    """The first screen: one headline per confirmatory claim, the forest plot of them per family,
    and what the run can and cannot say."""

    claims: tuple[Headline, ...]
    panels: tuple[ForestPanel, ...]
    forest_svg: str | None
    caption: str
    scope: str  #: one paragraph computed from the results


@dataclass(frozen=True)
class TrustLine:
    """One trust outcome: the first side's mean against the second's over the specs with both."""

    outcome: str  #: the outcome's words, with which side is better
    scope: str  #: "" (every spec), or the subset (search's perfect training fits, matched budgets)
    first: float | None
    second: float | None
    effect: float | None
    low: float | None
    high: float | None
    specs: int
    verdict: str
    direction: str


@dataclass(frozen=True)
class TrustView:
    """A two-sided trust claim (design or design-auto against search) as the main page shows it."""

    claim: str
    title: str
    sides: tuple[str, str]
    verdict: str
    lines: tuple[TrustLine, ...]
    facts: tuple[str, ...]  #: what holds by construction (a side that writes down the known answer)


@dataclass(frozen=True)
class WithinPoint:
    """One distinct program in the within-spec plot: its ranks within its spec (0 lowest, 1 highest)."""

    spec: str
    family: str
    x: float
    y: float


@dataclass(frozen=True)
class WithinView:
    """The within-spec relation of the confirmatory correlation claim: the plot and its text from
    one set of programs (``points``), and the sentence saying which set."""

    claim: str
    title: str
    metric: str
    outcome: str
    points: tuple[WithinPoint, ...]
    specs: int
    rho: float | None
    low: float | None
    high: float | None
    claim_sentence: str
    sentence: str  #: under the plot: n and what was counted
    svg: str | None


@dataclass(frozen=True)
class ClaimView:
    """One of the essay's claims as the report states it."""

    name: str
    headline: str  #: the claim in a few words
    statement: str  #: the claim in full, with the metric it is about
    verdict: str  #: overall: one of sva.results.verdicts.VERDICTS
    sentence: str  #: the overall verdict in plain words, with the numbers
    per_spec: tuple[tuple[str, str, str], ...]  #: (spec, verdict, sentence)
    kind: str = "empirical"  #: empirical (a finding), structural or degenerate
    kind_reason: str | None = None
    #: "confirmatory" or "exploratory", and the rule that gave the verdict (printed beside it)
    rule: str = ""


@dataclass(frozen=True)
class ReportContent:
    """Everything the HTML and Markdown writers show, already computed."""

    summary: RunSummary
    claims: tuple[ClaimView, ...]
    table: tuple[TableRow, ...]
    #: the families' own tables, in family registration order (anchors unique on the page)
    sections: tuple[Section, ...]
    scatter_svg: str | None
    convergence_svg: str | None
    pairs: tuple[SideBySide, ...]
    failed: tuple[FailedCell, ...]
    preset: str | None = None
    #: how the claims came out, in one sentence computed from their results
    claims_summary: str = ""
    #: sentences on this run's data that qualify the statistics (sva.report.notes)
    notes: tuple[str, ...] = ()
    #: the convergence figure's caption, true for each family shown (sva.report.plots)
    convergence_caption: str = ""
    answer: Answer | None = None
    trust: tuple[TrustView, ...] = ()
    within: WithinView | None = None
    #: the one seed-0 pair drawn on the main page (every pair is on its own page)
    example: SideBySide | None = None
    #: the core's tables that are not families' (specs, within each generator, ...): the specs page
    extras: tuple[Section, ...] = ()
    #: every claim's result as sva.results computed it (the results tables reuse them, not recompute)
    results: tuple[ClaimResult, ...] = ()

    def pages(self) -> tuple[Page, ...]:
        """Every page in link order: the main page, the core's pages, then one per family section."""
        return (*PAGES, *(Page(f"family-{section.anchor}", section.title, (section.anchor,))
                          for section in self.sections))

    def contents(self, page: Page = MAIN) -> list[tuple[str, str]]:
        """(anchor, title) of every section of ``page``, in page order (the specs page adds the
        core's extra tables after the per-spec table)."""
        titles = dict(SECTIONS) | {section.anchor: section.title for section in (*self.extras, *self.sections)}
        contents = []
        for anchor in page.anchors:
            contents.append((anchor, titles[anchor]))
            if anchor == "comparison":
                contents += [(section.anchor, section.title) for section in self.extras]
        return contents
