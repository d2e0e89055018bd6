"""The registry of spec families: the only place the core learns which families exist.

Built in: every package under ``sva/families/`` listed in :data:`BUILTIN`. More come from
the environment variable ``SVA_FAMILIES``: a comma-separated list of importable module names,
each with a ``FAMILY`` attribute (a :class:`~sva.core.family.Family`), e.g.
``SVA_FAMILIES=myfamily`` with ``myfamily/`` on ``PYTHONPATH``. The variable reaches every
process the tool starts (experiment workers and the sandbox, which is told where each such
module lives), so a family outside this package works everywhere a built-in one does.

Public API: :func:`all_families`, :func:`get_family`, :func:`family_of`, :func:`all_specs`,
:func:`get_spec`, :func:`spec_names`, :func:`plugin_paths`.

Specs are built lazily: loading the registry imports every family and asks each for its spec
names (:meth:`~sva.core.family.Family.spec_names`); a spec is built on its first lookup. So
:func:`spec_names` and :func:`get_spec` of one Feynman spec build one spec, not 120 (each
evaluating its formula on 1,200 points, about half a second in all); :func:`all_specs` builds
them all. The modules loaded are the same either way (a family's names come from the module
that builds its specs), which matters inside the sandbox: Hypothesis draws from the constants
of every local module loaded.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
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


@dataclass(frozen=True)
class _Registry:
    """The registered families by name, the family of each spec name (in listing order), and
    the folders of the families from outside the package. Specs are not built here: each is
    built by its family on first lookup (:func:`_spec`), so a process that needs one Feynman
    spec does not build all 120."""

    families: dict[str, Family]
    owners: dict[str, Family]
    roots: tuple[str, ...]


@lru_cache(maxsize=None)
def _load(modules: tuple[str, ...]) -> _Registry:
    families: dict[str, Family] = {}
    owners: dict[str, Family] = {}
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
        for name in _names(family):
            if name in owners:
                raise UsageError(f"two specs are named {name!r}")
            owners[name] = family
    return _Registry(families, owners, tuple(dict.fromkeys(roots)))


def _lazy(family: Family) -> bool:
    """Whether the family builds a spec on its own (overrides :meth:`Family.spec`)."""
    return type(family).spec is not Family.spec


@lru_cache(maxsize=None)
def _listed(family: Family) -> dict[str, Spec]:
    """Every spec of a family that builds them all at once, by name, built once a process."""
    return {spec.name: spec for spec in family.specs()}


def _names(family: Family) -> tuple[str, ...]:
    return family.spec_names() if _lazy(family) else tuple(_listed(family))


@lru_cache(maxsize=None)
def _spec(family: Family, name: str) -> Spec:
    """Spec ``name``, built by ``family`` on first use, checked to say its own name and family."""
    spec = family.spec(name) if _lazy(family) else _listed(family)[name]
    if spec.name != name:
        raise UsageError(f"family {family.name!r} lists spec {name!r} but builds {spec.name!r}")
    if spec.family != family.name:
        raise UsageError(f"spec {spec.name!r} of family {family.name!r} says family {spec.family!r}")
    return spec


def _root(module_name: str, file: str | None) -> str:
    """The folder that must be on ``sys.path`` to import ``module_name`` from ``file``."""
    path = Path(file or ".").resolve()
    depth = module_name.count(".") + (1 if path.name == "__init__.py" else 0)
    root = path.parent
    for _ in range(depth):
        root = root.parent
    return str(root)


def _registry() -> _Registry:
    return _load(_modules())


def all_families() -> tuple[Family, ...]:
    """Every registered family, in registration order."""
    return tuple(_registry().families.values())


def get_family(name: str) -> Family:
    """The family called ``name``; a :class:`UsageError` naming the known ones otherwise."""
    families = _registry().families
    try:
        return families[name]
    except (KeyError, TypeError):
        raise UsageError(f"unknown spec family {name!r}; known families: {', '.join(families)}") from None


def family_of(spec: Spec) -> Family:
    """The family a spec belongs to."""
    return get_family(spec.family)


def all_specs() -> tuple[Spec, ...]:
    """Every registered spec, family by family, in registration order (building each)."""
    return tuple(_spec(family, name) for name, family in _registry().owners.items())


def spec_names() -> tuple[str, ...]:
    """The names of every registered spec (building none)."""
    return tuple(_registry().owners)


def get_spec(name: str) -> Spec:
    """The spec called ``name``; a :class:`UsageError` naming the known specs otherwise."""
    try:
        family = _registry().owners[name]
    except (KeyError, TypeError):
        raise UsageError(f"unknown spec {name!r}; known specs: {', '.join(spec_names())} "
                         f"(see 'sva specs')") from None
    return _spec(family, name)


def plugin_paths() -> dict[str, str]:
    """What a child process needs to load the same families: ``{ENV: modules, "path": roots}``
    for the families that come from outside this package (empty when there are none)."""
    extra = [name for name in _modules() if name not in BUILTIN]
    if not extra:
        return {}
    return {ENV: ",".join(extra), "SVA_FAMILY_PATH": os.pathsep.join(_registry().roots)}
