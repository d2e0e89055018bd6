"""The trust protocol's requests: what the caller tells a sandboxed job (caller -> job).

Every record converts itself at the boundary (``to_json`` on the caller's side,
``from_json`` in the job); artifact values travel in the exact codec of
:mod:`sva.core.values`. The table of jobs is in :mod:`sva.trust.protocol` (the package).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sva.core.values import decode, encode
from sva.trust.protocol._json import strings

__all__ = ["CheckSettings", "WorkerRequest", "PlanStep", "MutantSplice", "MutantBatch"]

# The JSON keys of a mutant's shipped code and of what compiled it: over 20 characters, as
# Hypothesis's scan of the tool's loaded modules for constants to draw from skips such strings
# (a new short one would change the examples a design contract draws in the sandbox).
_CODE = "compiled_module_code_b64"
_CODE_TAG = "compiled_under_interpreter"


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
    """What both trust jobs are told: the artifact's and the tests' paths in the sandbox
    folder, the spec and entry (or none), the settings, and how the artifact is imported: by
    ``module_name`` (``pkg.mod``; None: by its file name) with ``import_root`` on ``sys.path``."""

    module: str
    tests: tuple[str, ...]
    spec: str | None
    entry: str | None
    settings: CheckSettings
    module_name: str | None = None
    import_root: str = "."

    def to_json(self) -> dict[str, Any]:
        return {"module": self.module, "tests": list(self.tests), "spec": self.spec, "entry": self.entry,
                "settings": self.settings.to_json(), "module_name": self.module_name,
                "import_root": self.import_root}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "WorkerRequest":
        return cls(data["module"], strings(data.get("tests")), data.get("spec"), data.get("entry"),
                   CheckSettings.from_json(data["settings"]), data.get("module_name"), data.get("import_root", "."))


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
        return cls(data["name"], float(data["budget"]), strings(data["executed"]))


@dataclass(frozen=True)
class MutantSplice:
    """One mutant as the worker needs it: ``replacement`` over UTF-8 bytes ``[start, end)``,
    the function it lies in (``None``: module level), and whether it needs a ``fresh`` import
    (its effect happens at import time, so swapping code into the live module cannot show it:
    :mod:`sva.trust.worker.fresh`), and, for one swapped in, its module ``code`` as the caller
    compiled it (:func:`sva.trust.worker.swap.pack`; None: the worker compiles it)."""

    index: int
    start: int
    end: int
    replacement: str
    function: str | None
    fresh: bool = False
    code: str | None = None

    def apply(self, data: bytes) -> str:
        """The mutated module text, from the original's UTF-8 bytes."""
        return (data[:self.start] + self.replacement.encode("utf-8") + data[self.end:]).decode("utf-8")

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "start": self.start, "end": self.end, "replacement": self.replacement,
                "function": self.function, "fresh": self.fresh, **({_CODE: self.code} if self.code else {})}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "MutantSplice":
        return cls(int(data["index"]), int(data["start"]), int(data["end"]), data["replacement"],
                   data.get("function"), bool(data.get("fresh", False)), data.get(_CODE))


@dataclass(frozen=True)
class MutantBatch:
    """The mutant job's request: the worker request, the tests in order of region size, the
    spec-test cases the original passes (indices; ``None`` without a spec), the mutants, and
    the position in ``mutants`` to start from (a resumed batch skips what it finished), and the
    name of every test on the original (``known``: a fresh import that collects a test by
    another name, from a ``parametrize`` table built of the module's data, runs it too), and
    ``code_tag``: what compiled the mutants' ``code`` (:func:`sva.trust.worker.swap.code_tag`; a
    worker whose own differs compiles each mutant itself)."""

    request: WorkerRequest
    plan: tuple[PlanStep, ...]
    passing_cases: tuple[int, ...] | None
    mutants: tuple[MutantSplice, ...]
    start: int = 0
    known: tuple[str, ...] = ()
    code_tag: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"request": self.request.to_json(), "plan": [step.to_json() for step in self.plan],
                "passing_cases": None if self.passing_cases is None else list(self.passing_cases),
                "mutants": [mutant.to_json() for mutant in self.mutants], "start": self.start,
                "known": list(self.known), _CODE_TAG: self.code_tag}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "MutantBatch":
        passing = data.get("passing_cases")
        return cls(WorkerRequest.from_json(data["request"]), tuple(PlanStep.from_json(s) for s in data["plan"]),
                   None if passing is None else tuple(int(i) for i in passing),
                   tuple(MutantSplice.from_json(m) for m in data["mutants"]), int(data.get("start", 0)),
                   tuple(str(name) for name in data.get("known", ())), data.get(_CODE_TAG))

