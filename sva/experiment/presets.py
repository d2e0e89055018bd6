"""Experiment presets: read from ``presets.toml`` beside this module, never coded as branches.

A :class:`Preset` says which cells to run (specs x generators x seeds), how many worker
processes, how long one cell may take, how hard the trust evaluator looks, and the generator
settings that differ from each generator's defaults per spec family. ``sva run`` flags
override a preset's fields through :meth:`Preset.with_overrides`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from sva.errors import UsageError, os_reason
from sva.generate import get_generator
from sva.families import get_spec, spec_names

PRESETS_FILE = Path(__file__).with_name("presets.toml")

_TRUST_KEYS = {"examples": int, "shifted_examples": int, "test_seconds": float, "mutate": bool}


@dataclass(frozen=True)
class Preset:
    """One experiment configuration (see ``presets.toml`` for the meaning of each field)."""

    name: str
    description: str
    specs: tuple[str, ...] | None  #: None: every registered spec
    generators: tuple[str, ...]
    seeds: int
    workers: int  #: 0: one per core
    cell_seconds: float
    trust: Mapping[str, Any] = field(default_factory=dict)
    settings: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)

    def spec_names(self) -> tuple[str, ...]:
        """The spec names this preset runs, checked against the registry."""
        if self.specs is None:
            return spec_names()
        return tuple(get_spec(name).name for name in self.specs)

    def worker_count(self) -> int:
        """Worker processes to start: ``workers``, or the number of cores when it is 0."""
        return self.workers or max(1, os.cpu_count() or 1)

    def generator_settings(self, generator: str, family: str) -> dict[str, Any]:
        """The overrides of ``generator``'s configuration on specs of ``family``."""
        return dict(self.settings.get(generator, {}).get(family, {}))

    def with_overrides(self, *, specs: tuple[str, ...] | None = None, generators: tuple[str, ...] | None = None,
                       seeds: int | None = None, workers: int | None = None) -> "Preset":
        """This preset with the fields a command line gave replaced."""
        changes: dict[str, Any] = {}
        if specs is not None:
            changes["specs"] = specs
        if generators is not None:
            changes["generators"] = generators
        if seeds is not None:
            changes["seeds"] = seeds
        if workers is not None:
            changes["workers"] = workers
        return _checked(replace(self, **changes))


def _checked(preset: Preset) -> Preset:
    """``preset`` itself once its numbers, names and trust settings are valid; a
    :class:`UsageError` naming the preset and the bad field otherwise."""
    where = f"preset {preset.name!r}"
    _check_numbers(preset, where)
    _check_names(preset, where)
    for key, value in preset.trust.items():
        _check_trust_setting(key, value, where)
    for generator in preset.settings:
        get_generator(generator)
    return preset


def _check_numbers(preset: Preset, where: str) -> None:
    if isinstance(preset.seeds, bool) or not isinstance(preset.seeds, int) or preset.seeds < 1:
        raise UsageError(f"{where}: expected seeds to be an int >= 1, got seeds={preset.seeds!r}")
    if isinstance(preset.workers, bool) or not isinstance(preset.workers, int) or preset.workers < 0:
        raise UsageError(f"{where}: expected workers to be an int >= 0, got workers={preset.workers!r}")
    if not isinstance(preset.cell_seconds, (int, float)) or preset.cell_seconds <= 0:
        raise UsageError(f"{where}: expected cell_seconds > 0, got cell_seconds={preset.cell_seconds!r}")


def _check_names(preset: Preset, where: str) -> None:
    """The generators named must exist; the specs, if listed, be some."""
    if not preset.generators:
        raise UsageError(f"{where}: names no generator")
    for name in preset.generators:
        get_generator(name)
    if preset.specs is not None and not preset.specs:
        raise UsageError(f"{where}: names no spec")


def _check_trust_setting(key: str, value: Any, where: str) -> None:
    kind = _TRUST_KEYS.get(key)
    if kind is None:
        raise UsageError(f"{where}: unknown trust setting {key!r}; known: {', '.join(sorted(_TRUST_KEYS))}")
    if kind is bool:
        valid = isinstance(value, bool)
    else:
        valid = not isinstance(value, bool) and isinstance(value, (int, float)) and value > 0
    if not valid:
        raise UsageError(f"{where}: trust setting {key}={value!r} must be a "
                         f"{'true/false' if kind is bool else 'positive number'}")


def _preset(name: str, table: Mapping[str, Any]) -> Preset:
    specs = table.get("specs", "all")
    try:
        return _checked(Preset(
            name=name,
            description=str(table.get("description", "")),
            specs=None if specs == "all" else tuple(specs),
            generators=tuple(table.get("generators", ("design", "search"))),
            seeds=table.get("seeds", 1),
            workers=table.get("workers", 0),
            cell_seconds=table.get("cell_seconds", 600),
            trust=dict(table.get("trust", {})),
            settings={generator: {family: dict(values) for family, values in families.items()}
                      for generator, families in table.get("settings", {}).items()},
        ))
    except TypeError as error:
        raise UsageError(f"preset {name!r} in {PRESETS_FILE}: {error}") from None


def load_presets(path: Path = PRESETS_FILE) -> dict[str, Preset]:
    """Every preset in ``path``, by name."""
    try:
        tables = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"{path}: cannot read the presets: {os_reason(error)}") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: cannot read the presets: {error}") from None
    return {name: _preset(name, table) for name, table in tables.items()}


def get_preset(name: str) -> Preset:
    """The preset called ``name``; a :class:`UsageError` naming the known ones otherwise."""
    presets = load_presets()
    try:
        return presets[name]
    except KeyError:
        raise UsageError(f"unknown preset {name!r}; known presets: {', '.join(presets)}") from None
