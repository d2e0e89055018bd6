"""The trust protocol: every record that crosses the sandbox between the caller and its jobs.

The caller (:mod:`analyzer.trust.baseline`, :mod:`analyzer.trust.mutation`,
:mod:`analyzer.trust.check`) and the sandboxed jobs (:mod:`analyzer.trust.jobs`) exchange
nothing but these frozen records. Each converts itself at the boundary, ``to_json()`` on the
side that writes and ``Record.from_json(data)`` on the side that reads, so no string-keyed dict
is built in one file and read in another.

========================  ===========================  ==============================================
job                       payload (caller -> job)      result and progress (job -> caller)
========================  ===========================  ==============================================
``evaluate_cases``        :class:`CasesRequest`        one :class:`CaseOutput` per case
``trust_baseline``        :class:`WorkerRequest`       :class:`BaselineResult`
``trust_mutants``         :class:`MutantBatch`         :class:`BatchDone`; progress :data:`Progress`
========================  ===========================  ==============================================

Values the artifact produced or consumed (a case's arguments, an output, a counterexample's
expected and actual output) hold the real Python values in the records and travel in the exact
codec of :mod:`analyzer.core.values`, so a tuple, a NaN or a ``numpy.int64`` arrives as it left.
The spec family's probe (:meth:`analyzer.core.family.Family.probe`) is opaque JSON data in one
slot of :class:`BaselineResult`, read only by the family's ``judge``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Union

from analyzer.core.values import decode, encode

__all__ = ["BaselineResult", "BatchDone", "CaseCount", "CaseOutput", "CasesRequest", "CheckSettings",
           "Counterexample", "Coverage", "MutantBatch", "MutantResult", "MutantSplice", "PlanStep",
           "Progress", "PropertyCheck", "Ready", "SpecChecks", "TestMarker", "TestOutcome", "TestRun",
           "WorkerRequest", "progress_from_json"]


def _strings(items: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in items or ())


def _json(record: Any) -> Any:
    """An optional record's JSON: None stays None."""
    return None if record is None else record.to_json()


def _maybe(read: Any, data: Any) -> Any:
    """An optional record from its JSON: None stays None."""
    return None if data is None else read(data)


@dataclass(frozen=True)
class CasesRequest:
    """Call ``entry`` of ``module`` on every case (positional arguments)."""

    module: str
    entry: str
    cases: tuple[tuple[Any, ...], ...]

    def to_json(self) -> dict[str, Any]:
        return {"module": self.module, "entry": self.entry, "cases": [encode(list(case)) for case in self.cases]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "CasesRequest":
        return cls(data["module"], data["entry"], tuple(tuple(decode(case)) for case in data["cases"]))


@dataclass(frozen=True)
class CaseOutput:
    """What the entry did on one case: its ``output``, or the ``exception`` it raised (one line)."""

    output: Any = None
    exception: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"exception": self.exception} if self.exception is not None else {"output": encode(self.output)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "CaseOutput":
        if "exception" in data:
            return cls(exception=str(data["exception"]))
        return cls(output=decode(data["output"]))


@dataclass(frozen=True)
class CheckSettings:
    """How hard the worker looks: Hypothesis examples per property, shifted-domain sample size,
    and each test's time budget on the original."""

    examples: int = 100
    shifted_examples: int = 200
    test_seconds: float = 10.0

    def to_json(self) -> dict[str, Any]:
        return {"examples": self.examples, "shifted_examples": self.shifted_examples, "test_seconds": self.test_seconds}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "CheckSettings":
        return cls(int(data["examples"]), int(data["shifted_examples"]), float(data["test_seconds"]))


@dataclass(frozen=True)
class WorkerRequest:
    """What both trust jobs are told: the artifact's and the tests' file names in the sandbox
    folder, the spec and entry (or none), and the settings."""

    module: str
    tests: tuple[str, ...]
    spec: str | None
    entry: str | None
    settings: CheckSettings

    def to_json(self) -> dict[str, Any]:
        return {"module": self.module, "tests": list(self.tests), "spec": self.spec, "entry": self.entry,
                "settings": self.settings.to_json()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "WorkerRequest":
        return cls(data["module"], _strings(data.get("tests")), data.get("spec"), data.get("entry"),
                   CheckSettings.from_json(data["settings"]))


@dataclass(frozen=True)
class PlanStep:
    """One test usable on mutants: its name, its time budget on a mutant, and the artifact
    functions it executed on the original (a mutant elsewhere cannot change its verdict)."""

    name: str
    budget: float
    executed: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "budget": self.budget, "executed": list(self.executed)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PlanStep":
        return cls(data["name"], float(data["budget"]), _strings(data["executed"]))


@dataclass(frozen=True)
class MutantSplice:
    """One mutant as the worker needs it: ``replacement`` over UTF-8 bytes ``[start, end)``,
    and the function it lies in (``None``: module level, so the module code re-runs)."""

    index: int
    start: int
    end: int
    replacement: str
    function: str | None

    def apply(self, data: bytes) -> str:
        """The mutated module text, from the original's UTF-8 bytes."""
        return (data[:self.start] + self.replacement.encode("utf-8") + data[self.end:]).decode("utf-8")

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "start": self.start, "end": self.end, "replacement": self.replacement,
                "function": self.function}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "MutantSplice":
        return cls(int(data["index"]), int(data["start"]), int(data["end"]), data["replacement"],
                   data.get("function"))


@dataclass(frozen=True)
class MutantBatch:
    """The mutant job's request: the worker request, the tests in order of region size, the
    spec-test cases the original passes (indices; ``None`` without a spec), the mutants, and
    the position in ``mutants`` to start from (a resumed batch skips what it finished)."""

    request: WorkerRequest
    plan: tuple[PlanStep, ...]
    passing_cases: tuple[int, ...] | None
    mutants: tuple[MutantSplice, ...]
    start: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"request": self.request.to_json(), "plan": [step.to_json() for step in self.plan],
                "passing_cases": None if self.passing_cases is None else list(self.passing_cases),
                "mutants": [mutant.to_json() for mutant in self.mutants], "start": self.start}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "MutantBatch":
        passing = data.get("passing_cases")
        return cls(WorkerRequest.from_json(data["request"]), tuple(PlanStep.from_json(s) for s in data["plan"]),
                   None if passing is None else tuple(int(i) for i in passing),
                   tuple(MutantSplice.from_json(m) for m in data["mutants"]), int(data.get("start", 0)))


@dataclass(frozen=True)
class TestOutcome:
    """How one test went: ``passed``, ``failed``, ``skipped`` or ``timeout``, with a one-line reason."""

    __test__ = False  # not a pytest test class, whatever its name
    status: str
    reason: str | None
    seconds: float


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
                "seconds": self.outcome.seconds, "direct": list(self.direct), "executed": list(self.executed)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "TestRun":
        outcome = TestOutcome(data["status"], data.get("reason"), float(data["seconds"]))
        return cls(data["name"], data["kind"], outcome, _strings(data["direct"]), _strings(data["executed"]))


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
        return cls({name: decode(value) for name, value in data["args"].items()}, data.get("property"),
                   decode(data.get("expected")), decode(data.get("got")))


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
        return {"name": self.name, "passed": self.passed, "counterexample": _json(self.counterexample),
                "reason": self.reason, "examples": self.examples}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PropertyCheck":
        return cls(data["name"], bool(data["passed"]), _maybe(Counterexample.from_json, data.get("counterexample")),
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
                "reason": self.reason, "first_failure": _json(self.first_failure)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "CaseCount":
        return cls(int(data["cases"]), int(data["tried"]), int(data["passed"]), int(data["failures"]),
                   data.get("reason"), _maybe(Counterexample.from_json, data.get("first_failure")))


@dataclass(frozen=True)
class SpecChecks:
    """The spec checks: each property through Hypothesis, the exhaustive check of a finite
    domain, the held-out and shifted counts (``None`` where the spec has none), and the
    indices of the spec test's cases the original passes (the mutants' spec test uses those)."""

    properties: tuple[PropertyCheck, ...]
    exhaustive: CaseCount | None
    held_out: CaseCount | None
    shifted: CaseCount | None
    passing_cases: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"properties": [p.to_json() for p in self.properties], "exhaustive": _json(self.exhaustive),
                "held_out": _json(self.held_out), "shifted": _json(self.shifted),
                "passing_cases": list(self.passing_cases)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "SpecChecks":
        return cls(tuple(PropertyCheck.from_json(p) for p in data["properties"]),
                   *(_maybe(CaseCount.from_json, data.get(name)) for name in ("exhaustive", "held_out", "shifted")),
                   tuple(int(i) for i in data.get("passing_cases", ())))


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
    rest empty, when the artifact fails on import or the tests do not collect."""

    tests: tuple[TestRun, ...] = ()
    spec: SpecChecks | None = None
    coverage: Coverage | None = None
    probe: Any = None
    import_error: str | None = None
    collect_error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"tests": [t.to_json() for t in self.tests], "spec": _json(self.spec), "coverage": _json(self.coverage),
                "probe": self.probe, "import_error": self.import_error, "collect_error": self.collect_error}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "BaselineResult":
        return cls(tuple(TestRun.from_json(t) for t in data.get("tests", ())),
                   _maybe(SpecChecks.from_json, data.get("spec")), _maybe(Coverage.from_json, data.get("coverage")),
                   data.get("probe"), data.get("import_error"), data.get("collect_error"))


@dataclass(frozen=True)
class Ready:
    """The batch collected its ``tests`` and starts: from here on the sandbox watches for silence."""

    tests: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": "ready", "tests": self.tests}


@dataclass(frozen=True)
class TestMarker:
    """Test ``test`` starts on mutant ``mutant``: if the worker dies now, this test killed it."""

    __test__ = False
    mutant: int
    test: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": "test", "mutant": self.mutant, "test": self.test}


@dataclass(frozen=True)
class MutantResult:
    """The verdict on one mutant: killed or not, by which test (``"<import>"`` when the mutant
    does not even load) and why, how many tests ran, and the seconds it took (``None`` for a
    mutant that took the worker down, judged by the caller)."""

    mutant: int
    killed: bool
    by: str | None
    reason: str | None
    tests_run: int | None = None
    seconds: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": "mutant", "mutant": self.mutant, "killed": self.killed, "by": self.by, "reason": self.reason,
                "tests_run": self.tests_run, "seconds": self.seconds}


#: What the mutant job streams, in order: one Ready, then per mutant its markers and its result.
Progress = Union[Ready, TestMarker, MutantResult]


def progress_from_json(data: Mapping[str, Any]) -> Progress:
    """One record of the mutant job's progress stream."""
    kind = data.get("kind")
    if kind == "ready":
        return Ready(int(data["tests"]))
    if kind == "test":
        return TestMarker(int(data["mutant"]), data["test"])
    if kind == "mutant":
        return MutantResult(int(data["mutant"]), bool(data["killed"]), data.get("by"), data.get("reason"),
                            data.get("tests_run"), data.get("seconds"))
    raise ValueError(f"not a mutant batch progress record: {dict(data)!r:.80}")


@dataclass(frozen=True)
class BatchDone:
    """The ``trust_mutants`` job's result: how many mutants it checked (the verdicts came as progress)."""

    done: int

    def to_json(self) -> dict[str, Any]:
        return {"done": self.done}
