"""The result rows -> the statistics' tables: design against search per spec, and
comprehensibility against trust over the artifacts.

Helpers over the rows of the results database (``analyzer.results.store.load_rows``), built on
the pure statistics of :mod:`analyzer.results.stats`: only cells with ``status == "done"`` count
(:func:`done_rows`), and a ``None`` measurement is left out, never read as zero (:func:`values`;
``verified`` counts as 1 or 0). :func:`compare` gives one :class:`Comparison` per spec and metric
(Mann-Whitney, Cliff's delta, the bootstrap interval of the difference of medians, Holm across
the table); :func:`correlate` one :class:`Correlation` per metric and outcome (Spearman's rho with
its bootstrap interval, Holm across the table); :func:`paired` the (spec, seed) pairs of a paired
test.

Worked example: two done rows of parity-3, design ``decomposability`` 0.8 and search 0.0 (seed
0 each), give ``values(rows, "decomposability") == [0.8, 0.0]`` and
``paired(rows, "decomposability") == [("parity-3", 0, 0.8, 0.0)]``.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Mapping, Sequence

from analyzer.results.fields import COMPREHENSIBILITY, TRUST, size_fields
from analyzer.results.stats import (Interval, bootstrap_difference, cliffs_delta, holm, magnitude, mann_whitney,
                                    median, spearman, spearman_interval)

__all__ = ["Comparison", "Correlation", "compare", "correlate", "default_compare_metrics", "done_rows",
           "paired", "search_cost", "values"]


@dataclass(frozen=True)
class Comparison:
    """Design against search on one spec and one metric. ``difference`` is design minus search
    (medians, with its bootstrap interval); ``u`` is design's Mann-Whitney statistic; ``p_holm`` is
    Holm-adjusted across the whole family :func:`compare` returned."""

    spec: str
    metric: str
    n_design: int
    n_search: int
    median_design: float
    median_search: float
    difference: Interval
    u: float
    p_value: float
    p_holm: float
    delta: float
    magnitude: str
    method: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


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


def compare(rows: Iterable[Mapping[str, Any]], metrics: Sequence[str] | None = None, *,
            seed: int = 0) -> tuple[Comparison, ...]:
    """One :class:`Comparison` per spec x metric where both generators have values, specs in the
    rows' order and metrics in the given order (default :func:`default_compare_metrics`), with Holm
    applied across everything returned."""
    done = done_rows(rows)
    names = tuple(metrics) if metrics is not None else default_compare_metrics()
    raw: list[dict[str, Any]] = []
    for spec in _in_order(done, "spec"):
        mine = [row for row in done if row["spec"] == spec]
        design_rows = [row for row in mine if row.get("generator") == "design"]
        search_rows = [row for row in mine if row.get("generator") == "search"]
        for metric in names:
            design, search = values(design_rows, metric), values(search_rows, metric)
            if not design or not search:
                continue
            test = mann_whitney(design, search)
            delta = cliffs_delta(design, search)
            raw.append(dict(spec=spec, metric=metric, n_design=len(design), n_search=len(search),
                            median_design=median(design), median_search=median(search),
                            difference=bootstrap_difference(design, search, seed=seed),
                            u=test.u, p_value=test.p_value, delta=delta, magnitude=magnitude(delta),
                            method=test.method))
    adjusted = holm([entry["p_value"] for entry in raw])
    return tuple(Comparison(p_holm=p, **entry) for entry, p in zip(raw, adjusted))


def correlate(rows: Iterable[Mapping[str, Any]], metrics: Sequence[str] | None = None,
              outcomes: Sequence[str] | None = None, *, seed: int = 0) -> tuple[Correlation, ...]:
    """Spearman's rho of every metric (default: ``fields.COMPREHENSIBILITY``) with every outcome
    (default: ``fields.TRUST``) over all done rows where both are measured, with bootstrap
    intervals and Holm across the defined correlations returned."""
    done = done_rows(rows)
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


def paired(done: Sequence[Mapping[str, Any]], metric: str) -> list[tuple[str, int, float, float]]:
    """(spec, seed, design value, search value) for every spec and seed both generators measured,
    in the order of the search rows."""
    design = {(row["spec"], row["seed"]): row[metric] for row in done
              if row.get("generator") == "design" and row.get(metric) is not None}
    pairs = []
    for row in done:
        key = (row["spec"], row["seed"])
        if row.get("generator") == "search" and row.get(metric) is not None and key in design:
            pairs.append((key[0], key[1], float(design[key]), float(row[metric])))
    return pairs


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
