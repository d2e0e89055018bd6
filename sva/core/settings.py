"""Checking a generator's settings: one home for the checks every search configuration needs.

Each function reads ``config[key]`` and returns it as the right type, or raises a
:class:`~sva.errors.UsageError` that names the setting, the value and what it must be.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

from sva.errors import UsageError


def integer(config: Mapping[str, Any], key: str, minimum: int) -> int:
    """An int (not a bool) at least ``minimum``."""
    value = config[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise UsageError(f"search setting {key}={value!r} must be an int >= {minimum}")
    return value


def number(config: Mapping[str, Any], key: str, low: float = 0.0, high: float = 1.0) -> float:
    """A finite number in ``[low, high]`` (a probability by default)."""
    value = config[key]
    if (isinstance(value, bool) or not isinstance(value, (int, float))
            or not math.isfinite(value) or not low <= value <= high):
        raise UsageError(f"search setting {key}={value!r} must be a number in [{low:g}, {high:g}]")
    return float(value)


def flag(config: Mapping[str, Any], key: str) -> bool:
    """``true`` or ``false``."""
    value = config[key]
    if not isinstance(value, bool):
        raise UsageError(f"search setting {key}={value!r} must be true or false")
    return value


def merge_config(defaults: Mapping[str, Any], overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """``defaults`` updated by ``overrides``; an unknown key is a :class:`UsageError`."""
    merged = dict(defaults)
    for key, value in (overrides or {}).items():
        if key not in defaults:
            raise UsageError(f"unknown configuration key {key!r}; known keys: {', '.join(sorted(defaults))}")
        merged[key] = value
    return merged

