"""Comprehensibility against trust over result rows, within specs first (:mod:`sva.results.strata` on rows).

One :class:`Relation` per (metric, outcome) over a scope of rows (every artifact, one family, or
one family's generator): the strata are the scope's specs, each holding its **distinct programs**
(:func:`sva.results.samples.distinct`, per spec) that have both values.

- ``within``: the n-weighted mean of within-spec Spearman rhos, its permutation p (trust shuffled
  within spec) and its interval from resampling specs: the figure the verdicts test;
- ``fit``: the same among artifacts that fit training perfectly (``training_pass_rate`` = 1):
  does comprehensibility say more than training success?
- ``sized``: the partial rank correlation with size (``audit_length``) partialled out, within
  spec: does comprehensibility say anything size does not?
- ``mixed``: the second opinion (:mod:`sva.results.mixed`), over the scope;
- ``pooled``: Spearman's rho over the pooled distinct artifacts of the scope: **a description
  only** (it mixes spec difficulty, and generators, into the relation), never tested;
- ``between``: set when no (spec, generator) group has both values varying: the relation is
  **between generators only** (every pooled correlation is the generator label, as
  decomposability against trust when search's D is 0 and design is always verified); it is
  described and never tested or tallied.

Worked example: two Feynman specs searched five times each, one easy (short exact formulas,
held-out 1.0) and one hard (long formulas, held-out 0.2-0.6); inside the hard spec the longer
formulas hold up better. The pooled rho(E, held-out) is strongly negative (the easy spec's short
exact formulas), the within rho is positive (the only spec where held-out varies), and the verdict
reads the within rho.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Mapping, Sequence

from sva.results.mixed import MixedFit, mixed_slope
from sva.results.samples import distinct, values
from sva.results.stats import spearman
from sva.results.strata import Stratified, stratified_rho, strata_bootstrap, within_permutation

__all__ = ["Relation", "SIZE", "between_generators_only", "relation", "strata_of"]

#: The size partialled out of every relation (code tokens read once).
SIZE = "audit_length"


@dataclass(frozen=True)
class Relation:
    """One metric against one trust outcome over a scope (see the module docstring)."""

    metric: str
    outcome: str
    group: str
    artifacts: int
    within: Stratified
    fit: Stratified
    sized: Stratified
    pooled: float | None
    mixed: MixedFit | None
    between: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _both(rows: Sequence[Mapping[str, Any]], names: Sequence[str]) -> list[Mapping[str, Any]]:
    return [row for row in rows if all(row.get(name) is not None for name in names)]


def _by_spec(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    found: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        found.setdefault(str(row["spec"]), []).append(row)
    return {spec: distinct(members) for spec, members in found.items()}


def strata_of(rows: Sequence[Mapping[str, Any]], names: Sequence[str]) -> list[tuple[list[float], ...]]:
    """Per spec, the distinct programs' values of ``names`` (each a list, one per program)."""
    return [tuple(values(kept, name) for name in names)
            for kept in (_both(members, names) for members in _by_spec(rows).values()) if kept]


def between_generators_only(rows: Sequence[Mapping[str, Any]], metric: str, outcome: str) -> str | None:
    """Why the relation is between generators only (no (spec, generator) group where both vary),
    ``None`` when some group has within variation."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in _both(rows, (metric, outcome)):
        groups.setdefault((str(row["spec"]), str(row.get("generator"))), []).append(row)
    for members in groups.values():
        kept = distinct(members)
        if len(set(values(kept, metric))) > 1 and len(set(values(kept, outcome))) > 1:
            return None
    return (f"{metric} and {outcome} never vary together inside one generator on one spec: the relation "
            "is between generators only")


def _tested(strata: Sequence[tuple[list[float], ...]], control: bool, seed: int) -> Stratified:
    found = stratified_rho(strata, control=control)
    if found.rho is None:
        return found
    return Stratified(found.rho, found.strata, found.n, within_permutation(strata, control=control, seed=seed),
                      strata_bootstrap(strata, control=control, seed=seed))


def relation(rows: Sequence[Mapping[str, Any]], metric: str, outcome: str, *, group: str = "", seed: int = 0,
             mixed: bool = True) -> Relation:
    """The :class:`Relation` of ``metric`` and ``outcome`` over the done ``rows`` of one scope."""
    both = _both(rows, (metric, outcome))
    pooled_rows = distinct(both)
    pooled = spearman(values(pooled_rows, metric), values(pooled_rows, outcome)).rho if pooled_rows else None
    fit_rows = [row for row in both if row.get("training_pass_rate") == 1]
    sized = (_tested(strata_of(both, (metric, outcome, SIZE)), True, seed) if metric != SIZE
             else Stratified(None, 0, 0, note="the metric is the size"))
    per_spec = [row for members in _by_spec(both).values() for row in members]
    fitted = (mixed_slope(values(per_spec, metric), values(per_spec, outcome), [str(row["spec"]) for row in per_spec],
                          [str(row.get("family") or "") for row in per_spec]) if mixed else None)
    return Relation(metric, outcome, group, len(pooled_rows), _tested(strata_of(both, (metric, outcome)), False, seed),
                    _tested(strata_of(fit_rows, (metric, outcome)), False, seed), sized, pooled, fitted,
                    between_generators_only(both, metric, outcome))
