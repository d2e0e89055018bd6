"""mux-6 solved by evolutionary search (DEAP genetic programming), seed 6. The entry function is
the first evolved tree right on all 64 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return ((((not a0) and d0) if (not a1) else (a1 and d2)) if (not (a0 if a1 else (((not d3) or (d2 and a1)) and (a0 if (d0 if (a0 and d3) else d1) else ((not a0) if (d3 if a0 else ((not d3) and (d0 and a1))) else a1))))) else (not (a1 and a1))) or (((not a0) if ((a1 and d2) if (d0 if d3 else d1) else a1) else (d1 if a0 else a0)) if (not (a1 or d1)) else ((d3 if a0 else d2) and (a0 or (d0 and a0))))
