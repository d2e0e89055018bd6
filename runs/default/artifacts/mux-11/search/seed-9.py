"""mux-11 solved by evolutionary search (DEAP genetic programming), seed 9. The entry function
is the first evolved tree right on all 1024 training cases. Population 2000, at most 60
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_11(a0, a1, a2, d0, d1, d2, d3, d4, d5, d6, d7):
    """The data bit d[a] selected by the 3-bit address a (11-multiplexer)."""
    return (((d3 if (not a2) else (((d3 if (not a2) else d7) and (((d6 if a2 else d3) if a1 else d4) or a1)) if a1 else (((d7 and (d0 or a1)) if a1 else (d5 if a2 else d1)) if a2 else d1))) and a0) if a1 else (d5 if a2 else d1)) if a0 else ((a2 if a2 else (a2 or ((((a1 or d6) if (a2 if (((d3 if (not a2) else d7) and (d0 or a1)) if a1 else (d5 if a2 else d1)) else d3) else (a2 and d1)) if (a2 if a2 else a1) else (a1 or d0)) or d2))) and (((a1 or (d5 if a2 else d1)) if (a1 and (not a2)) else (d7 if a0 else ((d6 if a2 else d3) if a1 else d4))) if a2 else (a1 or d0)))
