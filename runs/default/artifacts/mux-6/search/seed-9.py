"""mux-6 solved by evolutionary search (DEAP genetic programming), seed 9. The entry function is
the first evolved tree right on all 64 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return (d3 if a0 else d3) if (a0 if ((((a1 and a1) or a1) and a0) if d0 else a1) else (a1 and a0)) else ((((d3 if a1 else a0) if a1 else d0) if (a0 or a0) else (d2 if a1 else d0)) if ((not ((a0 if d2 else a0) and d1)) and (not a0)) else d1)
