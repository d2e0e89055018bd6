"""Artifact outputs as JSON data, for the one process boundary (the sandbox) and the database.

:func:`jsonable` is what a sandboxed job does with an artifact's output before it is written:
JSON scalars stay as they are, tuples and lists become lists, anything else becomes a record
of its ``repr`` and type name.
"""

from __future__ import annotations

from typing import Any


def jsonable(value: Any) -> Any:
    """JSON data for an artifact's output: tuples become lists, unknown types their repr."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (tuple, list)):
        return [jsonable(item) for item in value]
    return {"repr": repr(value)[:200], "type": type(value).__name__}
