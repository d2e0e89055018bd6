"""The records of the sandbox's own ``evaluate_cases`` job (:mod:`sva.sandbox.jobs`), and the
bound on an artifact's value that a report or the results database keeps (:func:`bounded`).

The caller (:func:`sva.sandbox.cases.check_cases`) sends a :class:`CasesRequest`; the job sends
back one :class:`CaseOutput` per case. Each converts itself at the boundary (``to_json`` on the
side that writes, ``from_json`` on the side that reads); artifact values travel in the exact
codec of :mod:`sva.core.values`, so a tuple stays a tuple and a NaN a NaN. The trust jobs' records
live in :mod:`sva.trust.protocol`.

A counterexample is a value, not a file dump: whatever an artifact returns reaches the report
a researcher shares, so :func:`bounded` caps each value the caller keeps from a job (a
counterexample's arguments, expected and actual output; a family's counterexample record) at
:data:`STORED_CHARACTERS` = 1,000 characters. A value is kept as itself when its JSON text or its
``repr`` has at most 1,000 characters; else as the codec's ``repr`` form (decoded as an
``Opaque``) of the first 1,000 characters of its ``repr``, with a marker saying how many were
cut. A record (a JSON object that is no value of the codec) keeps its fields, each bounded
alike. Worked example: an
artifact that returns a 1 MB text ``'x' * 10**6`` is kept as
``{"repr": "'xxx...x' [999,003 more characters cut]", "type": "str"}`` (1,000 characters of
``repr(value)`` before the marker); ``[1, 2]`` is kept as itself. The caller applies the bound
(the child runs the artifact, which could change anything the child does).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Mapping

from sva.core.values import decode, encode

__all__ = ["STORED_CHARACTERS", "CaseOutput", "CasesRequest", "bounded"]

#: The most characters of an artifact's value a report or the database keeps (:func:`bounded`).
STORED_CHARACTERS = 1000


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


def bounded(data: Any) -> Any:
    """JSON data ``data`` (a value of the codec, or a family's record of them) as a report or
    the database may keep it: itself when its JSON text or its value's ``repr`` has at most
    :data:`STORED_CHARACTERS` characters; a record with each field bounded; else the ``repr``
    form of its first characters, with a marker saying how many were cut (module docstring)."""
    try:
        if len(json.dumps(data, ensure_ascii=False)) <= STORED_CHARACTERS:
            return data
    except (ValueError, TypeError, RecursionError):
        pass
    try:
        value: Any = decode(data)
        text, kind = repr(value), type(value).__name__
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, ImportError, RecursionError):
        if isinstance(data, dict):
            return {key: bounded(item) for key, item in data.items()}
        text, kind = _json_text(data), "json"
    if len(text) <= STORED_CHARACTERS:
        return encode(value) if kind != "json" else data
    return {"repr": f"{text[:STORED_CHARACTERS]} [{len(text) - STORED_CHARACTERS:,} more characters cut]", "type": kind}


def _json_text(data: Any) -> str:
    try:
        return json.dumps(data, ensure_ascii=False)
    except (ValueError, TypeError, RecursionError):
        return repr(data)

