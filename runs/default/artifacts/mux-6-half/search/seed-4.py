"""mux-6-half attempted by evolutionary search (DEAP genetic programming), seed 4, without a
perfect result: the entry function is the best evolved tree, wrong on 2 of 32 training cases.
Population 500, at most 50 generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6_half(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return ((d3 if a0 else (((d2 if a1 else d2) if d1 else d2) and (not a0))) if a1 else d1) or (d2 and d3)
