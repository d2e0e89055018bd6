"""The core's public API for families: what every spec family builds on, and nothing else.

- :mod:`analyzer.core.spec`: the spec record (:class:`Spec`, :class:`Domain`, :class:`Property`,
  output comparison exact or :func:`~analyzer.core.spec.within` a tolerance);
- :mod:`analyzer.core.program`: the program IR both generators build;
- :mod:`analyzer.core.emitter`: the one emitter, and :class:`~analyzer.core.emitter.Primitive`,
  how a family states the way each primitive is written;
- :mod:`analyzer.core.artifact`: the artifact record, its manifest and how it is written;
- :mod:`analyzer.core.family`: the :class:`~analyzer.core.family.Family` interface and its records;
- :mod:`analyzer.core.rng`, :mod:`analyzer.core.settings`: seeded randomness and setting checks;
- :mod:`analyzer.core.values`: artifact outputs as JSON data.

A family (``analyzer/families/<name>/``) imports from here, :mod:`analyzer.errors` and
:mod:`analyzer.atomic` only; the import-linter contracts in ``.importlinter`` check it.
"""
