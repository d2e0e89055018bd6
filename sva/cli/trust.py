"""``sva trust``: a thin handler over :func:`sva.trust.trust`.

``sva trust ARTIFACT [--spec NAME] [--entry NAME] [--tests FILE ...] [--json] [--lines RANGES |
--diff PATCH] [--exclude-module-level] [--python PATH]`` prints the trust figures of one
artifact (a table, or one JSON document with every field plus ``survivors``). ARTIFACT may be a
lone file or a module inside a package (a ``src/`` layout too): the package and the tests'
``conftest.py`` files go into the sandbox (:mod:`sva.trust.project`). A progress line goes
to stderr while mutants run.
``sva trust --formula TEXT --spec NAME`` trusts a formula given as text instead: the spec's family
reads it statically and the one emitter writes it as a module
(:func:`sva.generate.external.formula_module`), which is trusted like a file and shown as
``formula 'TEXT'``.
Exit status 0 when the artifact was evaluated (whatever it scored), 1 when it could not run at
all (it crashed, hung or exited at import: the reason is printed), 2 for bad input (a missing
file, an unknown spec, a spec that does not match the entry's signature, tests that do not
import), always as one line ``sva: ...``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from sva.core.values import decode
from sva.errors import Exit, InputError, UsageError, os_reason, print_error
from sva.families import family_of, get_spec
from sva.trust import MutantProgress, TrustConfig, TrustReport, changed_lines, parse_lines, trust
from sva.sandbox import Limits

__all__ = ["trust_parser", "run_trust", "format_report"]

_SURVIVORS_SHOWN = 20


def trust_parser(parser: argparse.ArgumentParser) -> None:
    """Build ``sva trust``."""
    parser.description = ("Run an artifact (in a sandbox) against its spec and tests; report verification, "
                          "pass rates, mutation score, localization and coverage.")
    parser.add_argument("artifact", metavar="ARTIFACT", nargs="?", help="the Python module to check")
    parser.add_argument("--formula", metavar="TEXT",
                        help="check a formula given as text instead (SRBench's symbolic_model form, e.g. "
                             "'x1*x2/(4*pi*x3**2)', with the spec's variable names, x1..xn or X0..); needs --spec")
    parser.add_argument("--spec", metavar="NAME", help="spec to check against (default: from the manifest beside it)")
    parser.add_argument("--entry", metavar="NAME", help="entry function (default: manifest, spec, or the one "
                                                        "top-level function nothing else calls)")
    parser.add_argument("--tests", nargs="+", default=[], metavar="FILE",
                        help="pytest files that test the artifact (they import it by its module name)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--examples", type=int, default=TrustConfig.examples, metavar="N",
                        help=f"Hypothesis examples per property (default {TrustConfig.examples})")
    parser.add_argument("--test-seconds", type=float, default=TrustConfig.test_seconds, metavar="S",
                        help=f"time allowed to each test on the original (default {TrustConfig.test_seconds:g})")
    parser.add_argument("--no-mutants", action="store_true", help="skip mutation analysis")
    parser.add_argument("--lines", metavar="RANGES", help="mutate only these lines of the artifact, e.g. 10-20,33")
    parser.add_argument("--diff", metavar="PATCH", help="mutate only the lines a unified diff (git diff output; "
                                                        "'-' for standard input) changes in the artifact")
    parser.add_argument("--exclude-module-level", action="store_true",
                        help="no mutants outside functions (data tables, constants, class bodies)")
    parser.add_argument("--python", metavar="PATH", help="run the artifact and its tests with this interpreter "
                        "(a venv's python), so the project's own dependencies are there; it needs pytest, "
                        "coverage and hypothesis")
    parser.set_defaults(handler=run_trust)


def _config(args: argparse.Namespace) -> TrustConfig:
    if args.examples < 1:
        raise UsageError(f"--examples must be at least 1, got {args.examples}")
    if not args.test_seconds > 0:
        raise UsageError(f"--test-seconds must be positive, got {args.test_seconds}")
    limits = Limits()
    if args.test_seconds * 3 > limits.wall_seconds:
        limits = Limits(cpu_seconds=int(args.test_seconds * 3) + 1, wall_seconds=args.test_seconds * 6)
    if args.lines and args.diff:
        raise UsageError("give --lines or --diff, not both")
    lines = None
    if args.lines:
        lines = parse_lines(args.lines)
    elif args.diff:
        lines = changed_lines(_read_diff(args.diff), Path(args.artifact))
    return TrustConfig(examples=args.examples, test_seconds=args.test_seconds, mutate=not args.no_mutants,
                       limits=limits, lines=None if lines is None else tuple(sorted(lines)),
                       module_level=not args.exclude_module_level)


def _read_diff(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = os_reason(error) if isinstance(error, OSError) else str(error)
        raise InputError(f"{name}: cannot read the diff: {reason}") from None


def run_trust(args: argparse.Namespace) -> int:
    if args.formula is None:
        if args.artifact is None:
            raise UsageError("give the ARTIFACT to check, or --formula TEXT --spec NAME")
        report = trust(args.artifact, args.spec, args.entry, args.tests, _config(args), progress=MutantProgress(),
                       python=args.python)
    else:
        report = _trust_formula(args)
    return _print_report(args, report)


def _trust_formula(args: argparse.Namespace) -> TrustReport:
    """``--formula``: the formula's module written in a temporary folder, trusted, shown by its label."""
    from sva.generate.external import formula_file, formula_module

    if args.artifact is not None:
        raise UsageError(f"give ARTIFACT ({args.artifact}) or --formula, not both")
    if args.diff:
        raise UsageError("--diff names changed lines of a file; a --formula has none (use --lines)")
    module = formula_module(args.spec, args.formula)
    with formula_file(module) as path:
        report = trust(str(path), module.spec, args.entry, args.tests, _config(args), progress=MutantProgress(),
                       python=args.python)
    return dataclasses.replace(report, artifact=module.label)


def _print_report(args: argparse.Namespace, report: TrustReport) -> int:
    if args.json:
        print(json.dumps(report.as_json(), indent=2))
    else:
        print(format_report(report))
    if report.failure:
        print_error(f"{report.artifact}: {report.failure}")
        return Exit.PARTIAL
    return Exit.OK


def _number(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def format_report(report: TrustReport) -> str:
    """The human-readable table ``sva trust`` prints."""
    context = ", ".join(part for part in (f"spec {report.spec}" if report.spec else "no spec",
                                          f"entry {report.entry}" if report.entry else None) if part)
    lines = [f"{report.artifact}  ({context})"]
    if report.failure:
        lines.append(f"  could not run: {report.failure}")
    lines += [f"  {name:<28} {value}" for name, value in _figures(report)]
    if report.mutation_error:
        lines.append(f"  mutation analysis stopped: {report.mutation_error}")
    lines += [f"  note: {note}" for note in report.notes]
    return "\n".join(lines + _test_lines(report) + _survivor_lines(report))


def _figures(report: TrustReport) -> list[tuple[str, str]]:
    """(name, value) of every figure of the table, the family's own and the timings last."""
    rows = [
        ("verified", _number(report.verified)),
        ("held_out_pass_rate", _number(report.held_out_pass_rate)),
        ("shift_pass_rate", _number(report.shift_pass_rate)),
        ("training_pass_rate", _number(report.training_pass_rate)),
        ("counterexample", _counterexample(report.counterexample)),
        ("domain_coverage", _number(report.domain_coverage)),
        ("line_coverage", _number(report.line_coverage)),
        ("branch_coverage", _number(report.branch_coverage)),
        ("mutation_score", _mutants(report)),
        ("localization", _number(report.localization)),
        ("explanation_length", f"{_number(report.explanation_length)} "
                               f"(verified: {_number(report.verified_explanation_length)})"),
    ]
    if report.family_fields is not None and report.spec is not None:
        family = family_of(get_spec(report.spec))
        line = family.summary(report.family_fields)
        if line:
            rows.append((family.manifest_key or family.name, line))
    timings = report.timings
    if timings:
        rows.append(("time", ", ".join(f"{label} {timings[key]:.1f} s" for key, label in
                                       (("baseline_s", "baseline"), ("mutants_s", "mutants"), ("total_s", "total"))
                                       if key in timings)))
    return rows


def _test_lines(report: TrustReport) -> list[str]:
    if not report.tests:
        return []
    lines = [f"tests ({len(report.tests)}):"]
    for test in report.tests:
        called = ", ".join(test.direct_units) or "-"
        reason = f"  [{test.reason}]" if test.reason else ""
        lines.append(f"  {test.status:<8} {test.seconds:7.3f}s  region {test.region_size:>4}  "
                     f"{test.name}  -> {called}{reason}")
    return lines


def _survivor_lines(report: TrustReport) -> list[str]:
    return _judged_survivor_lines(report) + _unchecked_lines(report)


def _unchecked_lines(report: TrustReport) -> list[str]:
    """The mutants no test could judge: which tests ran past their time on the original, and the fix."""
    if not report.unchecked:
        return []
    slow = sorted({name for survivor in report.unchecked for name in survivor.slow_tests})
    seconds = report.config.get("test_seconds")
    limit = f" of {seconds:g} s" if isinstance(seconds, (int, float)) else ""
    return [f"unchecked ({len(report.unchecked)}): not killed, and {len(slow)} test(s) that would run them "
            f"ran past their time{limit} on the original ({', '.join(slow[:3])}{', ...' if len(slow) > 3 else ''}); "
            f"a larger --test-seconds judges them"]


def _judged_survivor_lines(report: TrustReport) -> list[str]:
    if not report.survivors:
        return []
    note = ""
    if all(s.equivalent for s in report.survivors):
        note = (": equivalent mutants, code that does not matter on this exhaustively checked domain"
                if report.verified else
                ": equivalent mutants on every input where the artifact is correct")
    lines = [f"survivors ({len(report.survivors)}{note}):"]
    for survivor in report.survivors[:_SURVIVORS_SHOWN]:
        lines.append(f"  line {survivor.line} col {survivor.column}  {survivor.operator:<22} "
                     f"in {survivor.unit or '-'}: {survivor.before!r} -> {survivor.after!r}")
    if len(report.survivors) > _SURVIVORS_SHOWN:
        lines.append(f"  ... {len(report.survivors) - _SURVIVORS_SHOWN} more (see --json)")
    return lines


def _counterexample(record: dict[str, Any] | None) -> str:
    """The counterexample as the values themselves (decoded from the report's JSON data)."""
    if not record:
        return "none"
    args = ", ".join(f"{name}={_shown(value)!r}" for name, value in record["args"].items())
    return f"({args}): expected {_shown(record.get('expected'))!r}, got {_shown(record.get('got'))!r}"


def _shown(data: Any) -> Any:
    """A value of the codec decoded, or the data as it is (a family's own display form)."""
    try:
        return decode(data)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, ImportError):
        return data


def _mutants(report: TrustReport) -> str:
    if report.mutants_total is None:
        return "-"
    rate = report.mutants_per_s
    speed = f", {rate:.1f} mutants/s end to end" if rate else ""
    timeouts = f", {report.mutants_timeout} of them by timeout" if report.mutants_timeout else ""
    fresh = f"; {report.mutants_fresh} judged in a fresh import" if report.mutants_fresh else ""
    unchecked = f"; {len(report.unchecked)} unchecked, left out of the score" if report.unchecked else ""
    return (f"{_number(report.mutation_score)} ({report.mutants_killed} killed of {report.mutants_total}"
            f"{timeouts}{fresh}{unchecked}{speed})")
