"""The ``sva`` command: a thin ``main(argv) -> int`` over the library.

Every command's handler lives in one module of this package (``sva/cli/specs.py``,
``generate.py``, ``analyze.py``, ``trust.py``, ``run.py``, ``export.py``, ``claims.py``,
``report.py``), which builds the command's parser and returns an exit status;
``claimlines.py`` lays out what ``sva claims`` prints. :data:`COMMANDS` is the one table of the
commands, in the order ``sva --help`` lists them, with the one-line help it shows.

Parsers are built lazily: ``main`` first reads only the command's name (every command a bare
stub, so ``sva --help`` lists them all), then imports the chosen command's module alone and
builds its full parser. ``sva trust`` thus never imports the experiment, nor loads its presets.
``main`` turns :class:`sva.errors.SvaError` (and a bad flag) into one line and status 2: the
one exit-status rule of every command is :class:`sva.errors.Exit` (0 done, 1 some items failed,
2 bad argument or missing input), listed in ``docs/cli.md``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from dataclasses import dataclass
from typing import Sequence

from sva import __version__
from sva.errors import Exit, SvaError, error_line, print_error

__all__ = ["COMMANDS", "Command", "build_parser", "main"]


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, its one-line help, and the function that builds its parser
    (``"module:function"``, called with the subcommand's :class:`argparse.ArgumentParser`; it
    adds the description, the arguments and the ``handler`` default)."""

    name: str
    help: str
    builder: str

    def build(self, parser: argparse.ArgumentParser) -> None:
        module, _, function = self.builder.partition(":")
        getattr(importlib.import_module(module), function)(parser)


#: Every subcommand, in the order ``sva --help`` lists them.
COMMANDS = (
    Command("specs", "list the specs", "sva.cli.specs:specs_parser"),
    Command("generate", "write one artifact", "sva.cli.generate:generate_parser"),
    Command("generate-all", "write both artifacts of every spec", "sva.cli.generate:generate_all_parser"),
    Command("factorize", "factorize a module mechanically", "sva.cli.generate:factorize_parser"),
    Command("analyze", "measure Python files and folders (decomposability, explanation length, radon)",
            "sva.cli.analyze:analyze_parser"),
    Command("explain", "print the explanation that explanation_length counts", "sva.cli.analyze:explain_parser"),
    Command("trust", "check an artifact: spec properties, its tests, mutation analysis, coverage",
            "sva.cli.trust:trust_parser"),
    Command("run", "run the experiment: every spec x generator x seed, stored and reported",
            "sva.cli.run:run_parser"),
    Command("export", "write the results database's rows as CSV", "sva.cli.export:export_parser"),
    Command("claims", "test the essay's claims on a results database and say which hold",
            "sva.cli.claims:claims_parser"),
    Command("report", "write the HTML/Markdown/CSV report of the latest run", "sva.cli.report:report_parser"),
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad flag on one line with exit status 2 (no usage dump), pointing
    at the help of the command it was given to (``sva claims --frobnicate`` -> ``sva: unrecognized
    arguments: --frobnicate (see 'sva claims --help')``)."""

    #: the command this parser was built for (the top-level parser learns it in ``build_parser``)
    command = ""

    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.command or self.prog.partition(" ")[2]  # "sva generate" -> "generate"
        help_command = f"sva {command} --help" if command else "sva --help"
        self.exit(Exit.BAD_INPUT, f"{error_line(message)} (see '{help_command}')\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``sva`` parser with every command listed; only ``command`` (if any) fully built. The
    others are stubs without ``--help``, so that reading the command's name passes every later
    argument through untouched."""
    parser = _Parser(prog="sva", description="Search versus design: artifact comprehensibility sva.")
    parser.command = command or ""
    parser.add_argument("--version", action="version", version=f"sva {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for entry in COMMANDS:
        chosen = entry.name == command
        subparser = subparsers.add_parser(entry.name, help=entry.help, add_help=chosen)
        if chosen:
            entry.build(subparser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = build_parser().parse_known_args(arguments)[0].command
    args = build_parser(command).parse_args(arguments)
    try:
        return int(args.handler(args))
    except SvaError as error:
        print_error(str(error))
        return Exit.BAD_INPUT
    except KeyboardInterrupt:
        print_error("interrupted")
        return Exit.STOPPED
    except BrokenPipeError:
        return Exit.PARTIAL
