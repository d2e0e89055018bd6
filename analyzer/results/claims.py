"""The essay's claims as data, and their evaluation on the results rows.

:func:`claims` states each claim of *Search versus design* that the experiment can test, with the
metric it is about and which way the data must point. :func:`evaluate_claims` gives every claim a
verdict overall and per spec, one of ``"supported"``, ``"contradicted"``, ``"inconclusive"`` or
``"no data"``, the numbers behind it and one sentence in plain words (worded by
:mod:`analyzer.results.sentences`). The pytest tests in ``benchmarks/claims/`` and ``sva claims``
only call this function: it is the one home of the rule.

The rule, for the claims that compare design with search on a metric (``more_decomposable``,
``shorter_explanations``, ``tests_localize``, ``search_smaller``):

- Per spec: **supported** when Cliff's delta (design over search) points the claimed way and is
  large (|delta| >= 0.474, Romano et al.) and the bootstrap 95% interval of the difference of
  medians (design - search) excludes 0 on the claimed side; **contradicted** when the same holds the
  other way; **inconclusive** otherwise; **no data** when either generator has no done cell with the
  metric measured. Why not a p-value: with 5 seeds per group the smallest two-sided Mann-Whitney p
  is 2/C(10, 5) = 0.008, and once Holm multiplies it by the number of specs and metrics in the
  family no per-spec test can reach 0.05, however large the effect. The Mann-Whitney p and its Holm
  value (Holm across the claim's specs x metrics) are still reported in the numbers.
- Overall: a paired test over (spec, seed) pairs, design seed s of a spec against search seed s of
  the same spec, with the Wilcoxon signed-rank test (:func:`analyzer.results.stats.wilcoxon`:
  scipy's, two-sided, zero differences dropped, scipy's default exact/approximate choice); Holm
  across the overall tests of all the comparison claims (one per claim metric). **Supported**
  when the Holm-adjusted p < 0.05 and the median paired difference points the claimed way;
  **contradicted** when p_holm < 0.05 and it points the other way; **inconclusive** otherwise
  (every difference zero gives p = 1); **no data** without pairs.
- A claim on several metrics (``search_smaller``: audit length and each registered family's own
  size measure, e.g. comparators for sorting specs, read when :func:`claims` is called) combines
  them: metrics without data are left out; supported (contradicted) when every remaining metric
  is; inconclusive when they disagree or any is inconclusive.

For ``comprehensibility_tracks_trust``: Spearman's rho of decomposability (claimed positive) and
explanation length (claimed negative) with each trust outcome that varies in the scope
(held-out pass rate, shift pass rate, verified as 0/1), Holm across those correlations. A
correlation is *for* the claim when it points the claimed way with Holm p < 0.05 and its bootstrap
interval excludes 0, *against* when the same holds the other way. **Supported** when every defined
correlation is for it, **contradicted** when every one is against it, **inconclusive** otherwise;
**no data** (with the reason, e.g. "every artifact verified") when no outcome varies or no rho is
defined. Overall uses every done artifact; per spec, that spec's artifacts.

A worked example: a spec with design decomposability [0.83] x 5 and search [0, 0, 0, 0.2, 0] has
delta = 1 (every design value above every search value: large), the difference of medians 0.83
with interval [0.63, 0.83] (excludes 0): supported on that spec.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from analyzer.results import sentences as words
from analyzer.results.fields import family_size_metrics, field_info
from analyzer.results.stats import cliffs_delta, holm, median, wilcoxon
from analyzer.results.tables import Comparison, compare, correlate, done_rows, paired, search_cost, values

__all__ = ["Claim", "Verdict", "ClaimResult", "VERDICTS", "LARGE", "ALPHA", "claim", "claims",
           "evaluate_claims"]

#: The four verdicts, from best to worst news for a claim.
VERDICTS = ("supported", "contradicted", "inconclusive", "no data")
#: Smallest |Cliff's delta| that counts as a large effect (Romano et al. 2006).
LARGE = 0.474
#: Significance level applied to Holm-adjusted p-values.
ALPHA = 0.05


@dataclass(frozen=True)
class Claim:
    """One claim of the essay. A comparison claim says the ``better`` generator (``"design"`` or
    ``"search"``) has ``direction`` (``"higher"`` or ``"lower"``) values of each metric; a
    correlation claim (``outcomes`` non-empty) says each metric, read the way ``fields.py`` calls
    better, goes with higher trust outcomes."""

    name: str
    headline: str
    statement: str
    metrics: tuple[str, ...]
    better: str | None = None
    direction: str | None = None
    outcomes: tuple[str, ...] = ()
    #: the claim's sentences also report what search cost (evaluations and seconds)
    reports_cost: bool = False

    @property
    def kind(self) -> str:
        return "correlation" if self.outcomes else "comparison"

    def sign(self, metric: str) -> int:
        """The claimed sign of design - search (comparison) or of rho (correlation) for ``metric``."""
        if self.kind == "correlation":
            return 1 if field_info(metric).better == "higher" else -1
        up = 1 if self.direction == "higher" else -1
        return up if self.better == "design" else -up

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "kind": self.kind}


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
              "lower explanation length E.",
              ("explanation_length",), "design", "lower"),
        Claim("tests_localize", "Design artifacts' tests localize faults",
              "A designed part's contract catches the faults in that part, so design artifacts' tests point "
              "more narrowly at a fault: higher localization.",
              ("localization",), "design", "higher"),
        Claim("comprehensibility_tracks_trust", "Comprehensibility goes with trust",
              "Over all artifacts, the more comprehensible ones are the ones that hold up outside the training "
              "cases: decomposability correlates positively, and explanation length negatively, with the "
              "held-out pass rate, the shift pass rate and being verified.",
              ("decomposability", "explanation_length"),
              outcomes=("held_out_pass_rate", "shift_pass_rate", "verified")),
        Claim("search_smaller", "Search artifacts are smaller",
              "Search artifacts are smaller or cheaper to find: lower audit length A and, where a family has "
              "one, a lower size in its own unit (comparators for sorting networks). Only 'smaller' is tested: "
              "the design's human cost (the designer's time) is not measured, so 'cheaper to find' cannot be "
              "compared; the search's cost is reported in evaluations and seconds.",
              ("audit_length", *family_size_metrics()), "search", "lower", reports_cost=True),
    )


def claim(name: str) -> Claim:
    """The claim called ``name`` (a ``KeyError`` naming the known ones otherwise)."""
    known = claims()
    for entry in known:
        if entry.name == name:
            return entry
    raise KeyError(f"unknown claim {name!r}; known: {', '.join(entry.name for entry in known)}")


@dataclass(frozen=True)
class Verdict:
    """A claim's verdict in one scope (a spec): one of :data:`VERDICTS`, a sentence, the numbers."""

    spec: str
    verdict: str
    sentence: str
    numbers: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"spec": self.spec, "verdict": self.verdict, "sentence": self.sentence,
                "numbers": _plain(self.numbers)}


@dataclass(frozen=True)
class ClaimResult:
    """A claim's overall verdict and its verdict on every spec in the rows."""

    name: str
    statement: str
    verdict: str
    sentence: str
    numbers: dict[str, Any]
    specs: tuple[Verdict, ...]

    def spec(self, name: str) -> Verdict:
        for entry in self.specs:
            if entry.spec == name:
                return entry
        raise KeyError(f"no verdict of {self.name} for spec {name!r}")

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "statement": self.statement, "verdict": self.verdict,
                "sentence": self.sentence, "numbers": _plain(self.numbers),
                "specs": [entry.as_json() for entry in self.specs]}


def _plain(value: Any) -> Any:
    """JSON-able copy: records to dicts, numpy scalars to Python numbers, NaN to None."""
    if hasattr(value, "as_json"):
        return _plain(value.as_json())
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


# --- combining verdicts ---------------------------------------------------------------------

def _combine(verdicts: Sequence[str]) -> str:
    """One verdict from several metrics' verdicts (metrics without data left out)."""
    known = [verdict for verdict in verdicts if verdict != "no data"]
    if not known:
        return "no data"
    if all(verdict == "supported" for verdict in known):
        return "supported"
    if all(verdict == "contradicted" for verdict in known):
        return "contradicted"
    return "inconclusive"


# --- comparison claims ------------------------------------------------------------------------

def _spec_verdict(entry: Comparison, sign: int) -> str:
    interval = entry.difference
    if abs(entry.delta) >= LARGE and interval.excludes_zero():
        pointing = 1 if entry.delta > 0 else -1
        side = 1 if interval.low > 0 else -1
        if pointing == side:
            return "supported" if pointing == sign else "contradicted"
    return "inconclusive"


def _overall_verdict(test: Mapping[str, Any], sign: int) -> str:
    if not test["pairs"]:
        return "no data"
    if test["p_holm"] is None or test["p_holm"] >= ALPHA or not test["median_paired_difference"]:
        return "inconclusive"
    return "supported" if (test["median_paired_difference"] > 0) == (sign > 0) else "contradicted"


def _absent(done: Sequence[Mapping[str, Any]], spec: str, metrics: Sequence[str]) -> list[str]:
    """The generators without a done cell of ``spec`` that measured any of ``metrics``."""
    mine = [row for row in done if row["spec"] == spec]
    return [generator for generator in ("design", "search")
            if not any(row.get("generator") == generator and any(row.get(metric) is not None for metric in metrics)
                       for row in mine)]


def _overall_tests(done: Sequence[Mapping[str, Any]], comparisons: Sequence[Claim]) -> list[dict[str, Any]]:
    """The paired Wilcoxon test of every comparison claim's every metric, Holm across them all."""
    tests: list[dict[str, Any]] = []
    for entry in comparisons:
        for metric in entry.metrics:
            pairs = paired(done, metric)
            differences = [design - search for _, _, design, search in pairs]
            statistic, p_value = wilcoxon(differences)
            tests.append({"claim": entry.name, "metric": metric, "pairs": len(pairs),
                          "median_paired_difference": median(differences) if differences else None,
                          "wilcoxon": statistic, "p_value": p_value})
    for test, p_holm in zip(tests, holm([test["p_value"] for test in tests])):
        test["p_holm"] = p_holm
    return tests


def _per_spec(entry: Claim, done: Sequence[Mapping[str, Any]], specs: Sequence[str], seed: int,
              ) -> tuple[list[Verdict], dict[str, dict[str, str]]]:
    """A comparison claim's verdict on every spec, and each metric's verdict by spec."""
    table = compare(done, entry.metrics, seed=seed)
    per_spec: list[Verdict] = []
    spec_verdicts: dict[str, dict[str, str]] = {metric: {} for metric in entry.metrics}
    for spec in specs:
        mine = [row for row in table if row.spec == spec]
        numbers: dict[str, Any] = {"metrics": {}}
        parts, verdicts = [], []
        for comparison in mine:
            verdict = _spec_verdict(comparison, entry.sign(comparison.metric))
            spec_verdicts[comparison.metric][spec] = verdict
            numbers["metrics"][comparison.metric] = {**comparison.as_json(), "verdict": verdict}
            parts.append(words.spec_part(comparison, verdict, len(mine) > 1))
            verdicts.append(verdict)
        verdict = _combine(verdicts)
        if entry.reports_cost:
            cost = search_cost([row for row in done if row["spec"] == spec])
            numbers["search_cost"] = cost
            parts.append(words.cost_part(cost))
        if not mine:
            reason = words.absent_part(_absent(done, spec, entry.metrics), entry.metrics)
            numbers["reason"] = reason
            parts.insert(0, reason)
        sentence = words.sentence(entry.headline, words.on_spec(spec), verdict, parts)
        per_spec.append(Verdict(spec, verdict, sentence, numbers))
    return per_spec, spec_verdicts


def _comparison_claim(entry: Claim, done: Sequence[Mapping[str, Any]], specs: Sequence[str], seed: int,
                      tests: Sequence[Mapping[str, Any]]) -> ClaimResult:
    per_spec, spec_verdicts = _per_spec(entry, done, specs, seed)
    overall_numbers: dict[str, Any] = {"metrics": {}}
    parts, verdicts = [], []
    mine_tests = [test for test in tests if test["claim"] == entry.name]
    several = sum(1 for test in mine_tests if test["pairs"]) > 1
    design_rows = [row for row in done if row.get("generator") == "design"]
    search_rows = [row for row in done if row.get("generator") == "search"]
    for test in mine_tests:
        metric = test["metric"]
        verdict = _overall_verdict(test, entry.sign(metric))
        design, search = values(design_rows, metric), values(search_rows, metric)
        counted = spec_verdicts[metric]
        numbers = {**{key: test[key] for key in ("pairs", "median_paired_difference", "wilcoxon",
                                                  "p_value", "p_holm")},
                   "verdict": verdict,
                   "specs_supported": sum(value == "supported" for value in counted.values()),
                   "specs_with_data": len(counted),
                   "specs_contradicted": sum(value == "contradicted" for value in counted.values()),
                   "median_design": median(design) if design else None,
                   "median_search": median(search) if search else None,
                   "delta": cliffs_delta(design, search) if design and search else None}
        overall_numbers["metrics"][metric] = numbers
        verdicts.append(verdict)
        if not counted and not test["pairs"]:
            if len(entry.metrics) == 1:
                parts.append(words.no_pairs_part(metric))
            continue
        parts.append(words.overall_part(metric, verdict, several, numbers))
    verdict = _combine(verdicts)
    if entry.reports_cost:
        cost = search_cost(done)
        overall_numbers["search_cost"] = cost
        parts.append(words.cost_part(cost))
    sentence = words.sentence(entry.headline, words.OVERALL, verdict, parts)
    return ClaimResult(entry.name, entry.statement, verdict, sentence, overall_numbers, tuple(per_spec))


# --- the correlation claim --------------------------------------------------------------------

def _outcome_state(rows: Sequence[Mapping[str, Any]], outcome: str) -> str | None:
    """``None`` when the outcome varies over these rows, else why it cannot be correlated."""
    measured = values(rows, outcome)
    if len(set(measured)) > 1:
        return None
    return words.not_varying(outcome, measured)


def _call(entry: Claim, correlation: Any) -> str:
    """``for``, ``against`` or ``neither`` the claim (``undefined`` without a rho): strong when
    Holm p < :data:`ALPHA` and the bootstrap interval excludes 0."""
    if correlation.rho is None:
        return "undefined"
    strong = (correlation.p_holm is not None and correlation.p_holm < ALPHA
              and correlation.interval is not None and correlation.interval.excludes_zero())
    if not strong:
        return "neither"
    return "for" if correlation.rho * entry.sign(correlation.metric) > 0 else "against"


def _correlation_verdict(entry: Claim, rows: Sequence[Mapping[str, Any]], seed: int,
                         scope: str) -> tuple[str, str, dict[str, Any]]:
    states = {outcome: _outcome_state(rows, outcome) for outcome in entry.outcomes}
    varying = [outcome for outcome, state in states.items() if state is None]
    skipped = [state for state in states.values() if state is not None]
    numbers: dict[str, Any] = {"artifacts": len(rows), "not_tested": skipped, "correlations": []}
    if not varying:
        reason = "; ".join(skipped) or "no artifacts"
        return "no data", words.sentence(entry.headline, scope, "no data", [reason]), numbers
    parts, calls = [], []
    for correlation in correlate(rows, entry.metrics, varying, seed=seed):
        call = _call(entry, correlation)
        if call != "undefined":
            calls.append(call)
        parts.append(words.correlation_part(correlation))
        numbers["correlations"].append({**correlation.as_json(), "call": call})
    if not calls:
        verdict = "no data"
    elif all(call == "for" for call in calls):
        verdict = "supported"
    elif all(call == "against" for call in calls):
        verdict = "contradicted"
    else:
        verdict = "inconclusive"
    if skipped:
        parts.append(words.not_tested_part(skipped))
    return verdict, words.sentence(entry.headline, scope, verdict, parts), numbers


def _correlation_claim(entry: Claim, done: Sequence[Mapping[str, Any]], specs: Sequence[str],
                       seed: int) -> ClaimResult:
    per_spec = []
    for spec in specs:
        verdict, sentence, numbers = _correlation_verdict(
            entry, [row for row in done if row["spec"] == spec], seed, words.on_spec(spec))
        per_spec.append(Verdict(spec, verdict, sentence, numbers))
    verdict, sentence, numbers = _correlation_verdict(entry, done, seed, words.over_all(len(done)))
    return ClaimResult(entry.name, entry.statement, verdict, sentence, numbers, tuple(per_spec))


def evaluate_claims(rows: Iterable[Mapping[str, Any]], *, seed: int = 0) -> tuple[ClaimResult, ...]:
    """Every claim of :func:`claims`, judged on the done rows by the rule of the module docstring,
    overall and on every spec that has a done cell (specs in the rows' order)."""
    done = done_rows(rows)
    specs = list(dict.fromkeys(row["spec"] for row in done))
    entries = claims()
    # the overall paired tests first, so Holm runs across every comparison claim
    tests = _overall_tests(done, [entry for entry in entries if entry.kind == "comparison"])
    return tuple(_comparison_claim(entry, done, specs, seed, tests) if entry.kind == "comparison"
                 else _correlation_claim(entry, done, specs, seed) for entry in entries)
