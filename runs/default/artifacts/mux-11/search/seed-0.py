"""mux-11 solved by evolutionary search (DEAP genetic programming), seed 0. The entry function
is the first evolved tree right on all 1024 training cases. Population 2000, at most 60
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_11(a0, a1, a2, d0, d1, d2, d3, d4, d5, d6, d7):
    """The data bit d[a] selected by the 3-bit address a (11-multiplexer)."""
    return ((d7 if a2 else d3) and a0) if (a1 if (not (d6 if a2 else d2)) else ((a1 or a1) and a0)) else ((a1 if a0 else a1) or (a1 and (not d5)) or ((d5 and (d7 or a2)) if (a2 and a0) else ((d4 if a2 else (d0 or d0)) if (not (a0 if d5 else ((((d5 and (d7 or d5)) if (a2 and a0) else ((a0 if a0 else d4) or a1)) if (((d4 if a2 else d2) if (a1 and d3) else a1) and ((d3 if (not not a1) else d1) if d5 else a0)) else (not a2)) and (a0 if d5 else a0)))) else d1)))
