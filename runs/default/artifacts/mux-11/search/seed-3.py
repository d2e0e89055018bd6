"""mux-11 solved by evolutionary search (DEAP genetic programming), seed 3. The entry function
is the first evolved tree right on all 1024 training cases. Population 2000, at most 60
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_11(a0, a1, a2, d0, d1, d2, d3, d4, d5, d6, d7):
    """The data bit d[a] selected by the 3-bit address a (11-multiplexer)."""
    return ((d6 if ((d0 and d5 and (not d0)) if a0 else a2) else d7) if a1 else (d5 if (a0 and a2) else (d1 if a0 else ((d4 if a2 else a1) if a2 else d0)))) if a2 else ((d3 if a1 else (a2 if ((d5 if d4 else (a1 if (d4 and (a0 or (d6 if d1 else d7))) else (d0 if a1 else (d1 if a0 else a1)))) and a2) else d1)) if a0 else (d2 if a1 else d0))
