"""The result rows as samples, and the statistics' tables over them: one generator against
another per spec, and comprehensibility against trust over the artifacts.

Helpers over the rows of the results database (``sva.results.store.load_rows``), built on
the pure statistics of :mod:`sva.results.stats`: only cells with ``status == "done"`` count
(:func:`done_rows`), and a ``None`` measurement is left out, never read as zero (:func:`values`;
``verified`` counts as 1 or 0). :func:`compare` gives one :class:`Comparison` per spec and metric
(a deterministic generator's one value against the other's runs by the one-sample signed-rank
test, two stochastic generators by Mann-Whitney; Cliff's delta, the bootstrap interval of the
difference of medians, Holm across the table); :func:`correlate` one :class:`Correlation` per
metric and outcome over **distinct artifacts** (:func:`distinct`: one row per program, so the
runner's copies of a design cell count once; Spearman's rho with its bootstrap interval, Holm
across the table).

Worked example: five done rows of parity-3 design (copies of one artifact, decomposability 0.8)
and five of search (0.0, 0.0, 0.1, 0.0, 0.2) give ``sample(design rows, "design",
"decomposability") == Sample((0.8,), 1, True)``: design is one value, so ``compare`` tests the
five search runs against 0.8 (every one below it: exact p = 2/2^5 = 0.0625).
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Mapping, Sequence

from sva.generate import GENERATORS
from sva.results.fields import COMPREHENSIBILITY, TRUST, size_fields
from sva.results.stats import (Interval, bootstrap_difference, cliffs_delta, holm, magnitude, mann_whitney,
                                    median, signed_rank, spearman, spearman_interval)

__all__ = ["Comparison", "Correlation", "Sample", "compare", "correlate", "default_compare_metrics", "distinct",
           "done_rows", "sample", "search_cost", "values"]


@dataclass(frozen=True)
class Comparison:
    """Two generators on one spec and one metric: ``sides`` names them, ``("design", "search")``
    unless a claim compares another pair (``search-parsimony`` against ``search``); the ``*_first``
    fields are the first side's, the ``*_second`` the second's. ``difference`` is first minus
    second (medians, with its bootstrap interval). ``test`` names the test that gave ``p_value``
    (``statistic`` is its statistic): a deterministic side is one value, so the other side's runs
    are tested against it (``"signed-rank"``, one-sample); two stochastic sides by
    ``"mann-whitney"``; two single values by no test (``"none"``, p ``None``). ``n_*`` count the
    values each side contributes (runs of a stochastic generator, 1 for a deterministic one),
    ``artifacts_*`` its distinct artifacts. ``p_holm`` is Holm-adjusted across the whole family
    :func:`compare` returned."""

    spec: str
    metric: str
    n_first: int
    n_second: int
    artifacts_first: int
    artifacts_second: int
    median_first: float
    median_second: float
    difference: Interval
    statistic: float | None
    p_value: float | None
    p_holm: float | None
    delta: float
    magnitude: str
    test: str
    method: str
    sides: tuple[str, str] = ("design", "search")

    @property
    def single(self) -> str | None:
        """The side that is one value (its generator's name), if exactly one is."""
        if self.test == "signed-rank":
            return self.sides[0] if self.n_first == 1 else self.sides[1]
        return None

    @property
    def runs(self) -> int:
        """How many values the test had to work with: the stochastic side's runs (signed-rank),
        the smaller group (Mann-Whitney), 0 without a test."""
        if self.test == "signed-rank":
            return self.n_second if self.single == self.sides[0] else self.n_first
        return min(self.n_first, self.n_second) if self.test == "mann-whitney" else 0

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Sample:
    """What one generator contributes to a comparison on one spec: ``values`` (one per run, or
    the single value of a deterministic generator's one artifact), ``artifacts`` distinct
    artifacts among its rows, and ``single`` when it is one value rather than a sample."""

    values: tuple[float, ...]
    artifacts: int
    single: bool


@dataclass(frozen=True)
class Correlation:
    """Spearman's rho of a comprehensibility metric with a trust outcome over ``n`` artifacts, with
    its bootstrap interval; ``p_holm`` is Holm-adjusted across the family :func:`correlate`
    returned. ``rho``, ``interval`` and the p-values are ``None`` when rho is undefined (``note``)."""

    metric: str
    outcome: str
    rho: float | None
    interval: Interval | None
    p_value: float | None
    p_holm: float | None
    n: int
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def default_compare_metrics() -> tuple[str, ...]:
    """Comprehensibility, size and trust fields of ``fields.py``, each once, in that order."""
    names: list[str] = []
    for info in COMPREHENSIBILITY + size_fields() + TRUST:
        if info.name not in names:
            names.append(info.name)
    return tuple(names)


def values(rows: Iterable[Mapping[str, Any]], metric: str) -> list[float]:
    """The non-``None`` values of ``metric`` over the given rows, booleans as 0/1."""
    return [float(row[metric]) for row in rows if row.get(metric) is not None]


def done_rows(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The cells that finished (``status == "done"``): the only ones any statistic reads."""
    return [row for row in rows if row.get("status") == "done"]


def _in_order(rows: Sequence[Mapping[str, Any]], key: str) -> list[Any]:
    seen: dict[Any, None] = {}
    for row in rows:
        seen.setdefault(row[key], None)
    return list(seen)


def distinct(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """One row per distinct artifact, the first seen: by ``program``
    (:func:`sva.results.programs.with_programs`: docstrings, comments and names do not make two
    artifacts distinct) where the rows carry it, else by module hash (``sha256``); rows without
    either are kept (each is its own artifact)."""
    seen: set[str] = set()
    kept = []
    for row in rows:
        key = row.get("program") or row.get("sha256")
        if key:
            if key in seen:
                continue
            seen.add(key)
        kept.append(row)
    return kept


def _deterministic(generator: str) -> bool:
    entry = GENERATORS.get(generator)
    return bool(entry and entry.deterministic)


def sample(rows: Sequence[Mapping[str, Any]], generator: str, metric: str) -> Sample:
    """``generator``'s contribution to a comparison over ``rows`` (one spec's rows of it): one
    value when the generator is deterministic and its rows hold one distinct artifact (or there
    is only one row), else one value per run."""
    measured = [row for row in rows if row.get(metric) is not None]
    artifacts = len(distinct(measured))
    if len(measured) == 1 or (artifacts == 1 and _deterministic(generator)):
        return Sample(tuple(values(measured[:1], metric)), artifacts, True)
    return Sample(tuple(values(measured, metric)), artifacts, False)


def _test(first: Sample, second: Sample) -> tuple[str, float | None, float | None, str]:
    """(test, statistic, p, method) of one side against the other (see :class:`Comparison`)."""
    if first.single and second.single:
        return "none", None, None, "none"
    if first.single or second.single:
        one, runs = (first, second) if first.single else (second, first)
        ranked = signed_rank(runs.values, reference=one.values[0])
        return "signed-rank", ranked.w, ranked.p_value, ranked.method
    tested = mann_whitney(first.values, second.values)
    return "mann-whitney", tested.u, tested.p_value, tested.method


def compare(rows: Iterable[Mapping[str, Any]], metrics: Sequence[str] | None = None, *,
            seed: int = 0, sides: tuple[str, str] = ("design", "search")) -> tuple[Comparison, ...]:
    """One :class:`Comparison` of the two generators ``sides`` per spec x metric where both have
    values, specs in the rows' order and metrics in the given order (default
    :func:`default_compare_metrics`), with Holm applied across everything returned."""
    done = done_rows(rows)
    names = tuple(metrics) if metrics is not None else default_compare_metrics()
    raw: list[dict[str, Any]] = []
    for spec in _in_order(done, "spec"):
        mine = [row for row in done if row["spec"] == spec]
        rows_of = [[row for row in mine if row.get("generator") == side] for side in sides]
        for metric in names:
            first, second = (sample(side_rows, side, metric) for side_rows, side in zip(rows_of, sides))
            if not first.values or not second.values:
                continue
            test, statistic, p_value, method = _test(first, second)
            delta = cliffs_delta(first.values, second.values)
            raw.append(dict(spec=spec, metric=metric, n_first=len(first.values), n_second=len(second.values),
                            artifacts_first=first.artifacts, artifacts_second=second.artifacts,
                            median_first=median(first.values), median_second=median(second.values),
                            difference=bootstrap_difference(first.values, second.values, seed=seed),
                            statistic=statistic, p_value=p_value, delta=delta, magnitude=magnitude(delta),
                            test=test, method=method, sides=tuple(sides)))
    adjusted = holm([entry["p_value"] for entry in raw])
    return tuple(Comparison(p_holm=p, **entry) for entry, p in zip(raw, adjusted))


def correlate(rows: Iterable[Mapping[str, Any]], metrics: Sequence[str] | None = None,
              outcomes: Sequence[str] | None = None, *, seed: int = 0) -> tuple[Correlation, ...]:
    """Spearman's rho of every metric (default: ``fields.COMPREHENSIBILITY``) with every outcome
    (default: ``fields.TRUST``) over the distinct artifacts of the done rows where both are
    measured (each program once: ``n`` counts artifacts, not cells), with bootstrap intervals
    and Holm across the defined correlations returned."""
    done = distinct(done_rows(rows))
    metric_names = tuple(metrics) if metrics is not None else tuple(info.name for info in COMPREHENSIBILITY)
    outcome_names = tuple(outcomes) if outcomes is not None else tuple(info.name for info in TRUST)
    raw: list[dict[str, Any]] = []
    for metric in metric_names:
        for outcome in outcome_names:
            both = [row for row in done if row.get(metric) is not None and row.get(outcome) is not None]
            x, y = values(both, metric), values(both, outcome)
            if not x:
                raw.append(dict(metric=metric, outcome=outcome, rho=None, interval=None, p_value=None,
                                n=0, note="no artifact has both measured"))
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                result = spearman(x, y, names=(metric, outcome))
                interval = spearman_interval(x, y, seed=seed) if result.rho is not None else None
            raw.append(dict(metric=metric, outcome=outcome, rho=result.rho, interval=interval,
                            p_value=result.p_value, n=result.n, note=result.note))
    adjusted = holm([entry["p_value"] for entry in raw])
    return tuple(Correlation(p_holm=p, **entry) for entry, p in zip(raw, adjusted))


def search_cost(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What search cost over ``rows``: its artifacts, median evaluations and generate seconds,
    and how many runs were perfect on their training cases."""
    search = [row for row in rows if row.get("generator") == "search"]
    evaluations = values(search, "search_evaluations")
    seconds = values(search, "generate_seconds")
    successes = [row["search_success"] for row in search if row.get("search_success") is not None]
    return {"artifacts": len(search),
            "median_evaluations": median(evaluations) if evaluations else None,
            "median_generate_seconds": median(seconds) if seconds else None,
            "successes": sum(bool(value) for value in successes), "runs": len(successes)}
