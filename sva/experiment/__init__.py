"""The experiment: run every cell (spec x generator x seed), store it, relate the results.

Submodules: ``presets`` (the presets, as data), ``executor`` (where cells run), ``runner``
(``sva run``), ``results`` (the SQLite results database), ``stats`` (the statistics),
``claims`` (the essay's claims, evaluated on the results), ``fields`` (which columns are
comprehensibility and which are trust).
"""
