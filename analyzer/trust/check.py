"""Exhaustive checks of an artifact against its spec's oracle, run in the sandbox."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer.specs import Case, Spec
from analyzer.trust.sandbox import Completed, Limits, run_job


def _as_output(value: Any) -> Any:
    return tuple(_as_output(item) for item in value) if isinstance(value, list) else value


@dataclass(frozen=True)
class CaseCheck:
    """How an artifact did on a set of cases: counts, the first failing case, or a crash."""

    cases: int
    passed: int
    first_failure: Case | None
    crash: str | None = None

    @property
    def all_passed(self) -> bool:
        return self.crash is None and self.passed == self.cases


def check_cases(source: str, spec: Spec, cases: tuple[Case, ...], limits: Limits | None = None) -> CaseCheck:
    """Run the artifact ``source`` on ``cases`` in the sandbox and compare with the oracle."""
    outcome = run_job("evaluate_cases", {"module": "artifact.py", "entry": spec.entry,
                                         "cases": [list(case) for case in cases]},
                      files={"artifact.py": source}, limits=limits)
    if not isinstance(outcome, Completed):
        return CaseCheck(len(cases), 0, cases[0] if cases else None, crash=outcome.reason)
    passed, first_failure = 0, None
    for case, result in zip(cases, outcome.value):
        if "output" in result and _as_output(result["output"]) == spec.expected(case):
            passed += 1
        elif first_failure is None:
            first_failure = case
    return CaseCheck(len(cases), passed, first_failure)


def check_file(path: str | Path, spec: Spec, cases: tuple[Case, ...] | None = None) -> CaseCheck:
    """:func:`check_cases` for an artifact on disk, on the whole domain by default."""
    source = Path(path).read_text(encoding="utf-8")
    return check_cases(source, spec, spec.domain.cases if cases is None else cases)
