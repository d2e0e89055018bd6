"""``sva claims``: judge the essay's claims on a results database and say which hold.

``sva claims [--results DIR] [--all | --json]`` evaluates the claims in this process
(:func:`sva.results.claims.evaluate_claims` on ``DIR/results.sqlite``) and writes every verdict
as ``DIR/claims.json``. By default it prints a summary that fits a terminal screen: each
confirmatory claim in one line (its headline: verdict, direction, effect with its 95% interval,
specs counted) and the other claims counted by verdict (:func:`sva.cli.claimlines.summary_lines`).
``--all`` prints one entry per claim (overall), per family (when the run holds several) and per
spec, in the one vocabulary of the report (:data:`sva.results.verdicts.SAYS`): ``supported``,
``contradicted`` or ``undecided`` for a finding, ``by construction`` (structural: not a finding),
``cannot vary`` (degenerate) or ``no data``, with the claim's sentence whole (direction, effect
size and its spec-resampled interval; for automated design against search, the evaluations each
spent); under each claim's overall line, whether it is confirmatory or exploratory and the rule
that gave the verdict (:func:`sva.results.verdicts.rule`); then the tally of the findings.
``--json`` prints the ``claims.json`` document instead. Distinct artifacts are counted by program
(:func:`sva.results.programs.with_programs`).

Each verdict is also read as the claims tests (``benchmarks/claims``, the pytest view of the same
verdicts) end on it (:func:`sva.results.verdicts.test_outcome`): a supported finding passes, any
other finding fails, everything else is skipped with its reason. The document's ``pytest_exit_status`` is the status those tests exit with on the same
database (1 when a tested claim does not hold, else 0).

The claims are research findings, not gates: exit status 0 whenever they were judged, whatever
they found; 2 (:class:`sva.errors.Exit`) with one line naming the folder when there is nothing to
judge (no database, or no done cell in its latest run), for a bad flag, or for a results folder
that cannot be written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterable

from sva.atomic import write_text_atomically
from sva.cli.claimlines import all_lines, summary_lines
from sva.errors import Exit, InputError, OutputError, os_reason
from sva.results.claims import ClaimResult, claim, evaluate_claims
from sva.results.programs import with_programs
from sva.results.store import DEFAULT_RESULTS, load_rows
from sva.results.verdicts import SAYS, Verdict, rule, test_outcome

__all__ = ["CLAIMS_FILE", "claims_document", "claims_parser", "run_claims"]

CLAIMS_FILE = "claims.json"


def claims_parser(parser: argparse.ArgumentParser) -> None:
    """Build ``sva claims``."""
    parser.description = (
        "Judge the essay's claims on DIR/results.sqlite (the verdicts the claims tests in benchmarks/claims "
        "check), write every verdict as DIR/claims.json and print the confirmatory claims, one line each "
        "(--all: every claim, overall and on each family and spec, with the numbers). Exit status 0 whenever "
        "the claims were judged, whatever they found.")
    parser.add_argument("--results", default=DEFAULT_RESULTS, metavar="DIR",
                        help=f"results folder written by 'sva run' (default: {DEFAULT_RESULTS})")
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--all", action="store_true",
                       help="print every claim, its rule and its verdict on each family and spec")
    shown.add_argument("--json", action="store_true", help="print the claims.json document instead of lines")
    parser.set_defaults(handler=run_claims)


def run_claims(args: argparse.Namespace) -> int:
    results_dir = Path(args.results).resolve()
    rows = load_rows(results_dir)
    if not any(row.get("status") == "done" for row in rows):
        raise InputError(f"{results_dir}: the results database has no done cell in its latest run; "
                         f"run 'sva run --out {args.results}' first")
    results = tuple(evaluate_claims(with_programs(rows, results_dir)))
    document = claims_document(results_dir, results)
    _write(results_dir / CLAIMS_FILE, document)
    if args.json:
        print(json.dumps(document, indent=2, sort_keys=True))
    elif args.all:
        print("\n".join([*all_lines(document), f"written: {results_dir / CLAIMS_FILE}"]))
    else:
        print("\n".join(summary_lines(results, str(results_dir / CLAIMS_FILE))))
    return Exit.OK


def claims_document(results_dir: Path, results: Iterable[ClaimResult]) -> dict[str, Any]:
    """The ``claims.json`` document: every claim's verdict overall and on each spec, each with the
    outcome of its claims test and the word a line says for it."""
    claims = [_claim_entry(result) for result in results]
    failed = any(entry["outcome"] == "failed" for claim in claims for entry in (claim, *claim["specs"]))
    return {"results": str(results_dir), "pytest_exit_status": int(failed), "claims": claims}


def _claim_entry(result: ClaimResult) -> dict[str, Any]:
    overall = {key: value for key, value in result.as_json().items() if key != "specs"}
    entry = claim(result.name)
    return {**overall, **_judged(result.verdict), "confirmatory": entry.confirmatory, "rule": rule(entry),
            "specs": [_spec_entry(verdict) for verdict in result.specs]}


def _spec_entry(verdict: Verdict) -> dict[str, Any]:
    return {**verdict.as_json(), **_judged(verdict.verdict)}


def _judged(verdict: str) -> dict[str, str]:
    return {"outcome": test_outcome(verdict), "says": SAYS[verdict]}


def _write(path: Path, document: dict[str, Any]) -> None:
    try:
        write_text_atomically(path, json.dumps(document, indent=2, sort_keys=True) + "\n")
    except OSError as error:
        raise OutputError(f"{path}: cannot write the claims: {os_reason(error)}; "
                          f"make the results folder writable") from None
