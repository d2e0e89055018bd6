"""The registry of spec families: the only place the core learns which families exist.

Built in: every package under ``sva/families/`` listed in :data:`BUILTIN`. More come from
the environment variable ``SVA_FAMILIES``: a comma-separated list of importable module names,
each with a ``FAMILY`` attribute (a :class:`~sva.core.family.Family`), e.g.
``SVA_FAMILIES=myfamily`` with ``myfamily/`` on ``PYTHONPATH``. The variable reaches every
process the tool starts (experiment workers and the sandbox, which is told where each such
module lives), so a family outside this package works everywhere a built-in one does.

Public API: :func:`all_families`, :func:`get_family`, :func:`family_of`, :func:`all_specs`,
:func:`get_spec`, :func:`spec_names`, :func:`plugin_paths`.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from pathlib import Path

from sva.core.family import Family
from sva.core.spec import Spec
from sva.errors import UsageError

__all__ = ["BUILTIN", "ENV", "all_families", "all_specs", "family_of", "get_family", "get_spec",
           "plugin_paths", "spec_names"]

#: The built-in families' modules, in listing order.
BUILTIN = ("sva.families.boolean", "sva.families.sorting", "sva.families.feynman",
           "sva.families.psb")
#: The environment variable naming more family modules.
ENV = "SVA_FAMILIES"


def _modules() -> tuple[str, ...]:
    extra = tuple(name.strip() for name in os.environ.get(ENV, "").split(",") if name.strip())
    return BUILTIN + tuple(name for name in extra if name not in BUILTIN)


@lru_cache(maxsize=None)
def _load(modules: tuple[str, ...]) -> tuple[dict[str, Family], dict[str, Spec], tuple[str, ...]]:
    families: dict[str, Family] = {}
    specs: dict[str, Spec] = {}
    roots: list[str] = []
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            raise UsageError(f"{ENV}: cannot import family module {module_name!r}: {error}; "
                             f"put its folder on PYTHONPATH") from None
        family = getattr(module, "FAMILY", None)
        if not isinstance(family, Family):
            raise UsageError(f"{ENV}: module {module_name!r} has no FAMILY (a Family instance)")
        if family.name in families:
            raise UsageError(f"two families are named {family.name!r} ({module_name})")
        families[family.name] = family
        if module_name not in BUILTIN:
            roots.append(_root(module_name, module.__file__))
        for spec in family.specs():
            if spec.family != family.name:
                raise UsageError(f"spec {spec.name!r} of family {family.name!r} says family {spec.family!r}")
            if spec.name in specs:
                raise UsageError(f"two specs are named {spec.name!r}")
            specs[spec.name] = spec
    return families, specs, tuple(dict.fromkeys(roots))


def _root(module_name: str, file: str | None) -> str:
    """The folder that must be on ``sys.path`` to import ``module_name`` from ``file``."""
    path = Path(file or ".").resolve()
    depth = module_name.count(".") + (1 if path.name == "__init__.py" else 0)
    root = path.parent
    for _ in range(depth):
        root = root.parent
    return str(root)


def _registry() -> tuple[dict[str, Family], dict[str, Spec], tuple[str, ...]]:
    return _load(_modules())


def all_families() -> tuple[Family, ...]:
    """Every registered family, in registration order."""
    return tuple(_registry()[0].values())


def get_family(name: str) -> Family:
    """The family called ``name``; a :class:`UsageError` naming the known ones otherwise."""
    families = _registry()[0]
    try:
        return families[name]
    except (KeyError, TypeError):
        raise UsageError(f"unknown spec family {name!r}; known families: {', '.join(families)}") from None


def family_of(spec: Spec) -> Family:
    """The family a spec belongs to."""
    return get_family(spec.family)


def all_specs() -> tuple[Spec, ...]:
    """Every registered spec, family by family, in registration order."""
    return tuple(_registry()[1].values())


def spec_names() -> tuple[str, ...]:
    """The names of every registered spec."""
    return tuple(_registry()[1])


def get_spec(name: str) -> Spec:
    """The spec called ``name``; a :class:`UsageError` naming the known specs otherwise."""
    try:
        return _registry()[1][name]
    except (KeyError, TypeError):
        raise UsageError(f"unknown spec {name!r}; known specs: {', '.join(spec_names())} "
                         f"(see 'sva specs')") from None


def plugin_paths() -> dict[str, str]:
    """What a child process needs to load the same families: ``{ENV: modules, "path": roots}``
    for the families that come from outside this package (empty when there are none)."""
    extra = [name for name in _modules() if name not in BUILTIN]
    if not extra:
        return {}
    return {ENV: ",".join(extra), "SVA_FAMILY_PATH": os.pathsep.join(_registry()[2])}
