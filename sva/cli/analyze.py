"""``sva analyze`` and ``sva explain``: thin handlers over :mod:`sva.measure`.

``sva analyze PATH... [--json] [--diagram DIR] [--jobs N] [--timeout S] [--entry NAME]``
prints one table per file (or one JSON document), writes diagrams on request, reports each
file that could not be analyzed on one stderr line ``sva: PATH: reason``, and exits by the one
rule (:class:`sva.errors.Exit`): 0 when every file was analyzed, 1 when any failed or a PATH
given holds nothing (the others measured), 2 for a bad flag or when no PATH given can be read:
``sva analyze missing.py`` and ``sva analyze empty-folder/`` (no Python file in it) are one line
naming the path and the reason, status 2. ``--formula TEXT --spec NAME``
(repeatable, with or without paths) measures a formula given as text: the spec's family reads
it statically and the one emitter writes it as a module (:func:`sva.generate.external.formula_module`),
which is measured like a file and shown as ``formula 'TEXT'``; a text that is not a formula of
the family's primitives is one line naming it, the reason and the fix, exit 2. ``sva explain FILE [--entry NAME]``
prints the explanation that ``explanation_length`` counts: status 2 when FILE is missing or not a
file, 1 when it is not Python that can be analyzed.

JSON shape: ``{"files": [{"path", "error", "metrics", "functions"}]}``; for a file that failed
or was skipped, ``error`` is the one-line reason (skipped ones start with ``skipped:``),
``metrics`` is null and ``functions`` is empty; otherwise ``error`` is null.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import sys
from contextlib import ExitStack
from typing import Any

from sva.errors import Exit, InputError, UsageError, print_error
from sva.measure.batch import DEFAULT_TIMEOUT, Analyzed, Failed, Outcome, Skipped, collect_targets, iter_outcomes
from sva.measure.registry import measurements
from sva.measure.source import MAX_BYTES

__all__ = ["analyze_parser", "explain_parser", "run_analyze", "run_explain", "outcome_json", "format_table"]


def analyze_parser(analyze: argparse.ArgumentParser) -> None:
    """Build ``sva analyze``."""
    analyze.description = "Measure every Python file given or found in the folders given."
    analyze.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (walked recursively)")
    analyze.add_argument("--formula", action="append", default=[], metavar="TEXT",
                         help="measure a formula given as text (SRBench's symbolic_model form, e.g. 'x1*x2/(4*pi*x3**2)', "
                              "with the spec's variable names, x1..xn or X0..); needs --spec; repeatable")
    analyze.add_argument("--spec", metavar="NAME", help="the spec whose variables and primitives --formula uses")
    analyze.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    analyze.add_argument("--diagram", metavar="DIR", help="write one unit-graph diagram per file (.dot, and .svg when dot exists)")
    analyze.add_argument("--jobs", type=int, default=None, metavar="N",
                         help="worker processes (default: number of cores; 0: in this process, no isolation)")
    analyze.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                         help=f"CPU seconds allowed per file (default {DEFAULT_TIMEOUT:g})")
    analyze.add_argument("--entry", metavar="NAME", help="entry function for the explanation metrics (default: inferred)")
    analyze.add_argument("--max-bytes", type=int, default=MAX_BYTES, metavar="N",
                         help=f"skip files larger than N bytes with a failure (default {MAX_BYTES})")
    analyze.set_defaults(handler=run_analyze)


def explain_parser(explain: argparse.ArgumentParser) -> None:
    """Build ``sva explain``."""
    explain.description = "Print the top-down explanation of FILE from its entry function, with token counts."
    explain.add_argument("file", metavar="FILE")
    explain.add_argument("--entry", metavar="NAME", help="entry function (default: inferred)")
    explain.set_defaults(handler=run_explain)


# --------------------------------------------------------------------------------------------
# Output


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    """One entry of the ``files`` list of ``sva analyze --json``."""
    if isinstance(outcome, Analyzed):
        analysis = outcome.analysis
        return {
            "path": outcome.path,
            "error": None,
            "metrics": {k: _json_value(v) for k, v in analysis.metrics.items()},
            "functions": [
                {"name": f.name, "lineno": f.lineno, "cyclomatic_complexity": f.cyclomatic_complexity,
                 "size": f.size}
                for f in analysis.functions
            ],
        }
    reason = outcome.reason if isinstance(outcome, Failed) else f"skipped: {outcome.reason}"
    return {"path": outcome.path, "error": reason, "metrics": None, "functions": []}


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def format_table(outcome: Analyzed) -> str:
    """A readable table of one analyzed file: metrics grouped by measurement, then functions."""
    analysis = outcome.analysis
    lines = [f"== {outcome.path}"]
    width = max((len(name) for m in measurements() for name in m.fields), default=10)
    for m in measurements():
        lines.append(f"  {m.name}")
        for name in m.fields:
            lines.append(f"    {name:<{width}}  {_fmt(analysis.metrics.get(name)):>12}")
    if analysis.functions:
        name_width = min(40, max(len("function"), *(len(f.name) for f in analysis.functions)))
        lines.append(f"  {'function':<{name_width}}  {'line':>6}  {'cc':>4}  {'size':>6}")
        for f in analysis.functions:
            name = f.name if len(f.name) <= name_width else f.name[: name_width - 1] + "~"
            lines.append(f"  {name:<{name_width}}  {_fmt(f.lineno):>6}  {f.cyclomatic_complexity:>4}  {f.size:>6}")
    return "\n".join(lines) + "\n"


def _item_reason(outcome: Failed | Skipped) -> str:
    if isinstance(outcome, Skipped):
        return f"{outcome.path}: skipped: {outcome.reason}"
    return f"{outcome.path}: {outcome.reason}"


# --------------------------------------------------------------------------------------------
# Inputs


#: Why a folder given holds nothing to measure.
NO_PYTHON = "no Python file in this folder (none ending in .py outside hidden and virtual-environment folders)"


def unreadable(path: str) -> str | None:
    """Why ``path``, given on the command line, holds nothing to measure, or None when it does:
    missing, not a file or folder, a folder that cannot be listed (the walk's own reasons), or a
    folder without a Python file (:data:`NO_PYTHON`). A file that exists but is not Python that
    parses is not this: it is measured, and fails as one item."""
    targets = collect_targets([path])
    if not targets:
        return NO_PYTHON
    first = targets[0]
    if len(targets) == 1 and isinstance(first, Failed) and first.path == path:
        return first.reason
    return None


# --------------------------------------------------------------------------------------------
# Handlers


def run_analyze(args: argparse.Namespace) -> int:
    """Handler of ``sva analyze``: 0 all analyzed, 1 some file failed."""
    if args.timeout is not None and not args.timeout > 0:
        raise UsageError(f"--timeout must be a positive number of seconds, not {args.timeout:g}")
    if args.jobs is not None and args.jobs < 0:
        raise UsageError(f"--jobs must be 0 or more, not {args.jobs}")
    if args.max_bytes <= 0:
        raise UsageError(f"--max-bytes must be positive, not {args.max_bytes}")
    if not args.paths and not args.formula:
        raise UsageError("give a PATH to analyze or --formula TEXT --spec NAME")
    if args.spec and not args.formula:
        raise UsageError("--spec names the spec of a --formula; give --formula TEXT too")
    if args.diagram:
        from sva.measure.diagram import write_diagram  # noqa: F401  (fail early if missing)

        if os.path.exists(args.diagram) and not os.path.isdir(args.diagram):
            raise UsageError(f"--diagram {args.diagram}: exists and is not a folder")
    empty = _empty_inputs(args)
    with ExitStack() as stack:
        formulas = _formula_files(args, stack)
        return _analyze(args, [path for path in args.paths if path not in empty], formulas, empty)


def _empty_inputs(args: argparse.Namespace) -> dict[str, str]:
    """The folders given that hold no Python file, each with why: an :class:`InputError` (status
    2) when no PATH given (and no ``--formula``) has anything to measure."""
    reasons = {path: reason for path in args.paths if (reason := unreadable(path)) is not None}
    if args.formula or len(reasons) < len(args.paths):
        return {path: reason for path, reason in reasons.items() if reason == NO_PYTHON}
    *others, last = reasons.items()
    for path, reason in others:
        print_error(f"{path}: {reason}")
    raise InputError(f"{last[0]}: {last[1]}")


def _formula_files(args: argparse.Namespace, stack: ExitStack) -> dict[str, str]:
    """Each ``--formula`` written as a module in a temporary folder: ``{path: label}``."""
    from sva.generate.external import formula_file, formula_module

    modules = [formula_module(args.spec, text) for text in args.formula]  # every text checked before any runs
    return {str(stack.enter_context(formula_file(module))): module.label for module in modules}


def _analyze(args: argparse.Namespace, paths: list[str], formulas: dict[str, str], empty: dict[str, str]) -> int:
    """Measure ``paths`` and ``formulas`` (a formula's module shown by its label), printing as they
    come, after one line for each folder given that is ``empty``."""
    failed = bool(empty)
    records: list[dict[str, Any]] = []
    for path, reason in empty.items():
        print_error(f"{path}: {reason}")
        records.append({"path": path, "error": reason, "metrics": None, "functions": []})
    used_stems: set[str] = set()
    for outcome in iter_outcomes([*paths, *formulas], jobs=args.jobs, timeout=args.timeout,
                                 entry=args.entry, max_bytes=args.max_bytes):
        stem = None
        if outcome.path in formulas:
            stem = "formula-" + os.path.splitext(os.path.basename(outcome.path))[0]
            outcome = dataclasses.replace(outcome, path=formulas[outcome.path])
        if isinstance(outcome, Analyzed):
            if args.json:
                records.append(outcome_json(outcome))
            else:
                sys.stdout.write(format_table(outcome))
                sys.stdout.flush()
            if args.diagram:
                _diagram(outcome, args.diagram, used_stems, stem)
        else:
            failed = failed or isinstance(outcome, Failed)
            print_error(_item_reason(outcome))
            if args.json:
                records.append(outcome_json(outcome))
    if args.json:
        json.dump({"files": records}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    return Exit.PARTIAL if failed else Exit.OK


def _diagram(outcome: Analyzed, out_dir: str, used: set[str], stem: str | None = None) -> None:
    from sva.measure.diagram import diagram_stem, write_diagram

    stem = stem or diagram_stem(outcome.path)
    base, n = stem, 1
    while stem in used:
        n += 1
        stem = f"{base}-{n}"
    used.add(stem)
    files = write_diagram(outcome.analysis.graph, out_dir, stem, title=outcome.path)
    if files.svg is None and files.note and "not requested" not in files.note:
        print_error(f"{outcome.path}: diagram: {files.note}")


def run_explain(args: argparse.Namespace) -> int:
    """Handler of ``sva explain``: 0 on success, 1 when the file cannot be analyzed, 2 when it
    is missing or not a file."""
    from sva.measure.explain import explain, render_explanation
    from sva.measure.source import read_source

    missing = unreadable(args.file)
    if missing is not None:
        raise InputError(f"{args.file}: {missing}")
    try:
        source = read_source(args.file)
        tree = explain(source, args.file, args.entry)
    except InputError as error:
        print_error(f"{args.file}: {error}")
        return Exit.PARTIAL
    except LookupError:
        raise UsageError(f"{args.file}: no unit named {args.entry!r} (--entry)") from None
    except RecursionError:
        print_error(f"{args.file}: too deeply nested to analyze (recursion limit reached)")
        return Exit.PARTIAL
    sys.stdout.write(render_explanation(tree))
    return Exit.OK
