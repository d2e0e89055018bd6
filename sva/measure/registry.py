"""The registry of measurements: the CLI, the JSON output and the report discover metrics here.

A measurement is a pure function from :class:`~sva.measure.analysis.ModuleFacts` to a frozen
dataclass record whose field names are the metric names. Adding a metric
means adding a module to :mod:`sva.measure.metrics` that decorates its function with
:func:`register`; nothing else changes: every module of that package is imported on first use.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any, Callable

__all__ = ["Measurement", "register", "measurements", "metric_fields", "measure_all"]


@dataclass(frozen=True)
class Measurement:
    """One registered measurement: its name, record type, function and display order."""

    name: str
    record: type
    compute: Callable[[Any], Any]
    order: int
    summary: str

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(self.record))


_REGISTRY: dict[str, Measurement] = {}
_loaded = False


def register(name: str, record: type, order: int = 100) -> Callable[[Callable], Callable]:
    """Decorator: register ``fn(facts) -> record`` under ``name`` (shown in ``order``)."""

    def decorate(fn: Callable) -> Callable:
        summary = (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else name
        _REGISTRY[name] = Measurement(name, record, fn, order, summary)
        return fn

    return decorate


def _load() -> None:
    global _loaded
    if _loaded:
        return
    package = importlib.import_module("sva.measure.metrics")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{info.name}")
    _loaded = True


def measurements() -> tuple[Measurement, ...]:
    """Every registered measurement, in display order."""
    _load()
    return tuple(sorted(_REGISTRY.values(), key=lambda m: (m.order, m.name)))


def metric_fields() -> tuple[str, ...]:
    """Every metric field name, in display order (the keys of ``metrics`` in the JSON)."""
    return tuple(name for m in measurements() for name in m.fields)


def measure_all(facts: Any) -> dict[str, Any]:
    """Run every measurement on ``facts``; one flat dict of metric name to value."""
    out: dict[str, Any] = {}
    for m in measurements():
        out.update(dataclasses.asdict(m.compute(facts)))
    return out
