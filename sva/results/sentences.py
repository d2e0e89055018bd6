"""The claims' verdicts in plain words: every sentence ``sva claims`` and the report print about them.

Pure wording over numbers the verdict logic (:mod:`sva.results.claims`) has already
computed: nothing here decides a verdict. A verdict's sentence is its scope, the claim, the verdict
and the numbers behind it, parts joined by "; "::

    sentence("Design artifacts are more decomposable", on_spec("parity-6"), "supported",
             ["decomposability D: median 0.83 (design) vs 0 (search), ..."])
    -> "On parity-6, the claim that design artifacts are more decomposable is supported:
        decomposability D: median 0.83 (design) vs 0 (search), ...."

Numbers: :func:`num` gives two decimals, or a whole number with thousands separators from 10 up
(``num(0.834) == "0.83"``, ``num(1234.0) == "1,234"``); :func:`p` two significant figures
(``p(0.00812) == "0.0081"``); a missing value is ``-``.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from sva.results.fields import field_info

__all__ = ["absent_part", "better", "signed", "between_part", "leaning", "specs_count", "budget_part", "share_part", "correlation_part", "family_part", "on_family", "relation_part", "trust_part", "cost_part", "no_pairs_part", "not_tested_part",
           "num", "on_spec", "over_all", "OVERALL", "overall_part", "p", "label", "sentence", "spec_part"]

#: The scope of an overall verdict of a comparison claim.
OVERALL = "Overall"


def num(value: float | None) -> str:
    """A measurement in a sentence: ``-``, a whole number from 10 up, else two decimals."""
    if value is None:
        return "-"
    if float(value).is_integer() and abs(value) >= 10:
        return f"{value:,.0f}"
    return f"{value:.2f}"


def p(value: float | None) -> str:
    """A p-value in a sentence: two significant figures, or ``-``."""
    return "-" if value is None else f"{value:.2g}"


def label(metric: str) -> str:
    """A field's words (``fields.py``), else its name with spaces."""
    try:
        return field_info(metric).label
    except KeyError:
        return metric.replace("_", " ")


def on_spec(spec: str) -> str:
    """The scope of a verdict on one spec."""
    return f"On {spec}"


def over_all(artifacts: int, cells: int | None = None) -> str:
    """The scope of the overall verdict of a correlation claim: distinct artifacts (and the
    cells they came from, when copies made those more)."""
    copies = f" (from {cells} cells)" if cells is not None and cells != artifacts else ""
    return f"Over all {artifacts} distinct artifacts{copies}"


#: How each verdict reads after "the claim that ... ".
_VERDICT_WORDS = {
    "no data": "untested (no data)",
    "structural": "true by construction, not a finding",
    "degenerate": "untestable here (the outcome cannot vary)",
}


def sentence(headline: str, scope: str, verdict: str, parts: Sequence[str]) -> str:
    """"On parity-6, the claim that design artifacts are more decomposable is supported: ..." """
    words = _VERDICT_WORDS.get(verdict, verdict)
    claim_text = headline[0].lower() + headline[1:]
    details = "; ".join(part for part in parts if part)
    return f"{scope}, the claim that {claim_text} is {words}" + (f": {details}." if details else ".")


def spec_part(comparison: Any, verdict: str, several: bool, p_family: float | None = None,
              reason: str | None = None, needed: int | None = None) -> str:
    """One metric's numbers on one spec (a :class:`~sva.results.samples.Comparison`): the
    metric's own verdict in brackets when the claim has ``several`` metrics there; why, for a
    structural or degenerate one; the test and its Holm p (``p_family``) for a finding; the seeds
    ``needed`` when there were too few."""
    interval = comparison.difference
    which = f" [{verdict}]" if several else ""
    first_side, second_side = comparison.sides
    first = num(comparison.median_first) + ("" if comparison.n_first == 1 else " median")
    second = num(comparison.median_second) + ("" if comparison.n_second == 1 else " median")
    head = (f"{label(comparison.metric)}{which}: {first} ({first_side}, {_artifacts(comparison.artifacts_first)}) vs "
            f"{second} ({second_side}, {_artifacts(comparison.artifacts_second)})")
    if reason:
        return f"{head}; {reason}"
    test = {"signed-rank": f"signed-rank over {comparison.runs} runs against the {comparison.single}'s one value",
            "mann-whitney": "Mann-Whitney", "none": "no test (one value each)"}[comparison.test]
    tail = (f", difference {num(interval.estimate)} [{num(interval.low)}, {num(interval.high)}], Cliff's delta "
            f"{comparison.delta:+.2f} ({comparison.magnitude}), {test} p = {p(comparison.p_value)} (Holm {p(p_family)})")
    if needed is not None:
        tail += (f"; too few seeds, {leaning(comparison.metric, comparison.sides, comparison.median_first, comparison.median_second)}"
                 f" (n = {comparison.runs}; at least {needed} needed: the smallest possible p cannot survive Holm's "
                 "correction)")
    return head + tail


def better(metric: str) -> str:
    """Which values of ``metric`` are better, in words: "higher is better", "lower is better", or ""."""
    try:
        side = field_info(metric).better
    except KeyError:
        return ""
    return f"{side} is better" if side else ""


def leaning(metric: str, sides: Sequence[str], first: float | None, second: float | None) -> str:
    """Which side the medians favour on one spec, even when no test could decide:
    ``leaning("explanation_length", ("design", "search"), 34, 13)`` is "search better here
    (34 design vs 13 search; lower is better)"."""
    if first is None or second is None:
        return "no direction (a side has no value)"
    which = better(metric)
    shown = f"{num(first)} {sides[0]} vs {num(second)} {sides[1]}" + (f"; {which}" if which else "")
    if first == second or not which:
        return f"{'no difference' if first == second else 'a difference'} here ({shown})"
    higher = sides[0] if first > second else sides[1]
    lower = sides[1] if higher == sides[0] else sides[0]
    return f"{higher if which.startswith('higher') else lower} better here ({shown})"


def specs_count(count: int) -> str:
    """"1 spec", "3 specs"."""
    return f"{count} spec" + ("" if count == 1 else "s")


def _artifacts(count: int) -> str:
    return f"{count} artifact" + ("" if count == 1 else "s")


def overall_part(metric: str, verdict: str, several: bool, numbers: Mapping[str, Any]) -> str:
    """One metric's numbers over every spec: the per-spec verdicts of the findings, what was not a
    finding, the medians and the signed-rank test over specs (``numbers`` as the verdict logic
    records them)."""
    delta = "-" if numbers["delta"] is None else f"{numbers['delta']:+.2f}"
    which = f" [{verdict}]" if several else ""
    first_side, second_side = numbers.get("sides", ("design", "search"))
    facts = []
    if numbers["specs_structural"]:
        facts.append(f"{numbers['specs_structural']} structural")
    if numbers["specs_degenerate"]:
        facts.append(f"{numbers['specs_degenerate']} degenerate")
    kept = f" ({', '.join(facts)}, not counted)" if facts else ""
    head = (f"by {label(metric)}{which}: {numbers['specs_empirical']} of {numbers['specs']} specs are findings{kept}")
    if verdict in ("structural", "degenerate") and numbers.get("reasons"):
        head += ": " + "; ".join(numbers["reasons"])
    if not numbers["specs_empirical"]:
        return head + (f" (median {num(numbers['median_first'])} {first_side} vs {num(numbers['median_second'])} "
                       f"{second_side})")
    undecided = numbers["specs_undecided"] + numbers["specs_too_few_seeds"]
    few = f" ({numbers['specs_too_few_seeds']} for too few seeds)" if numbers["specs_too_few_seeds"] else ""
    return (f"{head}; of those, {numbers['specs_supported']} supported, {numbers['specs_contradicted']} contradicted, "
            f"{undecided} undecided{few} (median {num(numbers['median_first'])} {first_side} vs "
            f"{num(numbers['median_second'])} {second_side}, Cliff's delta {delta}); median per-spec difference "
            f"{num(numbers['median_difference'])}{_bounds(numbers.get('interval'))}, signed-rank over "
            f"{numbers['specs_empirical']} per-spec differences p = {p(numbers['p_value'])} "
            f"(adjusted {p(numbers['p_holm'])})")


def _bounds(interval: Mapping[str, Any] | None) -> str:
    return f" [{num(interval['low'])}, {num(interval['high'])}] (specs resampled)" if interval else ""


def no_pairs_part(metric: str, sides: Sequence[str] = ("design", "search")) -> str:
    """Why a one-metric claim has no overall numbers."""
    return f"no spec has {label(metric)} measured for both {sides[0]} and {sides[1]}"


def absent_part(absent: Sequence[str], metrics: Sequence[str]) -> str:
    """Why a spec has no comparison: the generators (``absent``) without a cell measuring any
    of ``metrics`` (none: no seed of one matches a seed of the other)."""
    names = " or ".join(label(metric) for metric in metrics)
    return f"no {' or '.join(absent) or 'paired'} artifact with {names} measured"


def cost_part(cost: Mapping[str, Any]) -> str:
    """What search cost, per artifact (the verdict logic's ``search_cost`` numbers)."""
    if not cost["artifacts"]:
        return "no search artifact to cost"
    parts = []
    if cost["median_evaluations"] is not None:
        parts.append(f"median {num(cost['median_evaluations'])} evaluations")
    if cost["median_generate_seconds"] is not None:
        parts.append(f"{cost['median_generate_seconds']:.2f} s")
    success = f", success {cost['successes']}/{cost['runs']}" if cost["runs"] else ""
    return (f"search cost {' and '.join(parts) or 'not recorded'} per artifact{success} "
            "(the design's human cost is not measured)")


def not_tested_part(skipped: Sequence[str]) -> str:
    """The outcomes left out of a correlation claim, with their reasons."""
    return "not tested: " + ", ".join(skipped)


def family_part(metric: str, families: Mapping[str, Mapping[str, Any]]) -> str:
    """One metric's difference per family (first side minus second), each over its specs."""
    return f"by {label(metric)} per family: " + ", ".join(
        f"{family} {num(entry['median_difference'])} over {entry['specs']} specs (p = {p(entry['p_value'])}, "
        f"adjusted {p(entry['p_adjusted'])})" for family, entry in families.items())


def on_family(family: str) -> str:
    """The scope of a verdict on one family."""
    return f"On the {family} family"


def signed(value: float | None) -> str:
    """``+0.17`` (two decimals with its sign), or ``-`` for no value."""
    return "-" if value is None else f"{value:+.2f}"


def _stratified(found: Any) -> str:
    bounds = f" [{found.interval.low:+.2f}, {found.interval.high:+.2f}]" if found.interval else ""
    return f"{signed(found.rho)}{bounds} over {found.strata} specs ({found.n} artifacts)"


def between_part(found: Any) -> str:
    """A relation with no within-spec variation (a :class:`~sva.results.within.Relation`)."""
    where = f"within {found.group}: " if found.group else ""
    reason = found.between or found.within.note or "no within-spec variation"
    return (f"{where}rho({found.metric}, {found.outcome}) not tested ({reason}); pooled rho {signed(found.pooled)} "
            "is a description only")


def relation_part(found: Any, p_adjusted: float | None) -> str:
    """One relation in a sentence: the within-spec rho with its spec-resampled interval and
    permutation p (adjusted), then the pooled rho labelled as a description, the rho among
    perfect training fits and with size partialled out."""
    if found.between or found.within.rho is None:
        return between_part(found)
    where = f"within {found.group}: " if found.group else ""
    extra = [f"pooled rho {signed(found.pooled)} (description only, mixes specs)"]
    if found.fit.rho is not None:
        extra.append(f"among perfect training fits {signed(found.fit.rho)}")
    extra.append(f"size partialled out {signed(found.sized.rho)}" if found.sized.rho is not None
                 else "size partialled out: undefined (size fixes it)")
    if found.mixed is not None and found.mixed.slope is not None:
        extra.append(f"mixed-model slope {found.mixed.slope:+.2f} [{found.mixed.low:+.2f}, {found.mixed.high:+.2f}]")
    return (f"{where}within-spec rho({found.metric}, {found.outcome}) = {_stratified(found.within)}, "
            f"permutation p = {p(found.within.p_value)} (adjusted {p(p_adjusted)}); " + ", ".join(extra))


#: How a two-sided difference's scope (:attr:`~sva.results.trustclaim.Difference.scope`) reads
#: after the metric, given the sides.
_SCOPES = {"": lambda first, second: "",
           "training_fit": lambda first, second: f" among {second}'s perfect training fits",
           "matched_budgets": lambda first, second: f" at matched budgets ({first} spent at most {second}'s mean)"}


def trust_part(found: Any) -> str:
    """One two-sided difference (a :class:`~sva.results.trustclaim.Difference`): the first side
    against the second on one metric, with its verdict and direction."""
    first, second = found.sides
    head = (f"{label(found.metric)}{_SCOPES[found.scope](first, second)} [{found.verdict}: {found.direction}]: "
            f"{first} {num(found.first)} vs {second} {num(found.second)} over {specs_count(found.specs)}")
    if found.note:
        return f"{head}; {found.note}"
    interval = found.interval
    return (f"{head}, mean difference {signed(found.mean)} [{signed(interval.low)}, {signed(interval.high)}] (specs "
            f"resampled), signed-rank p = {p(found.p_value)} (adjusted {p(found.p_adjusted)})")


def budget_part(summaries: Sequence[Any]) -> str:
    """Evaluations spent, per family and over every spec (:class:`~sva.results.budgets.FamilyBudget`
    records): the median ratio of the first side's to the second's, who spent more, and every spec
    where the first side spent more."""
    pieces = []
    for summary in summaries:
        first, second = summary.sides
        where = f"on {summary.family}" if summary.family else "over every spec"
        if summary.median_ratio is None:
            pieces.append(f"{where} no spec has both {first}'s and {second}'s evaluations recorded")
            continue
        who = f"{summary.spent_more} spent more" if summary.spent_more else "neither spent more"
        more = (f"{first} spent more than {second} on {specs_count(len(summary.first_more))}: {', '.join(summary.first_more)}"
                if summary.first_more else f"{first} spent more than {second} on no spec")
        pieces.append(f"{where} {first} spent a median {summary.median_ratio:.3g} times {second}'s evaluations over "
                      f"{specs_count(summary.specs)} ({who}); {more}" + (f" ({specs_count(summary.unrecorded)} without both "
                                                                   "recorded left out)" if summary.unrecorded else ""))
    return "budgets (evaluations spent): " + "; ".join(pieces)


def share_part(found: Any) -> str:
    """One share of specs (a :class:`~sva.results.matching.Share`): where the first side is at least
    as good as the second, with its Wilson interval, and the specs where it is not."""
    first, second = found.sides
    head = f"{label(found.metric)} [{found.verdict}]: {first} at least as {found.quality} as {second} on "
    if not found.specs:
        return f"{head}no spec (none has both measured)"
    missed = (f"; not on {', '.join(found.unmet)}" if len(found.unmet) <= 12
              else f"; not on {len(found.unmet)} specs, among them {', '.join(found.unmet[:12])}")
    return (f"{head}{found.met} of {specs_count(found.specs)}, share {num(found.share)} [{num(found.low)}, "
            f"{num(found.high)}] (Wilson 95%)" + (missed if found.unmet else ""))


def correlation_part(correlation: Any, group: str = "") -> str:
    """One correlation (a :class:`~sva.results.samples.Correlation`) in a sentence, over
    ``n`` distinct artifacts, within ``group`` when it names one."""
    where = f"within {group}: " if group else ""
    if correlation.rho is None:
        return f"{where}rho({correlation.metric}, {correlation.outcome}) undefined ({correlation.note})"
    interval = correlation.interval
    bounds = f" [{interval.low:+.2f}, {interval.high:+.2f}]" if interval else ""
    return (f"{where}rho({correlation.metric}, {correlation.outcome}) = {correlation.rho:+.2f}{bounds} "
            f"over {correlation.n} artifacts, Holm p = {p(correlation.p_holm)}")
