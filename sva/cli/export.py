"""``sva export``: the rows of a results database as CSV (:func:`sva.results.store.export_csv`)."""

from __future__ import annotations

import argparse

from sva.errors import UsageError
from sva.results.store import DEFAULT_RESULTS


def export_parser(export: argparse.ArgumentParser) -> None:
    """Build ``sva export``."""
    export.description = "Write the rows of the latest run (or every row) as CSV."
    export.add_argument("--results", default=DEFAULT_RESULTS, help=f"results folder (default: {DEFAULT_RESULTS})")
    export.add_argument("--csv", required=True, metavar="FILE", help="the CSV file to write")
    export.add_argument("--all", action="store_true", help="every stored row, not only the latest run's cells")
    export.set_defaults(handler=export_command)


def export_command(args: argparse.Namespace) -> int:
    from sva.results.store import export_csv

    if not args.csv:
        raise UsageError("--csv needs a file name")
    count = export_csv(args.results, args.csv, every=args.all)
    print(f"{count} rows -> {args.csv}")
    return 0
