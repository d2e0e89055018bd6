"""Helpers the protocol's records share to read and write their JSON (private to the package)."""

from __future__ import annotations

from typing import Any


def strings(items: Any) -> tuple[str, ...]:
    """A list of names from JSON as a tuple of str (an absent list: empty)."""
    return tuple(str(item) for item in items or ())


def optional_json(record: Any) -> Any:
    """An optional record's JSON: None stays None."""
    return None if record is None else record.to_json()


def optional_record(read: Any, data: Any) -> Any:
    """An optional record from its JSON: None stays None."""
    return None if data is None else read(data)

