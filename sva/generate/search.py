"""The ``search`` generator: each family's evolutionary search, behind one signature.

A family owns its search (representation, operators, fast fitness); this module only asks the
spec's family for it, so every family is searched through the same ``generate(spec, seed,
config) -> Artifact`` and its configuration is recorded the same way. The Boolean family evolves
GP trees (:mod:`sva.families.boolean.search`), the sorting family comparator lists
(:mod:`sva.families.sorting.search`).
"""

from __future__ import annotations

from typing import Any, Mapping

from sva.core.artifact import Artifact
from sva.core.rng import check_seed
from sva.core.spec import Spec
from sva.families import family_of

GENERATOR = "search"


def default_config(spec: Spec) -> dict[str, Any]:
    """Every search setting for ``spec``, as the spec's family states them (JSON-able)."""
    return family_of(spec).search_defaults(spec)


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """Search for the artifact of (spec, seed, configuration); a failed run still yields one."""
    return family_of(spec).search(spec, check_seed(seed), config)
