"""mux-6 solved by evolutionary search (DEAP genetic programming), seed 2. The entry function is
the first evolved tree right on all 64 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return (d0 or d0) if (not (a0 if a0 else (a1 if (d3 if a1 else d1) else a1))) else (((d3 if a1 else d1) if a0 else (d2 or a0)) if a1 else d1)
