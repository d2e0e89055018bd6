"""mux-6 solved by evolutionary search (DEAP genetic programming), seed 8. The entry function is
the first evolved tree right on all 64 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return (d3 if a1 else d1) if (not not a0) else (((not (a1 if (a1 or d2) else (not d1))) if (not ((d2 and d2) if (a1 or a1) else (not d1))) else ((d2 if a1 else a1) if a1 else d0)) and ((not not d2) if a1 else (d0 or a1)))
