"""``sva report [--results DIR] [--out DIR]``: rebuild the report of a run from its results.

Prints the paths it wrote, the HTML page last (so ``sva report | tail -1`` is the page to open).
Exit status 0 when the report was written (failed cells are listed in it, they are not an error);
2 with one line ``sva: <path>: <reason>`` when there is no results database, it holds no cells,
or the output folder cannot be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sva.results.store import DEFAULT_RESULTS

__all__ = ["report_parser", "run_report"]


def report_parser(parser: argparse.ArgumentParser) -> None:
    """Build ``sva report``."""
    parser.description = ("Rebuild the report of the latest 'sva run' in a results folder: one self-contained "
                          "HTML page (figures inline, opens offline), report.md and report.csv beside it.")
    parser.add_argument("--results", default=DEFAULT_RESULTS, metavar="DIR",
                        help=f"results folder of 'sva run' (default {DEFAULT_RESULTS})")
    parser.add_argument("--out", default=None, metavar="DIR", help="where to write the report (default DIR/report)")
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from sva.report.build import build_report

    files = build_report(Path(args.results), Path(args.out) if args.out else None)
    print(files.csv)
    print(files.markdown)
    print(files.html)
    return 0
