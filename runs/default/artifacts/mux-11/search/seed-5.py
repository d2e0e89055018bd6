"""mux-11 solved by evolutionary search (DEAP genetic programming), seed 5. The entry function
is the first evolved tree right on all 1024 training cases. Population 2000, at most 60
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_11(a0, a1, a2, d0, d1, d2, d3, d4, d5, d6, d7):
    """The data bit d[a] selected by the 3-bit address a (11-multiplexer)."""
    return (((d7 if (a2 if (a0 if (d1 if d5 else a1) else d1) else a0) else (a2 if a0 else d3)) if (a0 if a2 else ((d2 if d1 else d6) or a2)) else (d6 if a2 else d0)) if a1 else (d5 if a0 else d4)) if a2 else (((d3 if (a0 if d7 else a0) else a1) if a0 else (((d3 if (a0 if ((not (d0 and a1 and (not (d4 and a1)))) if d5 else a1) else d1) else a1) if a0 else (d2 if a1 else d6)) if a1 else (((not ((d0 or a2) if (d5 and d2) else (d1 or d0))) if a2 else ((a2 and (d6 if d1 else (d4 if (d6 if (a2 or d0) else (d3 if a1 else d1)) else a0))) or d1)) if a0 else d0))) if a1 else (((not (a0 or d6)) if a2 else ((a2 and a0) or d1)) if a0 else d0))
