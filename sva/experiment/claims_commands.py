"""``sva claims``: run the claims tests (``benchmarks/claims``) on a results database.

``sva claims [--results DIR] [--json]`` runs ``python -m pytest benchmarks/claims`` in a
subprocess against ``DIR/results.sqlite``, reads each test's outcome and the verdict it recorded
(junit XML properties), prints one line per claim (overall) and per spec, ``holds``,
``does not hold``, ``by construction`` (structural: not a finding), ``cannot vary``
(degenerate), ``too few seeds``, ``no data`` or ``error``, with the claim's sentence, then the
tally of the findings, and writes the same as
``DIR/claims.json`` (``--json`` prints that document instead of the lines).

The claims are research findings, not gates: exit status 0 when the tests ran, whatever they
found; 1 when they could not run (no database, an empty one, a collection error); 2 for a bad flag
or when the claims tests are absent (they ship with the source checkout, not the installed
package).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

from sva.atomic import write_text_atomically
from sva.errors import OutputError, SvaError, UsageError, error_line
from sva.results.store import DEFAULT_RESULTS

__all__ = ["register", "run_claims", "claims_tests_dir", "DEFAULT_RESULTS", "CLAIMS_FILE"]

CLAIMS_FILE = "claims.json"

_HOLDS = {"passed": "holds", "failed": "does not hold", "skipped": "no data", "error": "error"}
#: What a skipped test's verdict says instead of "no data".
_SKIPPED = {"structural": "by construction", "degenerate": "cannot vary", "too few seeds": "too few seeds"}


def claims_tests_dir() -> Path:
    """``benchmarks/claims`` of the source checkout this ``sva`` package lives in."""
    import sva

    return Path(sva.__file__).resolve().parents[1] / "benchmarks" / "claims"


def register(subparsers: Any) -> None:
    """Add the ``claims`` subcommand."""
    parser = subparsers.add_parser(
        "claims", help="test the essay's claims on a results database and say which hold",
        description="Run the claims tests (benchmarks/claims) against DIR/results.sqlite and print, for each "
                    "claim overall and on each spec, whether the data support it, with the numbers. Writes "
                    "DIR/claims.json. Exit status 0 whenever the tests ran, whatever they found.")
    parser.add_argument("--results", default=DEFAULT_RESULTS, metavar="DIR",
                        help=f"results folder written by 'sva run' (default: {DEFAULT_RESULTS})")
    parser.add_argument("--json", action="store_true", help="print the claims.json document instead of lines")
    parser.set_defaults(handler=run_claims)


def _outcome(case: ElementTree.Element) -> str:
    for child in case:
        if child.tag in ("failure",):
            return "failed"
        if child.tag == "error":
            return "error"
        if child.tag == "skipped":
            return "skipped"
    return "passed"


def _read_junit(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """(one entry per test that recorded a claim, messages of errors that recorded none)."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError):
        return [], []
    entries, errors = [], []
    for case in root.iter("testcase"):
        properties = {prop.get("name"): prop.get("value") for prop in case.iter("property")}
        outcome = _outcome(case)
        if "claim" not in properties:
            for child in case:
                if child.tag in ("error", "failure"):
                    errors.append((child.get("message") or child.text or "").strip())
            continue
        document = json.loads(properties.get("result") or "{}")
        if outcome == "error":  # a fixture broke: the verdict is not what the test judged
            message = next((child.get("message") or "" for child in case if child.tag == "error"), "")
            document["error"] = message
        holds = _HOLDS[outcome]
        if outcome == "skipped":
            holds = _SKIPPED.get(str(properties.get("verdict")), holds)
        entries.append({"claim": properties["claim"], "spec": properties.get("spec") or None,
                        "outcome": outcome, "holds": holds, "document": document})
    return entries, errors


def _document(results_dir: Path, status: int, entries: list[dict[str, Any]]) -> dict[str, Any]:
    claims: dict[str, dict[str, Any]] = {}
    for entry in entries:
        claim = claims.setdefault(entry["claim"], {"name": entry["claim"], "specs": []})
        if entry["spec"] is None:
            claim.update({key: value for key, value in entry["document"].items() if key != "specs"})
            claim.update(holds=entry["holds"], outcome=entry["outcome"])
        else:
            claim["specs"].append({**entry["document"], "spec": entry["spec"], "holds": entry["holds"],
                                   "outcome": entry["outcome"]})
    return {"results": str(results_dir), "pytest_exit_status": status, "claims": list(claims.values())}


def _lines(document: dict[str, Any]) -> list[str]:
    lines = []
    for claim in document["claims"]:
        lines.append(f"{claim['name']:<32} {claim.get('holds', '-'):<13} {claim.get('sentence', '')}")
        for spec in claim["specs"]:
            lines.append(f"  {spec['spec']:<30} {spec['holds']:<13} {spec.get('sentence', '')}")
    overall = [claim.get("holds") for claim in document["claims"]]
    findings = [holds for holds in overall if holds in ("holds", "does not hold")]
    specs = [spec["holds"] for claim in document["claims"] for spec in claim["specs"]]
    others = [name for name in ("by construction", "cannot vary", "too few seeds", "no data", "error")
              if overall.count(name)]
    lines.append(f"claims: {findings.count('holds')} of {len(findings)} findings hold overall"
                 + "".join(f", {overall.count(name)} {name}" for name in others)
                 + "; on specs: " + ", ".join(f"{specs.count(name)} {name}" for name in
                                               ("holds", "does not hold", "by construction", "cannot vary",
                                                "too few seeds", "no data", "error") if specs.count(name)))
    return lines


def _write(path: Path, document: dict[str, Any]) -> None:
    try:
        write_text_atomically(path, json.dumps(document, indent=2, sort_keys=True) + "\n")
    except OSError as error:
        raise OutputError(f"{path}: cannot write the claims: {error.strerror or error}; "
                          f"make the results folder writable") from None


def run_claims(args: argparse.Namespace) -> int:
    tests = claims_tests_dir()
    if not tests.is_dir():
        raise UsageError(f"{tests}: the claims tests are not here; they ship with the source checkout "
                         f"(benchmarks/claims), so run 'sva claims' from a clone of the project")
    results_dir = Path(args.results).resolve()
    from sva.results.store import load_rows

    try:  # the same check the tests' collection makes, but as one line and status 1
        rows = load_rows(results_dir)
    except SvaError as error:
        print(error_line(str(error)), file=sys.stderr)
        return 1
    if not any(row.get("status") == "done" for row in rows):
        print(error_line(f"{results_dir}: the results database has no done cell in its latest run; "
                         f"run 'sva run --out {args.results}' first"), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="sva-claims-") as scratch:
        junit = Path(scratch) / "junit.xml"
        command = [sys.executable, "-m", "pytest", str(tests), "-q", "-p", "no:cacheprovider",
                   "--results", str(results_dir), f"--junitxml={junit}", "-o", "junit_family=xunit1"]
        environment = {key: value for key, value in os.environ.items() if key != "SVA_RESULTS"}
        process = subprocess.run(command, cwd=tests.parents[1], env=environment, capture_output=True, text=True)
        entries, errors = _read_junit(junit)
    if process.returncode not in (0, 1) or not entries:
        detail = "; ".join(errors) or _last_lines(process.stdout + process.stderr)
        print(error_line(f"the claims tests could not run (pytest exit status {process.returncode}): {detail}"),
              file=sys.stderr)
        return 1
    document = _document(results_dir, process.returncode, entries)
    _write(results_dir / CLAIMS_FILE, document)
    if args.json:
        print(json.dumps(document, indent=2, sort_keys=True))
    else:
        print("\n".join(_lines(document)))
        print(f"written: {results_dir / CLAIMS_FILE}")
    return 0


def _last_lines(output: str, count: int = 5) -> str:
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    return " | ".join(lines[-count:]) or "no output"
