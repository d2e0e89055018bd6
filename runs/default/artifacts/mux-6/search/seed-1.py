"""mux-6 solved by evolutionary search (DEAP genetic programming), seed 1. The entry function is
the first evolved tree right on all 64 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return ((d3 or (a0 and (d3 and (a0 and d1)))) if a0 else (d2 and ((d2 and d2) or (d2 and ((d2 and d2) or (d3 and d1)) and d1)))) if (d0 if (a1 and d0) else a1) else ((a0 or d0) and (d1 if a0 else d0))
