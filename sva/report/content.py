"""The report as plain records: what ``build_report`` computes and the HTML and Markdown writers show.

No computation and no writing here: :mod:`sva.report.build` fills a :class:`ReportContent`
and hands it to :func:`sva.report.html.render_html` and
:func:`sva.report.markdown.render_markdown`, which import these records and nothing of the
builder; the builder answers with a :class:`ReportFiles`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sva.core.family import Section
from sva.report.prose import FAMILY_SECTIONS_AFTER, SECTIONS
from sva.report.sidebyside import SideBySide
from sva.report.tables import FailedCell, RunSummary, TableRow

__all__ = ["ClaimView", "ReportContent", "ReportFiles"]


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

    def contents(self) -> list[tuple[str, str]]:
        """(anchor, title) of every section on the page, in page order: the core's, with the
        families' right after :data:`~sva.report.prose.FAMILY_SECTIONS_AFTER`."""
        contents = []
        for anchor, title in SECTIONS:
            contents.append((anchor, title))
            if anchor == FAMILY_SECTIONS_AFTER:
                contents += [(section.anchor, section.title) for section in self.sections]
        return contents
