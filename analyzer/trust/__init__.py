"""Trust: everything that executes artifact code, always inside :mod:`analyzer.trust.sandbox`.

The library entry point is :func:`analyzer.trust.evaluate.trust`. The caller's side checks the
request (:mod:`~analyzer.trust.request`), runs the baseline and the mutant batch in the
sandbox (:mod:`~analyzer.trust.baseline`, :mod:`~analyzer.trust.mutation`) and builds the
report (:mod:`~analyzer.trust.report`); the sandboxed side runs one job of
:mod:`~analyzer.trust.jobs` per child process. The two sides exchange only the records of
:mod:`~analyzer.trust.protocol`, with artifact values in the codec of :mod:`analyzer.core.values`.
"""
