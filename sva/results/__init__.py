"""The results of a run and what is computed from them, below the report and the experiment.

- :mod:`sva.results.fields`: which result fields are comprehensibility, size and trust
  (the families' own fields included);
- :mod:`sva.results.store`: the SQLite results database, one row per cell;
- :mod:`sva.results.stats`: the statistics, small pure functions with formulas and worked examples;
- :mod:`sva.results.samples`: the statistics' tables over the result rows (design against
  search per spec, comprehensibility against trust);
- :mod:`sva.results.claims`: the essay's claims and their verdicts, worded by
  :mod:`sva.results.sentences`.

Nothing is imported here, so ``import sva.results.store`` does not pull in numpy or scipy.
"""
