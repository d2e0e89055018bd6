"""mux-6 attempted by evolutionary search (DEAP genetic programming), seed 7, without a perfect
result: the entry function is the best evolved tree, wrong on 4 of 64 training cases.
Population 500, at most 50 generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return ((d2 if a1 else ((d0 or d0) if (d2 and d0) else (d1 if d0 else d0))) or (((d1 if (d3 if d0 else d2) else d2) and d2) if a1 else ((d0 or d0) if (d0 or d0) else a0))) if (not a0) else (((d1 or a1) if (a0 or d2) else (d0 and a1)) and d3)
