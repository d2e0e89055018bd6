"""``sva claims``: judge the essay's claims on a results database and say which hold.

``sva claims [--results DIR] [--json]`` evaluates the claims in this process
(:func:`sva.results.claims.evaluate_claims` on ``DIR/results.sqlite``), and prints one line per
claim (overall), per family (when the run holds several) and per spec, in the one vocabulary of the
report: ``supported``, ``contradicted`` or ``undecided`` for a finding, ``by construction``
(structural: not a finding), ``cannot vary`` (degenerate) or ``no data``, with the claim's
sentence (direction, effect size and its spec-resampled interval; for automated design against
search, the evaluations each spent); under each claim's overall line, whether it is confirmatory or
exploratory and the rule that gave the verdict (:func:`sva.results.verdicts.rule`). Then the
tally of the findings; the same is written as ``DIR/claims.json`` (``--json`` prints that document
instead of the lines). Distinct artifacts are counted by program
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
from sva.errors import Exit, InputError, OutputError, os_reason
from sva.results.claims import ClaimResult, claim, evaluate_claims
from sva.results.programs import with_programs
from sva.results.store import DEFAULT_RESULTS, load_rows
from sva.results.verdicts import Verdict, rule, test_outcome

__all__ = ["CLAIMS_FILE", "claims_document", "claims_parser", "run_claims"]

CLAIMS_FILE = "claims.json"

#: What a line says for a verdict that is not a finding.
_SKIPPED = {"structural": "by construction", "degenerate": "cannot vary", "no data": "no data"}
#: Every word a line can say, in the order the tally counts them.
_WORDS = ("supported", "contradicted", "undecided", "by construction", "cannot vary", "no data")


def claims_parser(parser: argparse.ArgumentParser) -> None:
    """Build ``sva claims``."""
    parser.description = (
        "Judge the essay's claims on DIR/results.sqlite (the verdicts the claims tests in benchmarks/claims "
        "check) and print, for each claim overall and on each spec, whether the data support it, with the "
        "numbers. Writes DIR/claims.json. Exit status 0 whenever the claims were judged, whatever they found.")
    parser.add_argument("--results", default=DEFAULT_RESULTS, metavar="DIR",
                        help=f"results folder written by 'sva run' (default: {DEFAULT_RESULTS})")
    parser.add_argument("--json", action="store_true", help="print the claims.json document instead of lines")
    parser.set_defaults(handler=run_claims)


def run_claims(args: argparse.Namespace) -> int:
    results_dir = Path(args.results).resolve()
    rows = load_rows(results_dir)
    if not any(row.get("status") == "done" for row in rows):
        raise InputError(f"{results_dir}: the results database has no done cell in its latest run; "
                         f"run 'sva run --out {args.results}' first")
    document = claims_document(results_dir, evaluate_claims(with_programs(rows, results_dir)))
    _write(results_dir / CLAIMS_FILE, document)
    if args.json:
        print(json.dumps(document, indent=2, sort_keys=True))
    else:
        print("\n".join(_lines(document)))
        print(f"written: {results_dir / CLAIMS_FILE}")
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
    return {"outcome": test_outcome(verdict), "says": _SKIPPED.get(verdict, verdict)}


def _lines(document: dict[str, Any]) -> list[str]:
    lines = []
    for entry in document["claims"]:
        lines.append(f"{entry['name']:<37} {entry.get('says', '-'):<15} {entry.get('sentence', '')}")
        lines.append(f"  {'rule':<35} {'':<15} {entry['rule']}")
        for family, scoped in _families(entry):
            lines.append(f"  {'family ' + family:<35} {_judged(scoped['verdict'])['says']:<15} {scoped['sentence']}")
        for spec in entry["specs"]:
            lines.append(f"  {spec['spec']:<35} {spec['says']:<15} {spec.get('sentence', '')}")
    return lines + [_tally_line(document)]


def _families(entry: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The claim's verdict in each family (``numbers["by_family"]``), when the run has several."""
    found = [(family, scoped) for family, scoped in (entry["numbers"].get("by_family") or {}).items()
             if isinstance(scoped, dict) and "verdict" in scoped and "sentence" in scoped]
    return found if len(found) > 1 else []


def _tally_line(document: dict[str, Any]) -> str:
    overall = [entry.get("says") for entry in document["claims"]]
    findings = [says for says in overall if says in _WORDS[:3]]
    specs = [spec["says"] for entry in document["claims"] for spec in entry["specs"]]
    others = [name for name in _WORDS[1:] if overall.count(name)]
    return (f"claims: {findings.count('supported')} of {len(findings)} findings supported overall"
            + "".join(f", {overall.count(name)} {name}" for name in others)
            + "; on specs: " + ", ".join(f"{specs.count(name)} {name}" for name in _WORDS if specs.count(name)))


def _write(path: Path, document: dict[str, Any]) -> None:
    try:
        write_text_atomically(path, json.dumps(document, indent=2, sort_keys=True) + "\n")
    except OSError as error:
        raise OutputError(f"{path}: cannot write the claims: {os_reason(error)}; "
                          f"make the results folder writable") from None
