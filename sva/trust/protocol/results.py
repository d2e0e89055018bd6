"""The trust protocol's results: what a sandboxed job sends back (job -> caller).

The baseline's :class:`BaselineResult` (tests, spec checks, coverage, the family's probe in one
opaque slot), the mutant job's progress records and its :class:`BatchDone`, and the records
inside them. Each converts itself at the boundary (``to_json`` in the job, ``from_json`` in the
caller); artifact values travel in the exact codec of :mod:`sva.core.values`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Union

from sva.core.values import decode, encode
from sva.sandbox.records import bounded
from sva.trust.protocol._json import optional_json, optional_record, strings

__all__ = ["BaselineResult", "BatchDone", "CaseCount", "Counterexample", "Coverage", "MutantResult", "Progress", "PropertyCheck", "Ready", "SpecChecks", "TestMarker", "TestOutcome", "TestRun", "progress_from_json"]


@dataclass(frozen=True)
class TestOutcome:
    """How one test went: ``passed``, ``failed``, ``skipped`` or ``timeout``, with a one-line
    reason and, when a subtest failed it, that subtest's name as pytest prints it."""

    __test__ = False  # not a pytest test class, whatever its name
    status: str
    reason: str | None
    seconds: float
    subtest: str | None = None


@dataclass(frozen=True)
class TestRun:
    """One test on the original: its outcome and the artifact functions it called directly
    (from a frame outside the artifact) and executed at all, by unit name."""

    __test__ = False
    name: str
    kind: str  #: "spec" (the spec's properties on the check cases) or "test" (a pytest item)
    outcome: TestOutcome
    direct: tuple[str, ...]
    executed: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "status": self.outcome.status, "reason": self.outcome.reason,
                "seconds": self.outcome.seconds, "subtest": self.outcome.subtest, "direct": list(self.direct),
                "executed": list(self.executed)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "TestRun":
        outcome = TestOutcome(data["status"], data.get("reason"), float(data["seconds"]), data.get("subtest"))
        return cls(data["name"], data["kind"], outcome, strings(data["direct"]), strings(data["executed"]))


@dataclass(frozen=True)
class Counterexample:
    """A failing input: the arguments by parameter name, the property that failed (``None``
    for the exhaustive check's first failure), the oracle's and the artifact's output (or the
    text ``"[oracle ]raised Type: ..."``). ``to_json`` is what the report and database keep."""

    args: Mapping[str, Any]
    property: str | None
    expected: Any
    got: Any

    def to_json(self) -> dict[str, Any]:
        return {"args": {name: encode(value) for name, value in self.args.items()}, "property": self.property,
                "expected": encode(self.expected), "got": encode(self.got)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Counterexample":
        # each value bounded as the caller reads it: a counterexample is a value, not a file dump
        return cls({name: decode(bounded(value)) for name, value in data["args"].items()}, data.get("property"),
                   decode(bounded(data.get("expected"))), decode(bounded(data.get("got"))))


@dataclass(frozen=True)
class PropertyCheck:
    """One spec property through Hypothesis: whether it held on the ``examples`` distinct inputs
    tried, the shrunk counterexample, and why it stopped early (timeout, Hypothesis's error)."""

    name: str
    passed: bool
    counterexample: Counterexample | None
    reason: str | None
    examples: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "counterexample": optional_json(self.counterexample),
                "reason": self.reason, "examples": self.examples}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PropertyCheck":
        return cls(data["name"], bool(data["passed"]), optional_record(Counterexample.from_json, data.get("counterexample")),
                   data.get("reason"), int(data["examples"]))


@dataclass(frozen=True)
class CaseCount:
    """Every property at each of ``cases`` inputs: how many were ``tried`` before a timeout
    (``reason``), how many ``passed`` (unreached ones count as failing), how many failed, and
    (for the exhaustive check) the first failure."""

    cases: int
    tried: int
    passed: int
    failures: int
    reason: str | None
    first_failure: Counterexample | None = None

    @property
    def pass_rate(self) -> float | None:
        """passed / cases; ``None`` for no cases."""
        return self.passed / self.cases if self.cases else None

    def to_json(self) -> dict[str, Any]:
        return {"cases": self.cases, "tried": self.tried, "passed": self.passed, "failures": self.failures,
                "reason": self.reason, "first_failure": optional_json(self.first_failure)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "CaseCount":
        return cls(int(data["cases"]), int(data["tried"]), int(data["passed"]), int(data["failures"]),
                   data.get("reason"), optional_record(Counterexample.from_json, data.get("first_failure")))


@dataclass(frozen=True)
class SpecChecks:
    """The spec checks: each property through Hypothesis, the exhaustive check of a finite
    domain, the held-out and shifted counts (``None`` where the spec has none), the indices of
    the spec test's cases the original passes (the mutants' spec test uses those), and the count
    on the training cases (how well the artifact fits what search saw)."""

    properties: tuple[PropertyCheck, ...]
    exhaustive: CaseCount | None
    held_out: CaseCount | None
    shifted: CaseCount | None
    passing_cases: tuple[int, ...] = ()
    training: CaseCount | None = None

    def to_json(self) -> dict[str, Any]:
        return {"properties": [p.to_json() for p in self.properties], "exhaustive": optional_json(self.exhaustive),
                "held_out": optional_json(self.held_out), "shifted": optional_json(self.shifted),
                "passing_cases": list(self.passing_cases), "training": optional_json(self.training)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "SpecChecks":
        def count(name: str) -> CaseCount | None:
            return optional_record(CaseCount.from_json, data.get(name))

        return cls(tuple(PropertyCheck.from_json(p) for p in data["properties"]), count("exhaustive"),
                   count("held_out"), count("shifted"), tuple(int(i) for i in data.get("passing_cases", ())),
                   count("training"))


@dataclass(frozen=True)
class Coverage:
    """coverage.py's counts for the artifact under every test and check (branch mode)."""

    statements: int
    covered_lines: int
    branches: int
    covered_branches: int

    @property
    def line_coverage(self) -> float | None:
        return self.covered_lines / self.statements if self.statements else None

    @property
    def branch_coverage(self) -> float | None:
        """Covered branches / branches; 1.0 for code without branches, as coverage.py counts it."""
        if self.branches:
            return self.covered_branches / self.branches
        return 1.0 if self.statements else None

    def to_json(self) -> dict[str, Any]:
        return {"statements": self.statements, "covered_lines": self.covered_lines, "branches": self.branches,
                "covered_branches": self.covered_branches}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Coverage":
        return cls(*(int(data[name]) for name in ("statements", "covered_lines", "branches", "covered_branches")))


@dataclass(frozen=True)
class BaselineResult:
    """The ``trust_baseline`` job's result: every test on the original, the spec checks
    (``None`` without a spec and entry), coverage, and the family's probe (opaque JSON data;
    ``None`` for a family without one). ``import_error`` or ``collect_error`` is set, and the
    rest empty, when the artifact fails on import or the tests do not collect.
    ``import_executed``: the artifact functions that ran while it was imported and its tests
    collected (a mutant in one of them needs a fresh import)."""

    tests: tuple[TestRun, ...] = ()
    spec: SpecChecks | None = None
    coverage: Coverage | None = None
    probe: Any = None
    import_error: str | None = None
    collect_error: str | None = None
    import_executed: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"tests": [t.to_json() for t in self.tests], "spec": optional_json(self.spec), "coverage": optional_json(self.coverage),
                "probe": self.probe, "import_error": self.import_error, "collect_error": self.collect_error,
                "import_executed": list(self.import_executed)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "BaselineResult":
        return cls(tuple(TestRun.from_json(t) for t in data.get("tests", ())),
                   optional_record(SpecChecks.from_json, data.get("spec")), optional_record(Coverage.from_json, data.get("coverage")),
                   data.get("probe"), data.get("import_error"), data.get("collect_error"),
                   strings(data.get("import_executed")))


@dataclass(frozen=True)
class Ready:
    """The batch collected its ``tests`` and starts: from here on the sandbox watches for silence."""

    tests: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": "ready", "tests": self.tests}


@dataclass(frozen=True)
class TestMarker:
    """The test at position ``step`` of the batch's plan starts on mutant ``mutant`` (-1: the
    mutant's fresh import): if the worker dies now, this test killed it. A position, not a
    name, keeps the stream short: a batch writes one marker per test per mutant."""

    __test__ = False
    mutant: int
    step: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": "test", "mutant": self.mutant, "step": self.step}


@dataclass(frozen=True)
class MutantResult:
    """The verdict on one mutant: killed or not, by which test (``"<import>"`` when the mutant
    does not even load) and why, how many tests ran, and the seconds it took (``None`` for a
    mutant that took the worker down, judged by the caller); ``timeout`` when the kill was a
    test running past its CPU budget (or a hang), not a test failing; ``subtest``: the subtest of
    the killing test that failed first, as pytest prints it (``[message] (i=3)``), if any;
    ``fresh``: for a mutant judged in a fresh import, how (:mod:`sva.trust.worker.fresh`: forked
    after pytest's configuration, or forked before it and why), else None."""

    mutant: int
    killed: bool
    by: str | None
    reason: str | None
    tests_run: int | None = None
    seconds: float | None = None
    timeout: bool = False
    subtest: str | None = None
    fresh: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": "mutant", "mutant": self.mutant, "killed": self.killed, "by": self.by, "reason": self.reason,
                "tests_run": self.tests_run, "seconds": self.seconds, "timeout": self.timeout,
                "subtest": self.subtest, "fresh": self.fresh}


#: What the mutant job streams, in order: one Ready, then per mutant its markers and its result.
Progress = Union[Ready, TestMarker, MutantResult]


def progress_from_json(data: Mapping[str, Any]) -> Progress:
    """One record of the mutant job's progress stream."""
    kind = data.get("kind")
    if kind == "ready":
        return Ready(int(data["tests"]))
    if kind == "test":
        return TestMarker(int(data["mutant"]), int(data["step"]))
    if kind == "mutant":
        return MutantResult(int(data["mutant"]), bool(data["killed"]), data.get("by"), data.get("reason"),
                            data.get("tests_run"), data.get("seconds"), bool(data.get("timeout", False)),
                            data.get("subtest"), data.get("fresh"))
    raise ValueError(f"not a mutant batch progress record: {dict(data)!r:.80}")


@dataclass(frozen=True)
class BatchDone:
    """The ``trust_mutants`` job's result: how many mutants it checked (the verdicts came as progress)."""

    done: int

    def to_json(self) -> dict[str, Any]:
        return {"done": self.done}

