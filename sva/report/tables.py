"""The report's tables as plain data: what was run, the per-spec comparison, each family's own
table, failed cells, and the measurements of one artifact.

Everything here is a pure function of the result rows (no clock, no randomness), so the same rows
always give the same tables. The statistics themselves come from :mod:`sva.results.samples`
(built on :mod:`sva.results.stats`); this module only arranges them, and adds two plain
counts the comparison cannot give: the *mean* of each metric per generator (for a yes/no field
such as ``verified`` the mean is the rate, e.g. 3 verified of 4 seeds -> 0.75) and search's
success rate (successful search cells / search cells, e.g. 9 of 10 -> 0.9).

A family's tables are the family's own (``Family.report_sections``, each an
:class:`sva.core.family.Section` of raw values): :func:`family_sections` asks every
registered family, in registration order, for its tables over the done rows of its specs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from statistics import median
from typing import Any, Iterable, Mapping, Sequence

from sva.core.family import Section
from sva.errors import typed_line
from sva.families import all_families
from sva.report.prose import RATE_METRICS, SECTIONS
from sva.results.fields import family_fields, field_info
from sva.results.order import spec_order
from sva.results.samples import done_rows, values
from sva.results.sentences import better

__all__ = [
    "measure_text", "metric_text",
    "HEADLINE_METRICS", "CSV_FIELDS", "RunSummary", "TableRow", "FailedCell", "summarize_run",
    "spec_order", "comparison_table", "csv_records", "family_sections", "failed_cells", "label", "fmt",
    "done_rows", "side_by_side_metrics", "optional_metrics",
]

#: The metrics of the per-spec table, in order (field names of :mod:`sva.results.fields`; ``search_success`` is the
#: search generator's success rate and has no design side).
HEADLINE_METRICS: tuple[str, ...] = (
    "decomposability", "explanation_length", "localization", "mutation_score",
    "held_out_pass_rate", "shift_pass_rate", "verified", "audit_length", "search_success",
)

#: Rows of the small measurement table shown under each seed-0 artifact, before the families' own.
_SIDE_BY_SIDE_HEAD: tuple[str, ...] = (
    "units", "effective_parts", "decomposability", "largest_chunk_share", "abstraction_depth",
    "audit_length", "inline_length", "explanation_length", "verified_explanation_length",
    "description_bits", "cyclomatic_complexity", "sloc", "mutation_score", "localization",
    "held_out_pass_rate", "shift_pass_rate", "verified",
)
#: ... and after them: what only search records.
_SIDE_BY_SIDE_TAIL: tuple[str, ...] = ("search_success", "search_evaluations")


def _family_measures() -> tuple[str, ...]:
    """The registered families' measurements of one artifact: their fields with a direction."""
    return tuple(info.name for info in family_fields() if info.better and not info.json)


def side_by_side_metrics() -> tuple[str, ...]:
    """Rows of the measurement table under each seed-0 artifact: the common measurements, each
    registered family's own (its declared fields with a direction), then search's cost."""
    return _SIDE_BY_SIDE_HEAD + _family_measures() + _SIDE_BY_SIDE_TAIL


def optional_metrics() -> tuple[str, ...]:
    """Rows of that table left out when the artifact has no value (another family's field, or
    search's cost under a design artifact)."""
    return _family_measures() + _SIDE_BY_SIDE_TAIL


#: Columns of ``report.csv``: one row per spec x metric.
CSV_FIELDS: tuple[str, ...] = (
    "spec", "metric", "n_design", "n_search", "median_design", "median_search", "mean_design",
    "mean_search", "difference", "difference_low", "difference_high", "delta", "magnitude", "test",
    "statistic", "p_value", "p_holm",
)

_EXTRA_LABELS = {
    "search_success": "search success rate",
    "search_evaluations": "search evaluations",
    "units": "units",
    "inline_length": "inline length I",
    "abstraction_depth": "abstraction depth",
    "sloc": "source lines",
}


def label(metric: str) -> str:
    """Words for a field name: the label in :mod:`sva.results.fields`, else the name."""
    try:
        return field_info(metric).label
    except KeyError:
        return _EXTRA_LABELS.get(metric, metric.replace("_", " "))


def measure_text(metric: str) -> str:
    """A measure's words with which of its values are better: "held-out pass rate (higher is
    better)"; a field that is neither better high nor low keeps its words alone."""
    which = better(metric)
    return f"{label(metric)} ({which})" if which else label(metric)


def metric_text(metric: str) -> str:
    """A row of the per-spec table: the measure, whether its figures are rates (the share of
    cells) or medians, and which values are better: "verified (rate; higher is better)"."""
    which = better(metric)
    kind = "rate" if metric in RATE_METRICS else "median"
    return f"{label(metric)} ({kind}" + (f"; {which})" if which else ")")


def fmt(value: Any, digits: int = 3) -> str:
    """A number for people: ``-`` for missing, yes/no for booleans, whole floats without a point,
    else ``digits`` significant figures (``0.7705 -> '0.771'``, ``36.0 -> '36'``)."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if abs(value) >= 10 ** digits:
            return f"{value:.0f}"
        return f"{value:.{digits}g}"
    return str(value)


def _generator_key(name: str) -> tuple:
    return ({"design": 0, "search": 1}.get(name, 2), name)


@dataclass(frozen=True)
class RunSummary:
    """What was run: the header of the report."""

    specs: tuple[str, ...]
    generators: tuple[str, ...]
    seeds: tuple[int, ...]
    cells: int
    done: int
    failed: int
    config_hashes: tuple[str, ...]
    presets: tuple[str, ...]
    versions: tuple[tuple[str, str], ...]
    run_ids: tuple[int, ...]
    finished_at: str | None  #: the latest ``finished_at`` of the rows (the run's end)


def summarize_run(rows: Sequence[Mapping[str, Any]]) -> RunSummary:
    """The header figures of ``rows``."""
    finished = [str(row["finished_at"]) for row in rows if row.get("finished_at")]
    done = sum(1 for row in rows if row.get("status") == "done")
    return RunSummary(
        specs=tuple(spec_order(row["spec"] for row in rows)),
        generators=tuple(sorted({row["generator"] for row in rows}, key=_generator_key)),
        seeds=tuple(sorted({int(row["seed"]) for row in rows})),
        cells=len(rows), done=done, failed=len(rows) - done,
        config_hashes=tuple(sorted({str(row["config_hash"]) for row in rows if row.get("config_hash")})),
        presets=_presets(rows),
        versions=_versions(rows),
        run_ids=tuple(sorted({int(row["run_id"]) for row in rows if row.get("run_id") is not None})),
        finished_at=max(finished) if finished else None,
    )


def _presets(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """The presets named in the rows' configurations, sorted."""
    return tuple(sorted({str(p) for row in rows for p in [(row.get("config") or {}).get("preset")] if p is not None}))


def _versions(rows: Sequence[Mapping[str, Any]]) -> tuple[tuple[str, str], ...]:
    """(package, its versions joined) for every package a row recorded, sorted by package."""
    versions: dict[str, set[str]] = {}
    for row in rows:
        for package, version in (row.get("versions") or {}).items():
            versions.setdefault(str(package), set()).add(str(version))
    return tuple((package, ", ".join(sorted(found))) for package, found in sorted(versions.items()))


@dataclass(frozen=True)
class TableRow:
    """One line of the per-spec table: a metric of one spec, design against search (``n_*`` count
    cells; the test counts a deterministic side's copies once, see ``Comparison``)."""

    spec: str
    metric: str
    n_design: int
    n_search: int
    median_design: float | None
    median_search: float | None
    mean_design: float | None
    mean_search: float | None
    difference: float | None = None  #: the comparison's estimate (see ``sva.results.stats``)
    difference_low: float | None = None
    difference_high: float | None = None
    delta: float | None = None  #: Cliff's delta
    magnitude: str | None = None
    test: str | None = None  #: signed-rank (one side a single value), mann-whitney or none
    statistic: float | None = None
    p_value: float | None = None
    p_holm: float | None = None

    def as_record(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in CSV_FIELDS}


def side_text(row: TableRow, side: str) -> tuple[str, int]:
    """One generator's value in the per-spec table (the rate for rate metrics, else the median)
    as text, and its number of cells."""
    value = getattr(row, f"mean_{side}" if row.metric in RATE_METRICS else f"median_{side}")
    return fmt(value), getattr(row, f"n_{side}")


def difference_text(row: TableRow) -> str:
    """``difference [low, high]``, or the difference alone, or ``-``."""
    if row.difference is None:
        return "-"
    if row.difference_low is None or row.difference_high is None:
        return fmt(row.difference)
    return f"{fmt(row.difference)} [{fmt(row.difference_low)}, {fmt(row.difference_high)}]"


def delta_text(row: TableRow) -> str:
    """Cliff's delta with its magnitude word, or ``-``."""
    if row.delta is None:
        return "-"
    return fmt(row.delta, 2) + (f" ({row.magnitude})" if row.magnitude else "")


def _interval(comparison: Any) -> tuple[float | None, float | None, float | None]:
    interval = getattr(comparison, "difference", None)
    if interval is None:
        return None, None, None
    if isinstance(interval, (int, float)):
        return float(interval), None, None
    return (getattr(interval, "estimate", None), getattr(interval, "low", None), getattr(interval, "high", None))


def comparison_table(rows: Sequence[Mapping[str, Any]], comparisons: Iterable[Any],
                     metrics: Sequence[str] = HEADLINE_METRICS) -> list[TableRow]:
    """The per-spec table: for each spec and metric the counts, medians and means of each side
    (from the done rows) with the statistics of the matching :class:`Comparison`, if any."""
    done = done_rows(rows)
    by_key = {(c.spec, c.metric): c for c in comparisons}
    table = []
    for spec in spec_order(row["spec"] for row in done):
        design = [row for row in done if row["spec"] == spec and row["generator"] == "design"]
        search = [row for row in done if row["spec"] == spec and row["generator"] == "search"]
        for metric in metrics:
            d, s = values(design, metric), values(search, metric)
            if not d and not s:
                continue
            comparison = by_key.get((spec, metric))
            estimate, low, high = _interval(comparison)
            table.append(TableRow(
                spec=spec, metric=metric, n_design=len(d), n_search=len(s),
                median_design=median(d) if d else None, median_search=median(s) if s else None,
                mean_design=sum(d) / len(d) if d else None, mean_search=sum(s) / len(s) if s else None,
                difference=estimate, difference_low=low, difference_high=high,
                delta=getattr(comparison, "delta", None), magnitude=getattr(comparison, "magnitude", None),
                test=getattr(comparison, "test", None), statistic=getattr(comparison, "statistic", None),
                p_value=getattr(comparison, "p_value", None),
                p_holm=getattr(comparison, "p_holm", None)))
    return table


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.6g}"
    return str(value)


def csv_records(table: Sequence[TableRow]) -> list[list[str]]:
    """``report.csv`` as rows of text: the header, then one row per spec x metric (six
    significant figures, empty cells for missing values)."""
    return [list(CSV_FIELDS)] + [[_csv_value(row.as_record()[name]) for name in CSV_FIELDS] for row in table]


def _unique(anchor: str, family: str, taken: set[str]) -> str:
    """``anchor``, or ``<family>-<anchor>`` (then numbered) when another section has it."""
    candidate, number = anchor if anchor not in taken else f"{family}-{anchor}", 2
    while candidate in taken:
        candidate, number = f"{family}-{anchor}-{number}", number + 1
    return candidate


def family_sections(rows: Sequence[Mapping[str, Any]]) -> list[Section]:
    """Each registered family's tables (``Family.report_sections``) over the done rows of its specs,
    in registration order; a family without done rows, or without a table, has none. A family
    whose table fails gets a section that says why (the report still gets written); an anchor
    another section already has is prefixed with the family's name."""
    done = done_rows(rows)
    taken = {anchor for anchor, _ in SECTIONS}
    sections = []
    for family in all_families():
        mine = [row for row in done if row.get("family") == family.name]
        if not mine:
            continue
        try:
            found = family.report_sections(mine)
        except Exception as error:  # a family's bug must not sink the whole report
            found = (Section(anchor=family.name, title=f"The {family.name} family",
                             intro=f"The family's table could not be built: {typed_line(error)}", head=(), rows=()),)
        for section in found:
            anchor = _unique(str(section.anchor), family.name, taken)
            taken.add(anchor)
            sections.append(section if anchor == section.anchor else replace(section, anchor=anchor))
    return sections


@dataclass(frozen=True)
class FailedCell:
    cell: str
    stage: str | None
    reason: str


def failed_cells(rows: Sequence[Mapping[str, Any]]) -> list[FailedCell]:
    """Cells that did not finish, in spec, generator, seed order, with their reasons."""
    failed = [row for row in rows if row.get("status") != "done"]
    order = {name: i for i, name in enumerate(spec_order(row["spec"] for row in failed))}
    failed.sort(key=lambda row: (order[row["spec"]], _generator_key(row["generator"]), int(row["seed"])))
    return [FailedCell(cell=str(row.get("cell") or f"{row['spec']}/{row['generator']}/seed-{row['seed']}"),
                       stage=row.get("stage"), reason=str(row.get("reason") or "no reason recorded"))
            for row in failed]
