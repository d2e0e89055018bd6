"""Generators: every one turns (spec, seed, configuration) into an :class:`Artifact`.

All generators share one signature, ``generate(spec, seed, config=None) -> Artifact``, and
one emitter. ``design`` is built here for every family (:mod:`sva.generate.design`); the others
each family runs itself, as its :attr:`~sva.core.family.Family.generators` say (a family without
one, such as ``search-modular`` for sorting networks, refuses it in one line). :data:`GENERATORS` lists them so the CLI and the experiment runner discover new
ones without edits. ``default_config(spec)`` gives the configuration a generator uses when the
caller gives none; the configuration actually used is recorded in the manifest.

Each generator also says what is true of its artifacts by how it builds them, so the claims can
tell a fact about the generators from a finding: ``deterministic`` (the seed changes nothing) and
``construction``, the metrics its way of building settles, each with the reason (search emits
one function and no tests, so its decomposability and localization are not outcomes of the
search). :mod:`sva.results.kinds` reads these and checks them against the rows.

Artifacts a user brings (:mod:`sva.generate.external`, ``sva run --external DIR``) are not
built per seed and so are not in :data:`GENERATORS`; each label of a folder is the generator
``external:<label>``, which :func:`get_generator` resolves to a record that declares nothing
(not deterministic, no construction): every claim about it is empirical.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Mapping

from sva.errors import UsageError
from sva.core.artifact import Artifact, read_manifest, write_artifact
from sva.core.spec import Spec
from sva.families import family_of

__all__ = ["Artifact", "COMMITTED", "Construction", "GENERATORS", "Generator", "generate", "get_generator", "read_manifest",
           "write_artifact"]


@dataclass(frozen=True)
class Construction:
    """A fact about every artifact of a generator that holds by how the generator builds it:
    the ``metrics`` it settles and ``why``, one clause for a reader ("search emits ...")."""

    metrics: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Generator:
    """A registered generator: its name, what it does, and where its code lives."""

    name: str
    description: str
    #: the module that builds the artifacts for every family (``design``); ``None``: each family
    #: runs the generator itself (:attr:`sva.core.family.Family.generators`)
    module: str | None = None
    #: True when the artifact does not depend on the seed (one artifact per spec; ``sva run`` plans
    #: one cell per spec for it, seed 0)
    deterministic: bool = False
    #: what the generator's way of building settles, whatever the spec and seed
    construction: tuple[Construction, ...] = ()

    def offers(self, spec: Spec) -> bool:
        """False when ``spec``'s family does not offer this generator (``sva run`` plans no cell
        for it, as ``search-modular`` on a sorting network; ``sva generate`` refuses in one line)."""
        return self.module is not None or self.name in family_of(spec).generators

    def settles(self, metric: str) -> Construction | None:
        """The construction fact that settles ``metric`` for this generator, if any."""
        return next((fact for fact in self.construction if metric in fact.metrics), None)

    def default_config(self, spec: Spec) -> dict[str, Any]:
        """The configuration used for ``spec`` when the caller gives none."""
        if self.module is not None:
            return importlib.import_module(self.module).default_config(spec)
        return family_of(spec).generator(self.name).defaults(spec)

    def generate(self, spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
        """Produce the artifact for (spec, seed, configuration)."""
        from sva.core.rng import check_seed

        if self.module is not None:
            return importlib.import_module(self.module).generate(spec, seed, config)
        return family_of(spec).generator(self.name).generate(spec, check_seed(seed), config)


#: Every generator, by name. Modules are imported on first use (DEAP only when searching).
GENERATORS: dict[str, Generator] = {
    "search": Generator(
        "search", "evolutionary search with DEAP (genetic programming)",
        construction=(
            Construction(("decomposability", "effective_parts", "largest_chunk_share", "abstraction_depth"),
                         "search emits the whole artifact as one function with no helpers, so its only parts "
                         "are the bindings the emitter names inside it"),
            Construction(("localization",),
                         "search emits no tests, so no test can point at one of its parts"),
        )),
    "design": Generator(
        "design", "hand-style modular design templates over the same primitives", module="sva.generate.design",
        deterministic=True,
        construction=(
            Construction(("decomposability", "effective_parts", "largest_chunk_share", "abstraction_depth"),
                         "design emits one function per part of its template"),
            Construction(("localization",), "design emits a contract test for each part"),
        )),
    "search-parsimony": Generator(
        "search-parsimony", "multi-objective search (NSGA-II in DEAP) on training error and explanation size",
        construction=(
            Construction(("decomposability", "effective_parts", "largest_chunk_share", "abstraction_depth"),
                         "search-parsimony emits the chosen member of its front as one function with no "
                         "helpers, so its only parts are the bindings the emitter names inside it"),
            Construction(("localization",),
                         "search-parsimony emits no tests, so no test can point at one of its parts"),
        )),
    "factorized": Generator(
        "factorized", "search's artifact factorized mechanically (introns, simplification, naming; no stories)",
        construction=(
            Construction(("localization",),
                         "factorized emits no tests, so no test can point at one of its parts"),
        )),
    "search-modular": Generator(
        "search-modular", "evolutionary search with automatically defined functions (DEAP, evolved parts)",
        construction=(
            Construction(("localization",),
                         "search-modular emits no tests, so no test can point at one of its parts"),
        )),
    "design-auto": Generator(
        "design-auto", "automated design from the spec's brief alone (sva.core.brief: no oracle, no formula): "
        "parts found by analysis of the training data, each with the story of the step that found it",
        deterministic=True,
        construction=(
            Construction(("decomposability", "effective_parts", "largest_chunk_share", "abstraction_depth"),
                         "design-auto emits one function per part it found"),
            Construction(("localization",), "design-auto emits a contract test for each part"),
        )),
}


#: The generators whose seed-0 artifacts ``sva generate-all`` writes and ``artifacts/`` keeps:
#: search and design, the two every comparison is between (``search-parsimony``,
#: ``search-modular`` and ``factorized`` are run by the ``beyond`` preset and by
#: ``sva generate --generator NAME``).
COMMITTED: tuple[str, ...] = ("search", "design")


def get_generator(name: str) -> Generator:
    """The generator called ``name`` (or ``external:<label>``, the artifacts of a folder's label);
    a :class:`UsageError` listing the known ones otherwise."""
    from sva.generate.external import label_of

    label = label_of(name) if isinstance(name, str) else None
    if label:
        return Generator(name, f"artifacts brought from a folder, label {label!r}", module="sva.generate.external")
    try:
        return GENERATORS[name]
    except (KeyError, TypeError):
        raise UsageError(f"unknown generator {name!r}; known generators: "
                         f"{', '.join(GENERATORS)}") from None


def generate(spec: Spec, generator: str, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """Run generator ``generator`` on ``spec`` with ``seed``."""
    from sva.core.rng import check_seed

    return get_generator(generator).generate(spec, check_seed(seed), config)
