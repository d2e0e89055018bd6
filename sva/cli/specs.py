"""``sva specs``: list the registered specs (:func:`sva.families.all_specs`)."""

from __future__ import annotations

import argparse
import json

from sva.families import all_specs


def specs_parser(parser: argparse.ArgumentParser) -> None:
    parser.description = "List the registered specs."
    parser.add_argument("--json", action="store_true", help="print a JSON list of spec objects")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    specs = all_specs()
    if args.json:
        print(json.dumps([spec.summary() for spec in specs], indent=2))
        return 0
    rows = [("name", "family", "entry", "arity", "primitives", "train/held-out")]
    for spec in specs:
        rows.append((spec.name, spec.family, spec.entry, str(spec.arity), ",".join(spec.primitives),
                     f"{len(spec.training)}/{len(spec.held_out)}"))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0
