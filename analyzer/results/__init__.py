"""Results: the database of cells, the fields it holds, the statistics and the essay's claims.

Read by the report and the experiment runner; it imports neither. :mod:`.store` is the SQLite
database (one row per cell), :mod:`.fields` which fields are comprehensibility, trust and size
(the families' own fields included), :mod:`.stats` the statistics and :mod:`.claims` the claims.
"""
