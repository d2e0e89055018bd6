"""The records of the sandbox's own ``evaluate_cases`` job (:mod:`sva.sandbox.jobs`).

The caller (:func:`sva.sandbox.cases.check_cases`) sends a :class:`CasesRequest`; the job sends
back one :class:`CaseOutput` per case. Each converts itself at the boundary (``to_json`` on the
side that writes, ``from_json`` on the side that reads); artifact values travel in the exact
codec of :mod:`sva.core.values`, so a tuple stays a tuple and a NaN a NaN. The trust jobs' records
live in :mod:`sva.trust.protocol`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sva.core.values import decode, encode

__all__ = ["CaseOutput", "CasesRequest"]


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
