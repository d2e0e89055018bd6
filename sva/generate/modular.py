"""The ``search-modular`` generator: each family's search with automatically defined functions.

The family's own search (representation, operators, fitness, selection, budget) over
individuals that are a main tree and a few part trees (Koza's ADFs, :mod:`sva.core.adf`);
the parts the final main tree calls are emitted as helper functions ``part_0``, ``part_1``, ...
without stories, so whether search evolves used parts, and what they do to the measurements, is
an outcome. A family offers it through ``Family.modular_module``; a family without one refuses
the generator with one line.
"""

from __future__ import annotations

from typing import Any, Mapping

from sva.core.artifact import Artifact
from sva.core.rng import check_seed
from sva.core.spec import Spec
from sva.families import family_of

GENERATOR = "search-modular"


def default_config(spec: Spec) -> dict[str, Any]:
    """Every setting for ``spec``, as the spec's family states them (JSON-able)."""
    return family_of(spec).modular_defaults(spec)


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The modular artifact for (spec, seed, configuration); a failed run still yields one."""
    return family_of(spec).modular(spec, check_seed(seed), config)
