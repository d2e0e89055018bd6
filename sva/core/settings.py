"""A generator's settings, declared once and checked once.

A family declares each setting of a generator as a :class:`Setting` (its name, its default,
what kind of value it takes and the bounds) and gathers them in a :class:`Schema` with the
rules between settings (a minimum that must not exceed its maximum, elites fewer than the
population). :meth:`Schema.defaults` is the configuration used when the caller gives none;
:meth:`Schema.check` reads a configuration and returns every declared value as the right type,
or raises a :class:`~sva.errors.UsageError` that names the setting, the value and what it must
be (``search setting population_size=1 must be an int >= 2``). :func:`merge_config` lays a
caller's overrides over the defaults, refusing a key that is not a setting.

Worked example: ``Schema((whole("generations", 50, 0), fraction("mutation_probability", 0.1)))``
has the defaults ``{"generations": 50, "mutation_probability": 0.1}``; checking
``{"generations": 50, "mutation_probability": 2}`` refuses with
``search setting mutation_probability=2 must be a number in [0, 1]``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

from sva.errors import UsageError

__all__ = ["Schema", "Setting", "choice", "flag", "fraction", "integer", "merge_config", "number",
           "parsimony_schema", "switch",
           "whole"]


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


@dataclass(frozen=True)
class Setting:
    """One setting: its ``name``, its ``default`` and what a value must be. ``kind`` is
    ``"int"`` (at least ``low``), ``"number"`` (in ``[low, high]``), ``"flag"`` (true or false)
    or ``"choice"`` (one of ``choices``; ``refusal`` says why another is refused, when the
    list alone would not)."""

    name: str
    default: Any
    kind: str
    low: float = 0.0
    high: float = 1.0
    choices: tuple[str, ...] = ()
    refusal: str | None = None

    def check(self, config: Mapping[str, Any]) -> Any:
        """The setting's value in ``config`` as the right type, or a :class:`UsageError`."""
        if self.kind == "int":
            return integer(config, self.name, int(self.low))
        if self.kind == "number":
            return number(config, self.name, self.low, self.high)
        if self.kind == "flag":
            return flag(config, self.name)
        value = config[self.name]
        if value not in self.choices:
            why = self.refusal or f"must be one of {', '.join(self.choices)}"
            raise UsageError(f"search setting {self.name}={value!r}{'' if self.refusal else ' '}{why}")
        return value


def whole(name: str, default: int, minimum: int) -> Setting:
    """An int setting of at least ``minimum``."""
    return Setting(name, default, "int", low=minimum)


def fraction(name: str, default: float, low: float = 0.0, high: float = 1.0) -> Setting:
    """A number setting in ``[low, high]`` (a probability by default)."""
    return Setting(name, default, "number", low=low, high=high)


def switch(name: str, default: bool) -> Setting:
    """A true-or-false setting."""
    return Setting(name, default, "flag")


def choice(name: str, default: str, choices: Sequence[str], refusal: str | None = None) -> Setting:
    """A setting that is one of ``choices``; ``refusal`` (``": a network is not a formula ..."``)
    replaces the list in the refusal when given."""
    return Setting(name, default, "choice", choices=tuple(choices), refusal=refusal)


@dataclass(frozen=True)
class Schema:
    """A generator's settings, in the order of its configuration, and the rules between them:
    each pair of ``ordered`` is (a minimum, its maximum), each pair of ``smaller`` (a count, the
    count it must stay under)."""

    settings: tuple[Setting, ...]
    ordered: tuple[tuple[str, str], ...] = ()
    smaller: tuple[tuple[str, str], ...] = ()

    def defaults(self) -> dict[str, Any]:
        """Every setting's default, by name, in declaration order (JSON-able)."""
        return {setting.name: setting.default for setting in self.settings}

    def check(self, config: Mapping[str, Any]) -> dict[str, Any]:
        """Every declared setting of ``config`` checked and typed; the first bad value refused."""
        values = {setting.name: setting.check(config) for setting in self.settings}
        for low, high in self.ordered:
            if values[low] > values[high]:
                raise UsageError(f"search setting {low}={values[low]!r} exceeds {high}={values[high]!r}")
        for count, limit in self.smaller:
            if values[count] >= values[limit]:
                raise UsageError(f"search setting {count}={values[count]!r} must be smaller than "
                                 f"{limit}={values[limit]!r}")
        return values

    def only(self, names: Sequence[str], **minimums: int) -> "Schema":
        """The settings named in ``names`` (in this schema's order) and the rules among them;
        ``minimums`` replaces the lower bound of the int settings it names."""
        kept = tuple(replace(setting, low=minimums[setting.name]) if setting.name in minimums else setting
                     for setting in self.settings if setting.name in names)
        return Schema(kept, tuple(pair for pair in self.ordered if set(pair) <= set(names)),
                      tuple(pair for pair in self.smaller if set(pair) <= set(names)))

    def plus(self, *settings: Setting) -> "Schema":
        """This schema with ``settings`` added after its own."""
        return Schema(self.settings + settings, self.ordered, self.smaller)


def parsimony_schema(search: Schema, shared: Sequence[str], tolerance_high: float,
                     objectives: Sequence[str] = ("size",), refusal: str | None = None) -> Schema:
    """The settings of a family's ``search-parsimony``: those of its ``search`` named in
    ``shared`` (every int at least 0, the population at least 4, NSGA-II's pairing in fours),
    then the selection (nsga2 only), the size ``objective`` (one of ``objectives``; ``refusal``
    says why another is refused) and the choice rule's error ``tolerance`` in
    ``[0, tolerance_high]``."""
    minimums = {setting.name: 0 for setting in search.settings if setting.kind == "int"}
    return search.only(shared, **{**minimums, "population_size": 4}).plus(
        choice("selection", "nsga2", ("nsga2",), ": search-parsimony selects by nsga2"),
        choice("objective", "size", objectives, refusal),
        fraction("tolerance", 0.0, 0.0, tolerance_high))


def merge_config(defaults: Mapping[str, Any], overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """``defaults`` updated by ``overrides``; an unknown key is a :class:`UsageError`."""
    merged = dict(defaults)
    for key, value in (overrides or {}).items():
        if key not in defaults:
            raise UsageError(f"unknown configuration key {key!r}; known keys: {', '.join(sorted(defaults))}")
        merged[key] = value
    return merged
