"""``sva analyze`` and ``sva explain``: thin handlers over :mod:`sva.measure`.

``sva analyze PATH... [--json] [--diagram DIR] [--jobs N] [--timeout S] [--entry NAME]``
prints one table per file (or one JSON document), writes diagrams on request, reports each
file that could not be analyzed on one stderr line ``sva: PATH: reason``, and exits 0 when every
file was analyzed, 1 when any failed (2 for a usage error). ``--formula TEXT --spec NAME``
(repeatable, with or without paths) measures a formula given as text: the spec's family reads
it statically and the one emitter writes it as a module (:func:`sva.generate.external.formula_module`),
which is measured like a file and shown as ``formula 'TEXT'``; a text that is not a formula of
the family's primitives is one line naming it, the reason and the fix, exit 2. ``sva explain FILE [--entry NAME]``
prints the explanation that ``explanation_length`` counts.

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

from sva.errors import InputError, UsageError, error_line
from sva.measure.batch import DEFAULT_TIMEOUT, Analyzed, Failed, Outcome, Skipped, iter_outcomes
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


def _error_line(outcome: Failed | Skipped) -> str:
    if isinstance(outcome, Skipped):
        return error_line(f"{outcome.path}: skipped: {outcome.reason}")
    return error_line(f"{outcome.path}: {outcome.reason}")


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
    with ExitStack() as stack:
        formulas = _formula_files(args, stack)
        return _analyze(args, [*args.paths, *formulas], formulas)


def _formula_files(args: argparse.Namespace, stack: ExitStack) -> dict[str, str]:
    """Each ``--formula`` written as a module in a temporary folder: ``{path: label}``."""
    from sva.generate.external import formula_file, formula_module

    modules = [formula_module(args.spec, text) for text in args.formula]  # every text checked before any runs
    return {str(stack.enter_context(formula_file(module))): module.label for module in modules}


def _analyze(args: argparse.Namespace, paths: list[str], formulas: dict[str, str]) -> int:
    """Measure ``paths`` (a formula's module shown by its label), printing as they come."""
    failed = False
    records: list[dict[str, Any]] = []
    used_stems: set[str] = set()
    for outcome in iter_outcomes(paths, jobs=args.jobs, timeout=args.timeout,
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
            print(_error_line(outcome), file=sys.stderr, flush=True)
            if args.json:
                records.append(outcome_json(outcome))
    if args.json:
        json.dump({"files": records}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 1 if failed else 0


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
        print(error_line(f"{outcome.path}: diagram: {files.note}"), file=sys.stderr)


def run_explain(args: argparse.Namespace) -> int:
    """Handler of ``sva explain``: 0 on success, 1 when the file cannot be analyzed."""
    from sva.measure.explain import explain, render_explanation
    from sva.measure.source import read_source

    try:
        source = read_source(args.file)
        tree = explain(source, args.file, args.entry)
    except InputError as error:
        print(error_line(f"{args.file}: {error}"), file=sys.stderr)
        return 1
    except LookupError:
        raise UsageError(f"{args.file}: no unit named {args.entry!r} (--entry)") from None
    except RecursionError:
        print(error_line(f"{args.file}: too deeply nested to analyze (recursion limit reached)"),
              file=sys.stderr)
        return 1
    sys.stdout.write(render_explanation(tree))
    return 0
