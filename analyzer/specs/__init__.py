"""Specs: engineering problems that every generator solves and every check reads.

Public API: :class:`Spec`, :class:`Property`, :class:`Domain`, :func:`get_spec`,
:func:`spec_names`, :func:`all_specs`. A family registers its specs in ``_FAMILIES``; the CLI and
the experiment discover them from here without edits.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from analyzer.errors import UsageError
from analyzer.specs.boolean import boolean_specs
from analyzer.specs.model import Case, Domain, Property, Spec
from analyzer.specs.sorting import sorting_specs

__all__ = ["Case", "Domain", "Property", "Spec", "all_specs", "get_spec", "spec_names"]

#: Each family contributes a zero-argument function returning its specs.
_FAMILIES: tuple[Callable[[], tuple[Spec, ...]], ...] = (boolean_specs, sorting_specs)


@lru_cache(maxsize=None)
def _registry() -> dict[str, Spec]:
    registry: dict[str, Spec] = {}
    for family in _FAMILIES:
        for spec in family():
            if spec.name in registry:
                raise RuntimeError(f"two specs are named {spec.name!r}")
            registry[spec.name] = spec
    return registry


def all_specs() -> tuple[Spec, ...]:
    """Every registered spec, in registration order."""
    return tuple(_registry().values())


def spec_names() -> tuple[str, ...]:
    """The names of every registered spec."""
    return tuple(_registry())


def get_spec(name: str) -> Spec:
    """The spec called ``name``; a :class:`UsageError` naming the known specs otherwise."""
    try:
        return _registry()[name]
    except (KeyError, TypeError):
        known = ", ".join(spec_names())
        raise UsageError(f"unknown spec {name!r}; known specs: {known} (see 'sva specs')") from None
