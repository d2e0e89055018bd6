"""The results of a run and what is computed from them, below the report and the experiment.

- :mod:`sva.results.fields`: which result fields are comprehensibility, size and trust
  (the families' own fields included);
- :mod:`sva.results.store`: the SQLite results database, one row per cell;
- :mod:`sva.results.stats`: the statistics, small pure functions with formulas and worked examples;
- :mod:`sva.results.samples`: the statistics' tables over the result rows (design against
  search per spec, comprehensibility against trust);
- :mod:`sva.results.strata`: within-stratum statistics (stratified rank correlation, permutation
  within spec, bootstrap over specs, partial rank correlation, Benjamini-Hochberg);
  :mod:`sva.results.within` applies them to rows, :mod:`sva.results.mixed` is the mixed-model
  second opinion, :mod:`sva.results.programs` the program key distinct artifacts are counted by;
- :mod:`sva.results.claims`: the essay's claims and their verdicts (comparisons, correlations,
  the two-sided claims between two generators of :mod:`sva.results.trustclaim` with the
  evaluations each spent from :mod:`sva.results.budgets`, recovery, the shares of
  :mod:`sva.results.matching`), worded by :mod:`sva.results.sentences`; confirmatory and
  exploratory as fixed in docs/claims.md.

Nothing is imported here, so ``import sva.results.store`` does not pull in numpy or scipy.
"""
