"""Trust: everything that executes artifact code, always inside :mod:`sva.trust.sandbox`.

The library entry point is :func:`sva.trust.evaluate.trust`. The caller's side checks the
request (:mod:`~sva.trust.request`), runs the baseline and the mutant batch in the
sandbox (:mod:`~sva.trust.baseline`, :mod:`~sva.trust.mutation`) and builds the
report (:mod:`~sva.trust.report`); the sandboxed side runs one job of
:mod:`~sva.trust.jobs` per child process. The two sides exchange only the records of
:mod:`~sva.trust.protocol`, with artifact values in the codec of :mod:`sva.core.values`.
"""
