"""Two-sided claims between any two generators: one difference per spec, tested over specs, able to fail both ways.

A two-sided claim (:attr:`sva.results.verdicts.Claim.two_sided`) sets its first side against its
second (``sides``: design against search, design-auto against search) on each of its metrics (by
default every field of ``fields.TRUST``). For each metric and each spec where both generators have
a value, the spec's difference is

    d_s = the first side's value (the mean over its distinct artifacts: a deterministic
          generator's one artifact) - the mean of the second side's runs on s.

Over specs (the units; no seed is paired with a copy of a deterministic artifact): the mean
difference, its 95% interval from resampling specs (seeded), and the exact two-sided signed-rank
test of the d_s against 0. Which way is better is the metric's (``fields.py``: higher for a pass
rate, lower for explanation length). The verdicts, for a claim that the first side is more
``quality`` (``"trusted"`` or ``"comprehensible"``):

- **contradicted**, either "<second> more <quality>" (p < level, interval on the second's side of
  0) or, for trust only, **"<second> at least as trusted"**: the interval's top is at most
  :data:`MARGIN` (the first side's advantage, if any, is under 0.05 of a pass rate);
- **supported** (the first more ``quality``): otherwise, p < the claim's level and the interval on
  the first's side of 0;
- **undecided** otherwise;
- **structural** for a comprehensibility metric that a side's construction fixes: the generator
  declares it (:class:`sva.generate.Construction`) *and* the side has one value on every one of
  its artifacts here (search's decomposability, 0: one function). Stated, never tested.

The first metric is the claim's primary test (tested at the claim's level); the rest are
exploratory, Benjamini-Hochberg together: every other metric; for trust, every metric again
**conditional on the second side's training success** (its runs that fit training perfectly,
``training_pass_rate`` = 1) and the primary metric **at matched budgets** (the specs where the
first side spent at most the second's mean evaluations, :mod:`sva.results.budgets`, when the first
side records its evaluations); and every metric against each generator of ``Claim.against``
(design-auto against hand design). ``verified`` and ``trusted`` count only on specs whose
training cases are not the whole domain (:func:`sva.results.kinds.verifiable`). Every figure is
also given per family. Where a family declares the first side's trust correct by construction
(:attr:`sva.core.family.Family.construction`), the claim says so: that side is a reference that
writes down the known answer. No family declares one for ``design-auto``.

Worked example: three specs, design 1.0 on each, search's runs averaging 0.6, 0.9 and 1.0:
d = 0.4, 0.1, 0; the zero is dropped and two positive differences give exact p = 0.5: undecided,
though the mean difference (0.17) is positive; with ten specs each at d = 0.1 p = 0.002 and the
claim is supported.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Mapping, Sequence

import numpy as np

from sva.families import all_families
from sva.results import sentences as words
from sva.results.budgets import EVALUATIONS, Budget, family_budgets, matched_specs, spec_budgets
from sva.results.fields import TRUST, field_info
from sva.results.kinds import EMPIRICAL, STRUCTURAL, settled_reason, verifiable
from sva.results.samples import distinct, values
from sva.results.stats import Interval, signed_rank
from sva.results.strata import benjamini_hochberg
from sva.results.verdicts import ALPHA, CONFIRMATORY_ALPHA, Claim, ClaimResult, Verdict

__all__ = ["FIT", "MARGIN", "MATCHED", "Difference", "by_construction", "difference", "judged", "settled",
           "spec_differences", "trust_claim"]

#: The largest advantage of the first side that still reads "<second> at least as trusted".
MARGIN = 0.05
#: :attr:`Difference.scope` of the comparison among the second side's perfect training fits.
FIT = "training_fit"
#: :attr:`Difference.scope` of the comparison at matched evaluation budgets.
MATCHED = "matched_budgets"
#: Trust outcomes that count only where training is not the whole domain.
_BEYOND_TRAINING = ("verified", "trusted")


@dataclass(frozen=True)
class Difference:
    """The first side minus the second on ``metric`` over ``specs`` specs (see the module
    docstring); ``scope`` is ``""``, :data:`FIT` or :data:`MATCHED`; ``note`` says why a
    structural one was not tested."""

    metric: str
    sides: tuple[str, str]
    specs: int
    mean: float | None
    interval: Interval | None
    p_value: float | None
    first: float | None
    second: float | None
    scope: str = ""
    p_adjusted: float | None = None
    verdict: str = "no data"
    direction: str = ""
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def spec_differences(rows: Sequence[Mapping[str, Any]], metric: str, sides: tuple[str, str],
                     fit_only: bool = False) -> list[tuple[str, float, float]]:
    """(spec, first side's mean over its distinct artifacts, second side's mean) per spec where
    both have ``metric``; ``fit_only`` keeps only the second side's runs that fit training
    perfectly; ``verified`` and ``trusted`` only where training is not the whole domain."""
    if metric in _BEYOND_TRAINING:
        rows = verifiable(rows)
    found = []
    for spec in dict.fromkeys(str(row["spec"]) for row in rows):
        mine = [row for row in rows if str(row["spec"]) == spec and row.get(metric) is not None]
        first = values(distinct([row for row in mine if row.get("generator") == sides[0]]), metric)
        second_rows = [row for row in mine if row.get("generator") == sides[1]]
        if fit_only:
            second_rows = [row for row in second_rows if row.get("training_pass_rate") == 1]
        second = values(second_rows, metric)
        if first and second:
            found.append((spec, float(np.mean(first)), float(np.mean(second))))
    return found


def _interval(differences: np.ndarray, seed: int, resamples: int = 2000) -> Interval:
    rng = np.random.default_rng(seed)
    means = differences[rng.integers(0, differences.size, size=(resamples, differences.size))].mean(axis=1)
    low, high = np.quantile(means, [0.025, 0.975])
    return Interval(float(differences.mean()), float(low), float(high))


def difference(rows: Sequence[Mapping[str, Any]], metric: str, sides: tuple[str, str] = ("design", "search"),
               *, fit_only: bool = False, seed: int = 0, scope: str = "") -> Difference:
    """The unjudged :class:`Difference` of ``metric`` over the specs of ``rows``."""
    found = spec_differences(rows, metric, sides, fit_only)
    if not found:
        return Difference(metric, sides, 0, None, None, None, None, None, scope)
    differences = np.array([first - second for _, first, second in found])
    return Difference(metric, sides, len(found), float(differences.mean()), _interval(differences, seed),
                      signed_rank(differences.tolist()).p_value, float(np.mean([f for _, f, _ in found])),
                      float(np.mean([s for _, _, s in found])), scope)


def _sign(metric: str) -> int:
    """+1 when higher values of ``metric`` are better, -1 when lower are (a field ``fields.py``
    does not know, such as a family's ``symbolic_solution``, is a trust outcome: higher)."""
    try:
        return -1 if field_info(metric).better == "lower" else 1
    except KeyError:
        return 1


def judged(found: Difference, p_adjusted: float | None, level: float, quality: str = "trusted") -> Difference:
    """``found`` with its adjusted p, verdict and direction (see the module docstring)."""
    if found.interval is None:
        return found
    first, second = found.sides
    sign = _sign(found.metric)
    # the interval in "better for the first side" units: above 0 favours the first side
    low, high = sorted((sign * found.interval.low, sign * found.interval.high))
    significant = p_adjusted is not None and p_adjusted < level
    if significant and high < 0:
        verdict, direction = "contradicted", f"{second} more {quality}"
    elif quality == "trusted" and high <= MARGIN:
        verdict, direction = "contradicted", f"{second} at least as trusted ({first}'s advantage under {MARGIN})"
    elif significant and low > 0:
        verdict, direction = "supported", f"{first} more {quality}"
    else:
        verdict = "undecided"
        direction = f"{first} more {quality}" if sign * (found.mean or 0) > 0 else f"{second} more {quality}"
    return replace(found, p_adjusted=p_adjusted, verdict=verdict, direction=direction)


def settled(rows: Sequence[Mapping[str, Any]], metric: str, sides: tuple[str, str]) -> str | None:
    """Why ``metric`` is fixed by how one of ``sides`` builds: its declared construction fact,
    when the side also has one value on every one of its (at least two) artifacts in ``rows``."""
    for side in reversed(sides):  # the side set against: search's one function before the first side's parts
        reason = settled_reason((side,), metric)
        found = values(distinct([row for row in rows if row.get("generator") == side]), metric)
        if reason is not None and len(found) > 1 and len(set(found)) == 1:
            return f"{reason} ({words.label(metric)} is {words.num(found[0])} on every {side} artifact)"
    return None


def by_construction(rows: Sequence[Mapping[str, Any]], generator: str, outcome: str) -> list[str]:
    """Why ``generator``'s ``outcome`` holds by construction in the families of ``rows``: each
    family's declared fact (:attr:`sva.core.family.Family.construction`), once."""
    present = {str(row.get("family") or "") for row in rows}
    facts = []
    for family in all_families():
        if family.name in present:
            for fact in family.construction:
                if fact.generator == generator and outcome in fact.outcomes and fact.why not in facts:
                    facts.append(f"{family.name}: {fact.why}")
    return facts


def _outcomes(entry: Claim) -> tuple[str, ...]:
    return entry.metrics or tuple(info.name for info in TRUST)


def _budgets(entry: Claim, rows: Sequence[Mapping[str, Any]]) -> list[Budget]:
    """The sides' budgets per spec, for a trust claim whose first side records its evaluations."""
    if entry.quality != "trusted" or not any(row.get("generator") == entry.sides[0] and row.get(EVALUATIONS)
                                             is not None for row in rows):
        return []
    return spec_budgets(rows, entry.sides)


def _differences(entry: Claim, rows: Sequence[Mapping[str, Any]], seed: int,
                 budgets: Sequence[Budget]) -> list[tuple[str, Difference]]:
    """(group in the numbers, unjudged difference): the claim's metrics first (the first is the
    primary test), then the conditional, matched-budget and ``against`` ones."""
    metrics = _outcomes(entry)
    found = [("differences", difference(rows, metric, entry.sides, seed=seed)) for metric in metrics]
    if entry.quality == "trusted":
        found += [("conditional_on_training_fit", difference(rows, metric, entry.sides, fit_only=True, seed=seed,
                                                             scope=FIT)) for metric in metrics]
    if budgets:
        matched = set(matched_specs(budgets))
        kept = [row for row in rows if str(row["spec"]) in matched]
        found.append(("matched_budgets", difference(kept, metrics[0], entry.sides, seed=seed, scope=MATCHED)))
    for other in entry.against:
        found += [("against", difference(rows, metric, (entry.sides[0], other), seed=seed)) for metric in metrics]
    return found


def _judge_all(entry: Claim, rows: Sequence[Mapping[str, Any]],
               found: Sequence[tuple[str, Difference]]) -> list[tuple[str, Difference]]:
    """The primary test at the claim's level, the rest Benjamini-Hochberg at 0.05; a structural
    one (:func:`settled`) untested."""
    notes = [settled(rows, item.metric, item.sides) if entry.quality != "trusted" else None for _, item in found]
    level = CONFIRMATORY_ALPHA if entry.confirmatory else ALPHA
    adjusted = [found[0][1].p_value] + benjamini_hochberg(
        [item.p_value if note is None else None for (_, item), note in zip(found[1:], notes[1:])])
    judged_all = []
    for (group, item), note, p_adjusted in zip(found, notes, adjusted):
        if note is not None and item.specs:
            judged_all.append((group, replace(item, verdict=STRUCTURAL, direction="by construction", note=note)))
        else:
            judged_all.append((group, judged(item, p_adjusted, level if not judged_all else ALPHA, entry.quality)))
    return judged_all


def _result(entry: Claim, rows: Sequence[Mapping[str, Any]], seed: int, scope: str) -> tuple[str, str, dict[str, Any]]:
    budgets = _budgets(entry, rows)
    found = _judge_all(entry, rows, _differences(entry, rows, seed, budgets))
    parts = [words.trust_part(item) for _, item in found if item.specs]
    facts = ([fact for outcome in _outcomes(entry) for fact in by_construction(rows, entry.sides[0], outcome)]
             if entry.quality == "trusted" else [])
    facts = list(dict.fromkeys(facts))
    if facts:
        parts.append("by construction: " + "; ".join(facts) + f" ({entry.sides[0]} is a reference here: the "
                     f"comparison measures {entry.sides[1]} against the known answer)")
    summaries = family_budgets(budgets)
    if summaries:
        parts.append(words.budget_part(summaries))
    # typed records (Difference, Budget, FamilyBudget): ClaimResult.as_json makes them JSON
    numbers: dict[str, Any] = {group: [item for g, item in found if g == group]
                               for group in dict.fromkeys(group for group, _ in found)}
    numbers.update(by_construction=facts, margin=MARGIN if entry.quality == "trusted" else None,
                   sides=entry.sides, budgets=list(budgets), budgets_by_family=summaries)
    verdict = found[0][1].verdict
    return verdict, words.sentence(entry.headline, scope, verdict, parts or [words.no_pairs_part(
        _outcomes(entry)[0], entry.sides)]), numbers


def _kind(verdict: str) -> str:
    return STRUCTURAL if verdict == STRUCTURAL else EMPIRICAL


def trust_claim(entry: Claim, done: Sequence[Mapping[str, Any]], specs: Sequence[str], seed: int) -> ClaimResult:
    """The two-sided claim overall (per family in the numbers) and per spec."""
    per_spec = []
    for spec in specs:
        verdict, sentence, numbers = _result(entry, [row for row in done if row["spec"] == spec], seed,
                                             words.on_spec(spec))
        per_spec.append(Verdict(spec, verdict, sentence, numbers, _kind(verdict), None))
    verdict, sentence, numbers = _result(entry, done, seed, words.OVERALL)
    numbers["by_family"] = {}
    for family in dict.fromkeys(str(row.get("family") or "") for row in done):
        mine = [row for row in done if str(row.get("family") or "") == family]
        family_verdict, family_sentence, family_numbers = _result(entry, mine, seed, words.on_family(family))
        numbers["by_family"][family] = {"verdict": family_verdict, "sentence": family_sentence,
                                        "differences": family_numbers["differences"],
                                        "budgets_by_family": family_numbers["budgets_by_family"]}
    return ClaimResult(entry.name, entry.statement, verdict, sentence, numbers, tuple(per_spec), _kind(verdict), None)
