"""mux-11 solved by evolutionary search (DEAP genetic programming), seed 1. The entry function
is the first evolved tree right on all 1024 training cases. Population 2000, at most 60
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_11(a0, a1, a2, d0, d1, d2, d3, d4, d5, d6, d7):
    """The data bit d[a] selected by the 3-bit address a (11-multiplexer)."""
    return (((not (d0 and d5)) if ((not a2) and (d7 if a2 else a1)) else (a0 and (d5 if a2 else d1))) or (a1 if a1 else (((d2 if d4 else d3) if ((not a2) and a2) else (a1 and (((((d5 and (d5 if a2 else d1)) if ((not a2) and (d3 if a2 else d1)) else (a0 and (d5 if a2 else d1))) if a0 else ((d3 or a0) if (not d5) else (((((d6 or a0) if d7 else d7) if a0 else a0) if a1 else (d4 if d6 else d0)) if d6 else (a1 and d5)))) if a0 else d6) and (a1 if d3 else a2)))) or ((a0 and ((a1 if a0 else d2) if a2 else d1)) if a0 else (d4 if a2 else d0))))) if (not a1) else ((a1 and (((d7 if a0 else (((not a2) or a0) if (not a2) else d4)) if a0 else d6) and (a1 if d2 else a2))) if a2 else (d3 if a0 else d2))
