"""The ``sva`` command: a thin ``main(argv) -> int`` over the library.

Each subcommand lives with the code it drives, in a module that exposes
``register(subparsers)``; the module's handler returns an exit status. This file only
wires them together and turns :class:`sva.errors.SvaError` into one line and status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from sva import __version__
from sva.errors import SvaError, error_line

#: Modules that contribute subcommands, in the order ``sva --help`` lists them.
COMMAND_MODULES = (
    "sva.specs.commands",
    "sva.generate.commands",
    "sva.measure.commands",
    "sva.trust.commands",
    "sva.experiment.commands",
    "sva.experiment.claims_commands",
    "sva.report.commands",
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad flag on one line with exit status 2 (no usage dump)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.prog.partition(" ")[2]  # "sva generate" -> "generate"; "sva" -> ""
        help_command = f"sva {command} --help" if command else "sva --help"
        self.exit(2, f"sva: {message} (see '{help_command}')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sva", description="Search versus design: artifact comprehensibility sva.")
    parser.add_argument("--version", action="version", version=f"sva {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        return int(args.handler(args))
    except SvaError as error:
        print(error_line(str(error)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sva: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
