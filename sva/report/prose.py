"""The report's fixed words and layout: section titles, pages, short introductions and "how to read this".

One place for the text both writers (HTML and Markdown) print, so they cannot drift apart. These
words define terms and say how to read a table; none states what the data show. Sentences about
the run's data are computed from its rows (:mod:`sva.report.notes`, :mod:`sva.report.answer`,
the claims' own sentences). A family's own section brings its own title and introduction
(``Family.report_section``) and gets a page of its own.

The layout (:data:`PAGES`): the main page ``report.html`` is the answer (one line per
confirmatory claim and the forest plot), the trust comparison, comprehensibility against trust
within specs, one example pair, what was run and the links; everything else is on linked pages
of the same folder, each with a Markdown twin (``claims.md`` beside ``claims.html``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TITLE", "SECTIONS", "PAGES", "MAIN", "Page", "INTRO", "HOW_TO_READ", "RATE_METRICS"]

TITLE = "Search versus design: the report"


@dataclass(frozen=True)
class Page:
    """One page of the report: its file stem (``.html`` and ``.md``), title and sections in order."""

    stem: str
    title: str
    anchors: tuple[str, ...]

    @property
    def html(self) -> str:
        return f"{self.stem}.html"

    @property
    def markdown(self) -> str:
        return f"{self.stem}.md"


#: (anchor, title) of every section of the core.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("answer", "The answer"),
    ("trust", "Is design trusted more than search?"),
    ("within-trust", "Within a spec, do the more comprehensible programs hold up better?"),
    ("example", "One example, design beside search"),
    ("run", "What was run"),
    ("more", "The rest of the report"),
    ("claims", "The essay's claims, in plain words"),
    ("comparison", "Design against search, per spec"),
    ("scatter", "Comprehensibility against trust, pooled (a description)"),
    ("convergence", "Search convergence"),
    ("side-by-side", "Seed 0, design beside search"),
    ("failed", "Failed cells"),
    ("how-to-read", "How to read this report"),
)

#: The main page; its sections stay about ten screens tall whatever the run's size.
MAIN = Page("report", TITLE, ("answer", "trust", "within-trust", "example", "run", "more"))

#: The core's pages in link order (each family section adds a page, ``family-<anchor>``).
PAGES: tuple[Page, ...] = (
    MAIN,
    Page("claims", "Every claim, overall and per spec", ("claims", "how-to-read")),
    Page("specs", "Per-spec tables", ("comparison", "failed")),
    Page("scatter", "Comprehensibility against trust, pooled", ("scatter",)),
    Page("convergence", "Search convergence", ("convergence",)),
    Page("pairs", "Every seed-0 pair", ("side-by-side",)),
)

#: Metrics whose per-generator figure is a rate (the mean of yes/no), not a median.
RATE_METRICS: tuple[str, ...] = ("verified", "search_success")

INTRO: dict[str, str] = {
    "claims": "Each claim of Alex Flint's essay Search versus design, tested on this run's cells. "
              "A claim is a finding only when the data could have said otherwise: a claim settled by how the "
              "generators build is marked true by construction, one whose outcome cannot vary on these specs "
              "untestable, and neither is counted. The sentence gives the numbers.",
    "comparison": "For each spec and metric: the median over seeds of each generator (for verified and "
                  "the search success rate: the rate, i.e. the share of cells), the difference of medians "
                  "design - search with its bootstrap 95% interval, Cliff's delta of design over search "
                  "with its magnitude, and the test's two-sided p before and after Holm's correction "
                  "(across every spec and metric of this table): signed-rank when one generator gave a single "
                  "artifact (its runs against that value), Mann-Whitney when both vary. n is the number of "
                  "cells with a value.",
    "trust": "Each trust outcome: the mean over specs of each generator's value (a deterministic generator's one "
             "artifact, the other's mean over runs), the mean per-spec difference with its 95% interval resampling "
             "specs, and the verdict of the two-sided test over specs. Higher is better for every trust outcome.",
    "more": "Every other table and figure is on its own page of this folder; each page opens offline.",
    "scatter": "Every distinct artifact (copies of one counted once), design (filled squares) and search (open circles): a comprehensibility "
               "measure against a trust outcome. Each panel's title gives Spearman's rho pooled over the distinct "
               "artifacts of every spec with its 95% interval and their number: a description only, since spec "
               "difficulty and the generator label can make it; the claims read within-spec correlations. Verified is yes or no; its points are "
               "spread a little vertically so they do not hide one another.",
    "side-by-side": "The artifacts of seed 0 of each spec, design first. Each shows its code, its unit graph "
                    "(one box per unit, area growing with size; bold double boxes have a story) and its "
                    "measurements.",
    "failed": "Cells of the run that did not finish, with the stage that failed and why. They are left "
              "out of every figure and statistic above.",
}

HOW_TO_READ: tuple[str, ...] = (
    "Comprehensibility: decomposability D is 1 - 1/N_eff, where N_eff is the effective number of parts "
    "(0 for one monolithic expression, near 1 for many parts of similar size). Explanation length E "
    "counts the tokens a reader must take in when reading top-down from the entry function, reading a "
    "part's story instead of its body where it has one; audit length A reads every part once. "
    "Localization is how narrowly a failing test points at a fault (0 for a monolith, near 1 when each "
    "part's own contract catches the faults in that part); mutation score is the share of mutants the "
    "tests kill. Interpretability phi (Virgolin et al. 2020, where the artifact is one formula): lower is more "
    "interpretable. Every measure's words in a table say which of its values are better.",
    "Trust: held-out and shift pass rates are the shares of inputs outside the training cases (held out, "
    "or from a shifted distribution) on which the artifact is right; verified means an exhaustive check "
    "on the whole finite domain passed (or the spec family's own check that stands for one). A blank (-) "
    "means not measured, e.g. a spec whose training cases already cover its whole domain has no held-out "
    "inputs.",
    "Verdicts, one vocabulary: supported, contradicted or undecided, each with its direction, effect size and "
    "rule. Four claims are confirmatory (fixed in docs/claims.md before the runs that test them, each tested at 0.05/4); "
    "the rest are exploratory, with Benjamini-Hochberg's false-discovery-rate correction. On a spec, a "
    "comparison is supported when Cliff's delta is large in the claimed direction, the interval of the "
    "difference excludes 0 on that side and the Holm-corrected p is below 0.05 (undecided, with the seeds "
    "needed, when no outcome of that many runs could reach it). Overall, a signed-rank test over the per-spec "
    "differences (specs as the units) decides. Comprehensibility against trust is estimated within specs (each "
    "spec's rank correlation over its distinct programs, combined; trust shuffled within spec; intervals "
    "resampling specs); pooled correlations are descriptions only, and a relation with no variation inside "
    "any generator on any spec is between generators only, never a finding (the full rule: "
    "sva/results/correlations.py, trustclaim.py and docs/claims.md).",
    "Statistics: a difference is only worth reading with its interval; an interval that excludes 0 and a "
    "Holm-corrected p below 0.05 make a difference unlikely to be luck across the many comparisons made "
    "here. Cliff's delta runs from -1 to 1: the chance that a design cell has the higher value, minus "
    "the chance that a search cell has (1: every design value above every search value); its magnitude "
    "is negligible, small, medium or large.",
    "Files: report.csv holds the per-spec table (one row per spec and metric, named by the results database's fields); "
    "figures/ and diagrams/ hold every SVG shown here; the page itself needs no network.",
)
