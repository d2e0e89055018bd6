"""Each claim's result in one line: its verdict, the direction, one effect with its 95% interval.

A :class:`Headline` reads the numbers the verdict logic has already computed
(:attr:`~sva.results.verdicts.ClaimResult.numbers`); nothing here tests or estimates anything.
Which number is the effect depends on the claim's kind:

- *comparison* (design against search on a metric, :mod:`sva.results.comparisons`): the median
  of the per-spec differences first - second side (each the difference of medians on one spec),
  its interval from resampling specs; per family the same over that family's specs;
- *trust* (two-sided, :mod:`sva.results.trustclaim`): the primary metric's mean per-spec
  difference first - second side and its spec-resampled interval (``Difference``), overall and
  per family;
- *correlation* (:mod:`sva.results.within`): the first tested relation's within-spec rho (the
  n-weighted mean of each spec's Spearman rho over distinct programs) and its spec-resampled
  interval, overall and per family;
- any other kind (recovery, match): the verdict and the sentence only, no effect.

``claimed`` is the sign an effect has when it points the claim's way (+1: above 0 favours the
claim), so a reader (and the forest plot) can say which side of 0 is better.

Worked example: ``design_trusted`` on a run where design passes every held-out case and search
83% of them on 38 specs has ``effect`` +0.17, ``low`` +0.09, ``high`` +0.26, ``better`` "higher",
``claimed`` +1, and :func:`line` reads (one line, about 100-140 characters)::

    Design artifacts are trusted more than search artifacts: supported; design more trusted,
    held-out pass rate +0.17 [+0.09, +0.26], 38 specs

A claim without data says which generators it needs ("no data; no spec has held-out pass
rate for design-auto and search in this run"), and one true by construction says so, never a figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from sva.results import sentences as words
from sva.results.claims import claim
from sva.results.fields import field_info
from sva.results.verdicts import Claim, ClaimResult, plain

__all__ = ["Headline", "claim_headlines", "effect_text", "families", "interval_text", "headlines", "line", "overall"]


@dataclass(frozen=True)
class Headline:
    """One claim's result in one scope (``family`` ``""``: every family)."""

    claim: str
    title: str
    confirmatory: bool
    verdict: str
    #: which way the data point, in words ("design more trusted", "favours search")
    direction: str
    #: the measure's words and which of its values are better ("higher" or "lower")
    measure: str
    better: str
    #: what the effect is ("mean per-spec difference design - search", "within-spec rho")
    effect_name: str
    effect: float | None
    low: float | None
    high: float | None
    #: specs the effect is over (specs with variation, for a correlation)
    specs: int
    family: str = ""
    #: +1 when an effect above 0 points the claim's way, -1 when below 0 does
    claimed: int = 1
    #: why there is no effect (no data, by construction), empty otherwise
    note: str = ""


def _better(metric: str) -> str:
    try:
        return field_info(metric).better or "higher"
    except KeyError:  # a family's own trust outcome (``symbolic_solution``): higher is better
        return "higher"


def _favours(entry: Claim, effect: float | None, claimed: int) -> str:
    """The side the effect favours: the claim's ``better`` side when it points the claim's way."""
    if effect is None:
        return ""
    if effect == 0:
        return "no difference"
    first, second = entry.sides
    other = second if entry.better == first else first
    return f"favours {entry.better if effect * claimed > 0 else other}"


def _comparison(entry: Claim, numbers: Mapping[str, Any], family: str) -> dict[str, Any]:
    metric = next((name for name in entry.metrics if numbers["metrics"][name]["specs"]), entry.metrics[0])
    found = numbers["metrics"][metric]
    scoped = found.get("by_family", {}).get(family, {}) if family else found
    interval = scoped.get("interval") or {}
    effect = scoped.get("median_difference")
    claimed = entry.sign(metric)
    return {"measure": words.label(metric), "better": entry.direction or _better(metric), "effect": effect,
            "low": interval.get("low"), "high": interval.get("high"),
            "specs": scoped.get("specs_empirical", scoped.get("specs", 0)), "claimed": claimed,
            "direction": _favours(entry, effect, claimed),
            "effect_name": f"median per-spec difference {entry.sides[0]} - {entry.sides[1]}",
            "verdict": scoped.get("verdict", "")}


def _trust(entry: Claim, numbers: Mapping[str, Any], family: str) -> dict[str, Any]:
    scoped = numbers.get("by_family", {}).get(family, {}) if family else numbers
    differences = scoped.get("differences") or [{}]
    found = differences[0]
    metric = found.get("metric", entry.metrics[0] if entry.metrics else "held_out_pass_rate")
    interval = found.get("interval") or {}
    return {"measure": words.label(metric), "better": _better(metric), "effect": found.get("mean"),
            "low": interval.get("low"), "high": interval.get("high"), "specs": found.get("specs", 0),
            "claimed": 1 if _better(metric) == "higher" else -1, "direction": found.get("direction", ""),
            "effect_name": f"mean per-spec difference {entry.sides[0]} - {entry.sides[1]}",
            "verdict": scoped.get("verdict", found.get("verdict", ""))}


def _correlation(entry: Claim, numbers: Mapping[str, Any], family: str) -> dict[str, Any]:
    scoped = numbers.get("by_family", {}).get(family, {}) if family else numbers
    relations = scoped.get("correlations") or []
    found = next((item for item in relations if item["within"]["rho"] is not None), relations[0] if relations else None)
    if found is None:
        metric = entry.metrics[0]
        return {"measure": words.label(metric), "better": _better(metric), "effect_name": "within-spec rho",
                "claimed": entry.sign(metric), "verdict": scoped.get("verdict", "")}
    within = found["within"]
    interval = within.get("interval") or {}
    rho = within["rho"]
    outcome = words.label(found["outcome"])
    direction = ("" if rho is None else "no relation" if rho == 0 else
                 f"{'higher' if rho > 0 else 'lower'} {words.label(found['metric'])} with higher {outcome}")
    return {"measure": "rho", "better": _better(found["metric"]),
            "effect": rho, "low": interval.get("low"), "high": interval.get("high"), "specs": within["strata"],
            "claimed": entry.sign(found["metric"]), "direction": direction,
            "effect_name": "within-spec rho over distinct programs", "verdict": scoped.get("verdict", "")}


_READERS = {"comparison": _comparison, "trust": _trust, "correlation": _correlation}


def _headline(result: ClaimResult, family: str) -> Headline:
    entry = claim(result.name)
    numbers = plain(result.numbers)
    reader = _READERS.get(entry.kind)
    found: dict[str, Any] = reader(entry, numbers, family) if reader else {}
    verdict = result.verdict if not family else found.get("verdict") or ""
    metric = entry.metrics[0] if entry.metrics else ""
    note = ""
    if found.get("effect") is None:
        note = result.kind_reason or ("no data" if result.verdict == "no data" else "")
        if result.verdict == "no data":
            needed = entry.between or entry.sides
            note = f"no spec has {words.label(metric)} for {', '.join(needed[:-1])} and {needed[-1]} in this run"
    return Headline(result.name, entry.headline, entry.confirmatory, verdict, found.get("direction", ""),
                    found.get("measure", words.label(metric) if metric else ""), found.get("better", "higher"),
                    found.get("effect_name", ""), found.get("effect"), found.get("low"), found.get("high"),
                    int(found.get("specs") or 0), family, int(found.get("claimed", 1)), note)


def overall(result: ClaimResult) -> Headline:
    """The claim's headline over every family."""
    return _headline(result, "")


def families(result: ClaimResult) -> tuple[str, ...]:
    """The families the claim's numbers give a figure for (their order in the rows)."""
    numbers = result.numbers
    if "metrics" in numbers:
        return tuple(dict.fromkeys(family for found in numbers["metrics"].values()
                                   for family in found.get("by_family", {})))
    return tuple(numbers.get("by_family", {}))


def claim_headlines(result: ClaimResult) -> tuple[Headline, ...]:
    """The claim overall, then one headline per family (the forest plot's rows)."""
    return (overall(result), *(_headline(result, family) for family in families(result)))


def headlines(results: Iterable[ClaimResult], *, confirmatory_only: bool = False) -> tuple[Headline, ...]:
    """Every claim's headline overall and per family, in the claims' order."""
    return tuple(found for result in results
                 if not confirmatory_only or claim(result.name).confirmatory for found in claim_headlines(result))


def interval_text(effect: float | None, low: float | None, high: float | None) -> str:
    """``+0.17 [+0.09, +0.26]`` (two decimals, or whole numbers when a bound is 10 or more), or ``-``."""
    if effect is None:
        return "-"
    show = (lambda value: f"{value:+,.0f}") if max(abs(v or 0) for v in (effect, low, high)) >= 10 else words.signed
    interval = "" if low is None or high is None else f" [{show(low)}, {show(high)}]"
    return f"{show(effect)}{interval}"


def effect_text(found: Headline) -> str:
    """The headline's effect and interval (:func:`interval_text`)."""
    return interval_text(found.effect, found.low, found.high)


#: How a verdict that is not a finding reads in a line.
_NOT_FINDINGS = {"structural": "true by construction, not a finding",
                 "degenerate": "cannot vary here, not a finding", "no data": "no data"}


def line(found: Headline, *, verdict: bool = True) -> str:
    """The headline in one line: title (and family), verdict (unless the caller shows it beside
    the line), then direction and effect, or why there is none. A construction fact's reason is in
    :attr:`Headline.note`, not in the line."""
    scope = f" ({found.family})" if found.family else ""
    verdict_words = _NOT_FINDINGS.get(found.verdict, found.verdict) if verdict else ""
    head = f"{found.title}{scope}" + (f": {verdict_words}" if verdict_words else "")
    if found.effect is None:
        return f"{head}; {found.note}" if found.note and found.verdict == "no data" else head
    direction = found.direction.split(" (")[0]  # "search at least as trusted (design's advantage under 0.05)"
    return f"{head}; {direction}, {found.measure} {effect_text(found)}, {found.specs} specs"
