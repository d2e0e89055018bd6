"""mux-11 solved by evolutionary search (DEAP genetic programming), seed 6. The entry function
is the first evolved tree right on all 1024 training cases. Population 2000, at most 60
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_11(a0, a1, a2, d0, d1, d2, d3, d4, d5, d6, d7):
    """The data bit d[a] selected by the 3-bit address a (11-multiplexer)."""
    return (d6 if ((a2 or ((not (a1 and (d3 if a2 else ((d1 or d7) if ((not ((not a0) or a1)) if a2 else (d4 and d5)) else d1)))) if a2 else a2)) and a1) else (d4 if a2 else (d2 if a1 else (d4 if a2 else d0)))) if (not a0) else ((d7 if a1 else d5) if a2 else (d3 if a1 else ((a0 or d7) if ((a2 or d4) and a1) else d1)))
