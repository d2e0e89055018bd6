"""What kind of statement a claim's result is: a finding, a fact of construction, or an outcome that cannot vary.

A test of the essay's claims is only evidence when the data could have said otherwise. Each
comparison and each correlation the claims make is classified here, from the rows and from what
the generators declare about how they build (:class:`sva.generate.Construction`), never by
a list written for the current run:

- **structural**: a generator of the comparison declares that its way of building settles the
  metric (search emits one function and no tests: its decomposability and localization are not
  outcomes of the search), *and* the rows agree: every value of one generator lies beyond every
  value of the other on the claimed side (Cliff's delta = +-1). Reported with the reason and kept
  out of the tally of findings. A declaration the rows contradict does not make a comparison
  structural; it stays empirical.
- **degenerate**: the outcome cannot vary here: for a comparison, the metric takes one value for
  every artifact of both generators (a generator whose runs all share one value still meets the
  other's value as a finding: that value could have been another); for a correlation, an outcome or metric that is constant over the artifacts in
  scope (within a generator: one value for every one of its artifacts), or ``verified`` on specs whose training cases are every input the verification checks
  (:meth:`~sva.core.family.Family.training_share` = 1: being verified is passing training).
  Reported with the reason and no test.
- **empirical**: everything else: the data could have gone either way.

Worked example: on parity-5, design's decomposability is 0.83 (one artifact) and search's five
runs are all 0.0; search declares "one function, no helpers" for decomposability and every design
value is above every search value, so the comparison is structural ("search emits the whole
artifact as one function ..."). On parity-5-half the held-out pass rate of search's five runs is
0.06, 1.0, 0.06, 0.5, 0.25: empirical.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any, Mapping, Sequence

from sva.errors import SvaError
from sva.families import family_of, get_spec
from sva.generate import GENERATORS
from sva.results.samples import Sample, distinct, values

__all__ = ["Kind", "KINDS", "EMPIRICAL", "STRUCTURAL", "DEGENERATE", "comparison_kind", "constant_reason",
           "settled_reason", "training_share", "verifiable"]

EMPIRICAL, STRUCTURAL, DEGENERATE = "empirical", "structural", "degenerate"
#: The kinds, findings first.
KINDS = (EMPIRICAL, STRUCTURAL, DEGENERATE)


@dataclass(frozen=True)
class Kind:
    """A result's kind (one of :data:`KINDS`) and, unless empirical, why."""

    kind: str = EMPIRICAL
    reason: str | None = None

    @property
    def finding(self) -> bool:
        return self.kind == EMPIRICAL

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _num(value: float) -> str:
    return f"{value:.2f}" if not float(value).is_integer() else f"{value:.0f}"


def settled_reason(generators: Sequence[str], metric: str) -> str | None:
    """The construction facts of ``generators`` that settle ``metric``, joined; ``None`` if none."""
    facts = []
    for name in generators:
        entry = GENERATORS.get(name)
        fact = entry.settles(metric) if entry else None
        if fact is not None and fact.why not in facts:
            facts.append(fact.why)
    return "; ".join(facts) or None


def comparison_kind(metric: str, first: Sample, second: Sample, sign: int,
                    sides: tuple[str, str] = ("design", "search")) -> Kind:
    """The kind of one generator against another (``sides``, first against second) on one spec
    and metric (see the module docstring); ``sign`` is the claimed sign of first - second."""
    pooled = set(first.values) | set(second.values)
    if len(pooled) == 1:
        return Kind(DEGENERATE, f"{metric} is {_num(next(iter(pooled)))} for every artifact of both generators")
    reason = settled_reason(tuple(reversed(sides)), metric)
    if reason is not None:
        beyond = (min(first.values) > max(second.values)) if sign > 0 else (max(first.values) < min(second.values))
        if beyond:
            return Kind(STRUCTURAL, reason)
    return Kind()


@lru_cache(maxsize=None)
def training_share(spec: str) -> float | None:
    """The spec's :meth:`~sva.core.family.Family.training_share`, ``None`` for a spec no
    registered family knows (rows of another installation) or an infinite domain."""
    try:
        found = get_spec(spec)
    except (SvaError, KeyError):
        return None
    return family_of(found).training_share(found)


def verifiable(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The rows whose ``verified`` says more than passing training: specs with a training share
    below 1 or unknown."""
    return [row for row in rows if (training_share(str(row["spec"])) or 0.0) < 1.0]


def constant_reason(rows: Sequence[Mapping[str, Any]], name: str) -> str | None:
    """Why ``name`` cannot be correlated over the distinct artifacts of ``rows`` (not measured, or
    one value for every one), ``None`` when it varies."""
    measured = values(distinct(rows), name)
    if not measured:
        return f"{name} not measured"
    if len(measured) == 1:
        return f"{name}: one artifact only"
    if len(set(measured)) == 1:
        return f"{name} is {_num(measured[0])} for every artifact"
    return None
