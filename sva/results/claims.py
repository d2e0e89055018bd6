"""The essay's claims as data, and their evaluation on the results rows.

:func:`claims` states each claim of *Search versus design* that the experiment can test, with the
metric it is about and which way the data must point. :func:`evaluate_claims` gives every claim a
verdict overall and per spec (:data:`~sva.results.verdicts.VERDICTS`), its **kind**, the
numbers behind it and one sentence in plain words (worded by :mod:`sva.results.sentences`).
The pytest tests in ``benchmarks/claims/``, ``sva claims`` and the report only call this function.

Three kinds of result (:mod:`sva.results.kinds`): a *finding* (empirical: the data could
have said otherwise), a *structural* fact (true by how the generators build, e.g. search's one
function and no tests make design "more decomposable" and "better localized" whatever search
finds), and a *degenerate* outcome (it cannot vary on these specs). Only findings are tested and
tallied. The rules: comparisons in :mod:`sva.results.comparisons` (exact signed-rank of
search's runs against design's one value, Holm across every spec and claim of the run, "too few
seeds" when no outcome could have reached significance; overall, a signed-rank test over
per-spec differences), correlations in :mod:`sva.results.correlations` (over distinct
artifacts, pooled and within each generator), the share of a gap closed in
:mod:`sva.results.recovery` (factorized between search and design), two-sided differences
between two generators in :mod:`sva.results.trustclaim` (design or design-auto against search,
with the evaluations each spent from :mod:`sva.results.budgets`) and the share of specs where one
generator is at least as trusted as another in :mod:`sva.results.matching` (design-auto against
design).
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from sva.results.comparisons import comparison_claims
from sva.results.correlations import correlation_claim
from sva.results.fields import TRUST, family_size_metrics
from sva.results.matching import match_claim
from sva.results.recovery import recovery_claim
from sva.results.order import canonical_order
from sva.results.samples import done_rows
from sva.results.trustclaim import trust_claim
from sva.results.verdicts import ALPHA, FINDINGS, LARGE, VERDICTS, Claim, ClaimResult, Verdict

__all__ = ["Claim", "Verdict", "ClaimResult", "VERDICTS", "FINDINGS", "LARGE", "ALPHA", "claim", "claims",
           "evaluate_claims", "tally"]

#: every trust outcome (a family's judge may add one, e.g. ``trusted``)
_OUTCOMES = tuple(info.name for info in TRUST)
#: the comprehensibility metrics the correlation claims relate to trust
_COMPREHENSIBILITY = ("decomposability", "explanation_length", "interpretability_phi")
#: the trust outcomes automated design is judged on (``symbolic_solution``: SRBench's rule, Feynman's field)
_AUTO_OUTCOMES = ("held_out_pass_rate", "shift_pass_rate", "trusted", "symbolic_solution")


def claims() -> tuple[Claim, ...]:
    """The essay's claims, in the order the report states them. Built on each call, so the
    ``search_smaller`` claim compares the size measures of the families registered now
    (``SVA_FAMILIES`` may add some after import)."""
    return (
        Claim("more_decomposable", "Design artifacts are more decomposable",
              "Design splits the problem into parts, so design artifacts are more decomposable than search "
              "artifacts: higher decomposability D = 1 - 1/N_eff.",
              ("decomposability",), "design", "higher"),
        Claim("shorter_explanations", "Design artifacts need shorter explanations",
              "Each designed part comes with a story, so reading a design artifact top-down takes fewer tokens: "
              "lower explanation length E (the confirmatory test: the signed-rank test over per-spec differences).",
              ("explanation_length",), "design", "lower", confirmatory=True),
        Claim("tests_localize", "Design artifacts' tests localize faults",
              "A designed part's contract catches the faults in that part, so design artifacts' tests point "
              "more narrowly at a fault: higher localization.",
              ("localization",), "design", "higher"),
        Claim("comprehensibility_tracks_trust", "Comprehensibility goes with trust",
              "Within each spec, over its distinct artifacts, design and search together, the more comprehensible "
              "ones are the ones that hold up outside the training cases (estimated within specs and combined, so "
              "spec difficulty cannot make it): decomposability correlates positively, and explanation "
              "length and formula interpretability phi (Virgolin et al. 2020, where the artifact is one formula) "
              "negatively, with the held-out pass rate, the shift pass rate and being verified.",
              _COMPREHENSIBILITY, outcomes=_OUTCOMES),
        Claim("comprehensibility_tracks_trust_within", "Within one generator, comprehensibility goes with trust",
              "Among the distinct artifacts of one generator on one family, within each spec, the more "
              "comprehensible ones hold up better outside the training cases: the same correlations, inside each "
              "generator, so that neither the difference between generators nor spec difficulty can make them.",
              _COMPREHENSIBILITY, outcomes=_OUTCOMES, within=True),
        Claim("design_trusted", "Design artifacts are trusted more than search artifacts",
              "Engineers trust what they understand, so design artifacts hold up better outside the training cases "
              "than search artifacts: design's value minus search's mean per spec, tested two-sided over specs on "
              "the held-out pass rate (the confirmatory test), and on every other trust outcome and among search's "
              "perfect training fits (exploratory); 'search at least as trusted' is a possible verdict.",
              tuple(info.name for info in TRUST), confirmatory=True, two_sided=True),
        Claim("explanation_tracks_trust", "Within search, shorter explanations hold up better",
              "Among search's artifacts on one spec, those with the shorter explanation length E hold up better on "
              "held-out inputs: the within-spec rank correlation of E and the held-out pass rate over every family's "
              "search artifacts is negative (the confirmatory test; spec difficulty cannot make it).",
              ("explanation_length",), outcomes=("held_out_pass_rate",), confirmatory=True, generators=("search",)),
        Claim("search_smaller", "Search artifacts are smaller",
              "Search artifacts are smaller or cheaper to find: lower audit length A and, where a family has "
              "one, a lower size in its own unit (the family's size fields). Only 'smaller' is tested: "
              "the design's human cost (the designer's time) is not measured, so 'cheaper to find' cannot be "
              "compared; the search's cost is reported in evaluations and seconds.",
              ("audit_length", *family_size_metrics()), "search", "lower", reports_cost=True),
        Claim("pressed_search_trusted", "Search pressed toward short explanations yields artifacts that are trusted more",
              "Search rewarded for short explanations as well as for fitting (search-parsimony: NSGA-II on training "
              "error and explanation size, with plain search's budget and operators) yields artifacts that hold up "
              "better outside the training cases than plain search: higher held-out and shift pass rates.",
              ("held_out_pass_rate", "shift_pass_rate"), "search-parsimony", "higher",
              sides=("search-parsimony", "search")),
        Claim("simplified_generalise", "Simplified search artifacts generalise better",
              "Helmuth, McPhee, Pantridge and Spector (GECCO 2017): simplifying an evolved program while keeping its "
              "training behaviour makes it generalise better, so the factorized artifact (search's, with introns "
              "removed and simplified, checked equivalent on its evidence) holds up better outside the training "
              "cases than the search artifact it came from: higher held-out and shift pass rates. Where the "
              "equivalence check is exhaustive (a finite domain) the two cannot differ.",
              ("held_out_pass_rate", "shift_pass_rate"), "factorized", "higher", sides=("factorized", "search")),
        Claim("factorization_recovers", "Post-hoc factorization recovers most of design's comprehensibility",
              "Interpretability after the fact: factorizing search's artifacts mechanically (introns removed, "
              "simplified, common parts named, no stories) closes most of the gap in comprehensibility between "
              "search and design: more than half of it by decomposability, explanation length and phi, wherever "
              "design is the more comprehensible.",
              _COMPREHENSIBILITY, between=("search", "factorized", "design")),
        Claim("auto_trusted", "Automated design is trusted more than search",
              "The comparison that can fail both ways: automated design (design-auto, which builds its parts from "
              "what search is given: signature, primitives, training cases, units and properties; no oracle, no "
              "formula) holds up better outside the training cases than search. Design-auto's value minus search's "
              "mean per spec, tested two-sided over specs on the held-out pass rate (the confirmatory test), and on "
              "the shift pass rate, trusted and SRBench's symbolic solution, among search's perfect training fits "
              "and at matched evaluation budgets (exploratory), with the evaluations each spent; 'search at least "
              "as trusted' is a possible verdict.",
              _AUTO_OUTCOMES, confirmatory=True, two_sided=True, sides=("design-auto", "search")),
        Claim("auto_recovers_design", "Automated design recovers hand design's trust",
              "Automated design is at least as trusted as hand design (whose templates write down the known "
              "answer) on most specs: the share of specs where design-auto's held-out pass rate is at least "
              "design's, with its Wilson interval above 1/2; the shift pass rate, trusted and the symbolic "
              "solution stated beside it.",
              _AUTO_OUTCOMES, sides=("design-auto", "design"), matches=True),
        Claim("auto_comprehensible", "Automated design's artifacts are more comprehensible than search's",
              "Automated design's parts and stories make its artifacts quicker to read than search's: design-auto's "
              "explanation length E minus search's mean per spec, tested two-sided over specs; decomposability "
              "beside it, and both against hand design's (exploratory).",
              ("explanation_length", "decomposability"), two_sided=True, quality="comprehensible",
              sides=("design-auto", "search"), against=("design",)),
    )


def claim(name: str) -> Claim:
    """The claim called ``name`` (a ``KeyError`` naming the known ones otherwise)."""
    known = claims()
    for entry in known:
        if entry.name == name:
            return entry
    raise KeyError(f"unknown claim {name!r}; known: {', '.join(entry.name for entry in known)}")


def evaluate_claims(rows: Iterable[Mapping[str, Any]], *, seed: int = 0) -> tuple[ClaimResult, ...]:
    """Every claim of :func:`claims`, judged on the done rows, overall and on every spec that has a
    done cell (rows and specs in :func:`~sva.results.order.canonical_order` first, so the verdicts
    and intervals do not depend on the order the rows came in)."""
    done = canonical_order(done_rows(rows))
    specs = list(dict.fromkeys(row["spec"] for row in done))
    entries = claims()
    compared = comparison_claims(done, [entry for entry in entries if entry.kind == "comparison"], specs, seed)
    judge = {"correlation": correlation_claim, "recovery": recovery_claim, "trust": trust_claim, "match": match_claim}
    return tuple(compared[entry.name] if entry.kind == "comparison" else judge[entry.kind](entry, done, specs, seed)
                 for entry in entries)


def tally(results: Iterable[ClaimResult]) -> dict[str, Any]:
    """How the claims came out: overall verdicts of the findings, and the per-spec verdicts by kind."""
    results = tuple(results)
    overall = [result for result in results if result.kind == "empirical" and result.verdict in FINDINGS]
    specs = [verdict for result in results for verdict in result.specs]
    return {"findings": len(overall),
            **{f"findings_{name.replace(' ', '_')}": sum(r.verdict == name for r in overall) for name in FINDINGS},
            "structural": [result.name for result in results if result.kind == "structural"],
            "degenerate": [result.name for result in results if result.kind == "degenerate"],
            "no_data": [result.name for result in results if result.verdict == "no data"],
            "spec_verdicts": {name: sum(v.verdict == name for v in specs) for name in VERDICTS}}
