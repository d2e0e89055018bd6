"""The experiment: run every cell (spec x generator x seed) and store its row.

Submodules: ``presets`` (the presets, as data), ``executor`` (where cells run: locally on the
worker pool of :mod:`sva.measure.pool`, or in this process), ``dask_executor`` (on a Dask
cluster), ``runner`` (``sva run``: the cells planned, each cell's steps, the rows stored). The
results database, the statistics and the claims are :mod:`sva.results`.
"""
