"""Two results databases compared cell by cell: did a change of speed change any row?

``python benchmarks/compare_runs.py BEFORE AFTER [--show N]`` reads the ``cells`` table of two
results folders (or their ``results.sqlite``) and prints every cell whose stored columns differ,
column by column (the first ``N``, 10 by default), then how many cells differ and how many are
in one run only. Left out, as they differ between any two runs: the timings
(``generate_seconds``, ``analyze_seconds``, ``trust_seconds``, ``wall_seconds``, and the
``timings``, ``seconds`` and ``cpu_seconds`` inside ``detail``), ``versions`` (sva's own version
string and its dependencies'), ``run_id``, ``finished_at`` and the artifact paths (``module``,
``tests_module``: the artifact's bytes are compared through ``sha256``). Exits 1 when a cell
differs or is in one run only.

How docs/profile.md compares a run before and after a speed-up (the same preset, seeds and
configuration, each into its own folder).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

#: Columns that differ between any two runs of the same cells.
SKIP = frozenset({"generate_seconds", "analyze_seconds", "trust_seconds", "wall_seconds", "versions", "run_id",
                  "finished_at", "module", "tests_module"})
#: Keys of ``detail`` that are timings.
SKIP_DETAIL = ("timings", "wall_seconds", "cpu_seconds", "seconds")


def _database(path: Path) -> Path:
    return path / "results.sqlite" if path.is_dir() else path


def rows(path: Path) -> dict[str, dict[str, Any]]:
    """Every cell's stored columns but those of :data:`SKIP` (``detail`` without its timings)."""
    with sqlite3.connect(_database(path)) as connection:
        connection.row_factory = sqlite3.Row
        found = {}
        for row in connection.execute("SELECT * FROM cells"):
            values = {key: row[key] for key in row.keys() if key not in SKIP}
            if values.get("detail"):
                try:
                    detail = json.loads(values["detail"])
                except ValueError:
                    detail = values["detail"]
                if isinstance(detail, dict):
                    for key in SKIP_DETAIL:
                        detail.pop(key, None)
                values["detail"] = detail
            found[row["cell"]] = values
    return found


def differences(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Per cell in both runs, the columns whose values differ."""
    return {cell: columns for cell in sorted(set(before) & set(after))
            if (columns := [key for key in sorted(set(before[cell]) | set(after[cell]))
                            if before[cell].get(key) != after[cell].get(key)])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--show", type=int, default=10, help="cells to print in full (default 10)")
    args = parser.parse_args(argv)
    for path in (args.before, args.after):
        if not _database(path).is_file():
            print(f"compare_runs: {path}: no results database there", file=sys.stderr)
            return 2
    before, after = rows(args.before), rows(args.after)
    changed = differences(before, after)
    for cell in list(changed)[:args.show]:
        for key in changed[cell]:
            print(f"{cell} {key}: {before[cell].get(key)!r:.120} | {after[cell].get(key)!r:.120}")
    alone = len(set(before) ^ set(after))
    print(f"cells: {len(before)} and {len(after)}; in one run only: {alone}; differing: {len(changed)}")
    return 1 if changed or alone else 0


if __name__ == "__main__":
    sys.exit(main())
