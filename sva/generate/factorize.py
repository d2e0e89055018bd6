"""The ``factorized`` generator: each family's search artifact, factorized mechanically.

For (spec, seed, configuration) it runs the family's ``search`` with that configuration (the
same keys and defaults as ``search``), reads the artifact back into the IR statically and
applies :mod:`sva.core.factorize`'s steps (intron removal, simplification, naming, no
stories), each checked equivalent on the spec's domain; see ``docs/factorize.md``. A family
offers it through ``Family.factorize_module``; a family without one refuses with one line.
"""

from __future__ import annotations

from typing import Any, Mapping

from sva.core.artifact import Artifact
from sva.core.rng import check_seed
from sva.core.spec import Spec
from sva.families import family_of

GENERATOR = "factorized"


def default_config(spec: Spec) -> dict[str, Any]:
    """The settings of the search that is factorized (JSON-able)."""
    return family_of(spec).factorize_defaults(spec)


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The factorized search artifact for (spec, seed, configuration)."""
    return family_of(spec).factorize(spec, check_seed(seed), config)
