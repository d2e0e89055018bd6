"""Checks of an artifact against its spec's oracle on given cases, run in the sandbox.

:func:`check_cases` sends the cases to the sandbox job ``evaluate_cases`` (a
:class:`~sva.sandbox.records.CasesRequest`), reads back one
:class:`~sva.sandbox.records.CaseOutput` per case, with the output exactly as the artifact
returned it (the codec of :mod:`sva.core.values`: a tuple stays a tuple, a list a list),
and compares it with the oracle's by the spec's own comparison, :meth:`Spec.matches` (exact
unless the spec states a tolerance). An entry that raised fails its case; a crash of the whole
job fails every case, with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sva.core.spec import Case, Spec
from sva.sandbox.records import CaseOutput, CasesRequest
from sva.sandbox.limits import Limits
from sva.sandbox.process import Completed, run_job

__all__ = ["CaseCheck", "check_cases", "check_file"]


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
    request = CasesRequest("artifact.py", spec.entry, tuple(cases))
    outcome = run_job("evaluate_cases", request.to_json(), files={"artifact.py": source}, limits=limits)
    if not isinstance(outcome, Completed):
        return CaseCheck(len(cases), 0, cases[0] if cases else None, crash=outcome.reason)
    passed, first_failure = 0, None
    for case, item in zip(cases, outcome.value):
        result = CaseOutput.from_json(item)
        if result.exception is None and spec.matches(result.output, spec.expected(case)):
            passed += 1
        elif first_failure is None:
            first_failure = case
    return CaseCheck(len(cases), passed, first_failure)


def check_file(path: str | Path, spec: Spec, cases: tuple[Case, ...] | None = None) -> CaseCheck:
    """:func:`check_cases` for an artifact on disk, on the whole domain by default."""
    cases = spec.domain.cases if cases is None else cases
    if cases is None:
        raise ValueError(f"spec {spec.name}: its domain is infinite; pass the cases to check {path} on")
    return check_cases(Path(path).read_text(encoding="utf-8"), spec, cases)
