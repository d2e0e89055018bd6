"""mux-6-half attempted by evolutionary search (DEAP genetic programming), seed 8, without a
perfect result: the entry function is the best evolved tree, wrong on 1 of 32 training cases.
Population 500, at most 50 generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6_half(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return (((d0 if (not a0) else d3) or a0) and (d1 and d1 and (not a1))) or (a1 and ((d3 if a0 else (d2 if a1 else d3)) if a1 else (a1 or d2)))
