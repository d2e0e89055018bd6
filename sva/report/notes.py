"""The report's sentences about this run's data: each one computed from the rows, none fixed.

The fixed words of the report (:mod:`sva.report.prose`) define terms and say how to read
a table; anything that states what the data are (how many design artifacts are verified, how
the claims came out, how much of each spec search trained on) is built here from the rows, so a
run whose rows say otherwise gets other sentences. Worked example: a run where 2 of 3 distinct
design artifacts are verified and 1 of 4 search artifacts is says "2 of 3 distinct design
artifacts are verified, against 1 of 4 search artifacts".
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from sva.core.family import Section
from sva.results.kinds import training_share
from sva.results.sentences import num
from sva.results.samples import distinct, done_rows, values
from sva.results.verdicts import FINDINGS

__all__ = ["claims_summary", "run_notes", "specs_section", "within_section"]


def _range(numbers: Sequence[float]) -> str:
    if not numbers:
        return "not measured"
    low, high = min(numbers), max(numbers)
    return num(low) if low == high else f"{num(low)} to {num(high)}"


def run_notes(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """Sentences on what the rows hold that qualify every statistic: distinct artifacts against
    cells, and how design and search differ in decomposability and verification (the pooled
    correlations may come from the generator alone)."""
    done = done_rows(rows)
    if not done:
        return ()
    notes = []
    artifacts = distinct(done)
    copies = len(done) - len(artifacts)
    if copies:
        notes.append(f"The {len(done)} finished cells hold {len(artifacts)} distinct artifacts: {copies} cells are "
                     "copies of another cell's artifact (a generator that ignores the seed). Every correlation and "
                     "interval counts each artifact once; a comparison tests the other generator's runs against "
                     "the one value.")
    by_generator = {}
    for generator in dict.fromkeys(row["generator"] for row in done):
        mine = [row for row in artifacts if row["generator"] == generator]
        verified = values(mine, "verified")
        by_generator[generator] = (f"{int(sum(verified))} of {len(verified)} distinct {generator} artifacts are "
                                   f"verified, decomposability {_range(values(mine, 'decomposability'))}")
    if len(by_generator) > 1:
        notes.append("; ".join(by_generator.values()) + ". Over all artifacts, a correlation of decomposability "
                     "with trust can come from which generator made the artifact; the claim within one generator "
                     "tests it inside each.")
    elif by_generator:
        notes.append(next(iter(by_generator.values())) + ".")
    return tuple(notes)


def claims_summary(results: Sequence[Any], tally: Mapping[str, Any]) -> str:
    """One sentence on how the claims came out: findings and their verdicts, then what held by
    construction and what could not vary (``tally`` as :func:`sva.results.claims.tally`)."""
    if not results:
        return "No claim was evaluated."
    headline = {result.name: result.name.replace("_", " ") for result in results}
    parts = [f"{tally['findings']} of {len(results)} claims are findings: "
             + ", ".join(f"{tally['findings_' + key.replace(' ', '_')]} {key}"
                         for key in FINDINGS)]
    if tally["structural"]:
        parts.append("true by construction, not findings: " + ", ".join(headline[name] for name in tally["structural"]))
    if tally["degenerate"]:
        parts.append("could not vary: " + ", ".join(headline[name] for name in tally["degenerate"]))
    if tally.get("no_data"):
        parts.append("no data: " + ", ".join(headline[name] for name in tally["no_data"]))
    per_spec = tally["spec_verdicts"]
    parts.append("per spec, " + ", ".join(f"{count} {name}" for name, count in per_spec.items() if count))
    return "; ".join(parts) + "."


def specs_section(rows: Sequence[Mapping[str, Any]]) -> Section | None:
    """The specs of the run: family, how much of the verified domain search trained on, and the
    distinct artifacts each generator gave."""
    done = done_rows(rows)
    if not done:
        return None
    generators = list(dict.fromkeys(row["generator"] for row in done))
    table = []
    for spec in dict.fromkeys(row["spec"] for row in done):
        mine = [row for row in done if row["spec"] == spec]
        share = training_share(str(spec))
        table.append((spec, mine[0].get("family") or "-", share,
                      *(len(distinct(row for row in mine if row["generator"] == g)) for g in generators)))
    return Section(
        anchor="specs", title="The specs: training share and distinct artifacts",
        intro="Training share: the share of the inputs that 'verified' checks which search trained on (1: being "
              "verified is passing training, so verified says nothing beyond it; blank: an infinite domain). "
              "Then the number of distinct artifacts (by program: docstrings, comments and names aside) each generator gave.",
        head=("spec", "family", "training share", *(f"{g} artifacts" for g in generators)),
        rows=tuple(table), text_columns=2)


def within_section(results: Sequence[Any]) -> Section | None:
    """Per family and generator, each comprehensibility metric against each trust outcome over
    that generator's distinct artifacts (the claim "within one generator"), and what could not
    be tested there, with why."""
    within = next((result for result in results if result.name == "comprehensibility_tracks_trust_within"), None)
    if within is None:
        return None
    rows = []
    for entry in within.numbers.get("correlations", []):
        stratified = entry["within"]
        interval = stratified.get("interval") or {}
        rows.append((entry["group"], entry["metric"], entry["outcome"], stratified["strata"], stratified["n"],
                     stratified["rho"], interval.get("low"), interval.get("high"), entry["p_adjusted"], entry["call"],
                     entry["pooled"]))
    for reason in within.numbers.get("not_tested", []):
        group, _, why = reason.partition(": ")
        rows.append((group, "-", "-", None, None, None, None, None, None, why, None))
    if not rows:
        return None
    return Section(
        anchor="within", title="Comprehensibility and trust within each generator",
        intro="Within one generator of one family, the within-spec rank correlation of a comprehensibility metric "
              "with a trust outcome: each spec's Spearman rho over its distinct programs, combined as the n-weighted "
              "mean over the specs where both vary; its 95% interval from resampling specs, and the permutation p "
              "(trust shuffled within spec) adjusted by Benjamini-Hochberg across every row here. 'for' or 'against' "
              "the claim when the adjusted p < 0.05 and the interval excludes 0; 'between' when no spec has both "
              "varying. The pooled rho over every spec is a description only: spec difficulty can make it. Rows "
              "without a rho say why nothing was tested there (a construction fact, or a value that does not vary).",
        head=("family and generator", "metric", "outcome", "specs", "artifacts", "within-spec rho", "low", "high",
              "adjusted p", "call", "pooled rho (description)"),
        rows=tuple(rows), text_columns=3)
