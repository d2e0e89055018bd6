"""One order for specs and rows, so no statistic depends on the order a database returns rows in.

The bootstrap intervals of the claims resample specs and seeds by position: the same rows in
another order would draw other resamples and print other intervals (``sva claims``, the report
and ``docs/results.md`` once disagreed in the second decimal, and on explanation length by 9
tokens). Every caller that computes a statistic first puts the rows in :func:`canonical_order`.

- :func:`spec_order`: registry order (``sva specs``), names the registry does not know after it,
  in natural order (``sort-10`` after ``sort-8``).
- :func:`canonical_order`: by spec (as above), generator (design, search, then the others by
  name), seed, cell id.

Worked example: rows of ``(sort-10, search, 1)``, ``(sort-8, search, 0)``, ``(sort-8, design, 0)``
come out ``(sort-8, design, 0)``, ``(sort-8, search, 0)``, ``(sort-10, search, 1)``.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from sva.families import spec_names

__all__ = ["spec_order", "canonical_order"]


def _natural(text: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def spec_order(names: Iterable[str]) -> list[str]:
    """``names`` in registry order (``sva specs``), unknown names after, in natural order."""
    known = {name: i for i, name in enumerate(spec_names())}
    return sorted(set(names), key=lambda n: (n not in known, known.get(n, 0), _natural(n)))


def canonical_order(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """``rows`` sorted by spec (:func:`spec_order`), generator (design, search, others by name),
    seed and cell id."""
    rows = list(rows)
    order = {name: i for i, name in enumerate(spec_order(row["spec"] for row in rows))}
    return sorted(rows, key=lambda row: (order[row["spec"]], {"design": 0, "search": 1}.get(row["generator"], 2),
                                         str(row["generator"]), int(row["seed"]), str(row.get("cell") or "")))
