"""The ``search-parsimony`` generator: each family's multi-objective search, behind one signature.

NSGA-II (DEAP's ``tools.selNSGA2`` with ``tools.selTournamentDCD``, :mod:`sva.core.pareto`)
on (training error, size of the explanation) over the family's own representation, operators
and fast fitness, with the evaluation budget of the family's ``search``. The artifact is the
member of the final front chosen by the rule stated in its manifest (``search.rule``), and the
manifest keeps the whole front. A family offers it through ``Family.parsimony_module``; a family
without one refuses the generator with one line.
"""

from __future__ import annotations

from typing import Any, Mapping

from sva.core.artifact import Artifact
from sva.core.rng import check_seed
from sva.core.spec import Spec
from sva.families import family_of

GENERATOR = "search-parsimony"


def default_config(spec: Spec) -> dict[str, Any]:
    """Every setting for ``spec``, as the spec's family states them (JSON-able)."""
    return family_of(spec).parsimony_defaults(spec)


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The front's chosen artifact for (spec, seed, configuration); a failed run still yields one."""
    return family_of(spec).parsimony(spec, check_seed(seed), config)
