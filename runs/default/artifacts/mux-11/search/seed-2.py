"""mux-11 attempted by evolutionary search (DEAP genetic programming), seed 2, without a perfect
result: the entry function is the best evolved tree, wrong on 119 of 1024 training cases.
Population 2000, at most 60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_11(a0, a1, a2, d0, d1, d2, d3, d4, d5, d6, d7):
    """The data bit d[a] selected by the 3-bit address a (11-multiplexer)."""
    return (d3 if a1 else d5) if a0 else ((((d6 and a2) or (d4 and d6) or ((d6 if a2 else d2) or (d2 and a0))) if a1 else d4) if a2 else (((a0 or d0) if d2 else d2) or (((d6 and a2) or (d4 and d2) or d2) if a1 else d0)))
