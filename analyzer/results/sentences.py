"""The claims' verdicts in plain words: every sentence ``sva claims`` and the report print about them.

Pure wording over numbers the verdict logic (:mod:`analyzer.results.claims`) has already
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

from analyzer.results.fields import field_info

__all__ = ["absent_part", "correlation_part", "cost_part", "no_pairs_part", "not_tested_part", "not_varying",
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


def over_all(artifacts: int) -> str:
    """The scope of the overall verdict of a correlation claim."""
    return f"Over all {artifacts} artifacts"


def sentence(headline: str, scope: str, verdict: str, parts: Sequence[str]) -> str:
    """"On parity-6, the claim that design artifacts are more decomposable is supported: ..." """
    words = "untested (no data)" if verdict == "no data" else verdict
    claim_text = headline[0].lower() + headline[1:]
    details = "; ".join(part for part in parts if part)
    return f"{scope}, the claim that {claim_text} is {words}" + (f": {details}." if details else ".")


def spec_part(comparison: Any, verdict: str, several: bool) -> str:
    """One metric's numbers on one spec (a :class:`~analyzer.results.tables.Comparison`); the
    metric's own verdict in brackets when the claim has ``several`` metrics there."""
    interval = comparison.difference
    which = f" [{verdict}]" if several else ""
    return (f"{label(comparison.metric)}{which}: median {num(comparison.median_design)} (design) vs "
            f"{num(comparison.median_search)} (search), difference {num(interval.estimate)} "
            f"[{num(interval.low)}, {num(interval.high)}], Cliff's delta {comparison.delta:+.2f} "
            f"({comparison.magnitude}), Mann-Whitney p = {p(comparison.p_value)} (Holm {p(comparison.p_holm)})")


def overall_part(metric: str, verdict: str, several: bool, numbers: Mapping[str, Any]) -> str:
    """One metric's numbers over every spec: how many specs support it, the medians, Cliff's
    delta and the paired Wilcoxon test (``numbers`` as the verdict logic records them)."""
    delta = "-" if numbers["delta"] is None else f"{numbers['delta']:+.2f}"
    which = f" [{verdict}]" if several else ""
    return (f"by {label(metric)}{which}, supported on {numbers['specs_supported']} of {numbers['specs_with_data']} "
            f"specs (median {num(numbers['median_design'])} design vs {num(numbers['median_search'])} "
            f"search, Cliff's delta {delta}); paired Wilcoxon over {numbers['pairs']} seed pairs "
            f"p = {p(numbers['p_value'])} (Holm {p(numbers['p_holm'])})")


def no_pairs_part(metric: str) -> str:
    """Why a one-metric claim has no overall numbers."""
    return f"no spec has {label(metric)} measured for both generators"


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


def not_varying(outcome: str, measured: Sequence[float]) -> str:
    """Why a trust outcome cannot be correlated: not measured, or one value for every artifact."""
    if not measured:
        return f"{label(outcome)} not measured"
    if outcome == "verified":
        return "every artifact verified" if measured[0] else "no artifact verified"
    return f"{label(outcome)} {num(measured[0])} for every artifact"


def not_tested_part(skipped: Sequence[str]) -> str:
    """The outcomes left out of a correlation claim, with their reasons."""
    return "not tested: " + ", ".join(skipped)


def correlation_part(correlation: Any) -> str:
    """One correlation (a :class:`~analyzer.results.tables.Correlation`) in a sentence."""
    if correlation.rho is None:
        return f"rho({correlation.metric}, {correlation.outcome}) undefined ({correlation.note})"
    interval = correlation.interval
    bounds = f" [{interval.low:+.2f}, {interval.high:+.2f}]" if interval else ""
    return (f"rho({correlation.metric}, {correlation.outcome}) = {correlation.rho:+.2f}{bounds} "
            f"over {correlation.n}, Holm p = {p(correlation.p_holm)}")
