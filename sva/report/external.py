"""The report's section on brought artifacts (``sva run --external DIR``): each label its own rows.

For every spec with external rows, one row per generator on that spec, design and search first
(the frame of reference), then each ``external:<label>``: how many distinct artifacts it gave
and how many of its cells failed, the medians of the headline comprehensibility metrics, the
mean trust outcomes, and the share verified. The figures are the same fields the per-spec
table reads; the statistics there stay design against search, and the claims count external
artifacts only where they pool every artifact (correlations over all artifacts, and within each
generator, where a label is a generator of its own).

Worked example: a label ``handwritten`` with one modular parity-3 artifact (D 0.65, E 28,
verified) and a label ``one-liner`` with one correct monolith (D 0, E 11) give two rows
``parity-3 | external:handwritten | 1 | 0 | 0.651 | 28 | ... | 1`` and
``parity-3 | external:one-liner | 1 | 0 | 0 | 11 | ... | 1`` under design's and search's.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from sva.core.family import Section
from sva.generate.external import is_external
from sva.results.stats import median
from sva.results.samples import distinct, done_rows, values

__all__ = ["EXTERNAL_METRICS", "external_section"]

#: (field, column title, how a generator's artifacts are summarized: median or mean)
EXTERNAL_METRICS: tuple[tuple[str, str, str], ...] = (
    ("decomposability", "D (median)", "median"),
    ("explanation_length", "E (median)", "median"),
    ("audit_length", "A (median)", "median"),
    ("mutation_score", "mutation score (mean)", "mean"),
    ("localization", "localization (mean)", "mean"),
    ("held_out_pass_rate", "held-out (mean)", "mean"),
    ("shift_pass_rate", "shift (mean)", "mean"),
    ("verified", "verified (share)", "mean"),
)


def _summary(rows: Sequence[Mapping[str, Any]], metric: str, how: str) -> float | None:
    found = values(rows, metric)
    if not found:
        return None
    return median(found) if how == "median" else sum(found) / len(found)


def _generators(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    names = list(dict.fromkeys(str(row["generator"]) for row in rows))
    return ([name for name in ("design", "search") if name in names]
            + [name for name in names if name not in ("design", "search") and not is_external(name)]
            + sorted(name for name in names if is_external(name)))


def external_section(rows: Sequence[Mapping[str, Any]], specs: Sequence[str]) -> Section | None:
    """The section, ``None`` when no row is external; ``specs`` gives the spec order."""
    brought = {str(row["spec"]) for row in rows if is_external(str(row["generator"]))}
    if not brought:
        return None
    table = []
    for spec in (name for name in specs if name in brought):
        mine = [row for row in rows if row["spec"] == spec]
        for generator in _generators(mine):
            cells = [row for row in mine if row["generator"] == generator]
            artifacts = distinct(done_rows(cells))
            failed = sum(1 for row in cells if row.get("status") != "done")
            table.append((spec, generator, len(artifacts), failed,
                          *(_summary(artifacts, metric, how) for metric, _, how in EXTERNAL_METRICS)))
    return Section(
        anchor="external", title="Brought artifacts (external)",
        intro="Artifacts read from the folder given to sva run --external, one group of rows per label "
              "(generator external:<label>), beside design and search on the same specs. Each file is one "
              "artifact; its figures come from the same analysis and trust runs as every other artifact (a "
              "test_<name>.py beside it is run as its tests, like design's contracts; without one, the spec's "
              "checks alone judge it). Counts are distinct artifacts (by program) and failed cells; metrics are "
              "over the distinct artifacts. The comparisons and their tests above stay design against search.",
        head=("spec", "generator", "artifacts", "failed cells", *(title for _, title, _ in EXTERNAL_METRICS)),
        rows=tuple(table), text_columns=2)
