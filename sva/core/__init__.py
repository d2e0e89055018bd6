"""The core's public API for families: what every spec family builds on, and nothing else.

- :mod:`sva.core.spec`: the spec record (:class:`Spec`, :class:`Domain`, :class:`Property`,
  output comparison exact or :func:`~sva.core.spec.within` a tolerance);
- :mod:`sva.core.program`: the program IR both generators build;
- :mod:`sva.core.emitter`: the one emitter, and :class:`~sva.core.emitter.Primitive`,
  how a family states the way each primitive is written;
- :mod:`sva.core.artifact`: the artifact record, what a search states (:class:`SearchRecord`),
  its manifest and how it is written;
- :mod:`sva.core.family`: the :class:`~sva.core.family.Family` interface and its records;
- :mod:`sva.core.rng`, :mod:`sva.core.settings`: seeded randomness and setting checks;
- :mod:`sva.core.values`: artifact outputs as JSON data;
- :mod:`sva.core.figures`: a family's figures (and the report's) drawn legible at the width the
  report shows them and written as the same SVG bytes every time.

A family (``sva/families/<name>/``) imports from here, :mod:`sva.errors` and
:mod:`sva.atomic` only; the import-linter contracts in ``.importlinter`` check it.
"""
