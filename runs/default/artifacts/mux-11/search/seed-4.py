"""mux-11 attempted by evolutionary search (DEAP genetic programming), seed 4, without a perfect
result: the entry function is the best evolved tree, wrong on 59 of 1024 training cases.
Population 2000, at most 60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_11(a0, a1, a2, d0, d1, d2, d3, d4, d5, d6, d7):
    """The data bit d[a] selected by the 3-bit address a (11-multiplexer)."""
    return (d3 or (d7 and ((((a0 if ((d0 if a1 else d6) if a2 else (d0 if (d3 or (d7 and ((a0 or d7) and (a2 and d7)))) else a1)) else d0) if ((d0 if d0 else d6) if (not (d6 if (not d2) else (d0 if a1 else d6))) else (d0 if ((d2 if d2 else d1) if a1 else d1) else d6)) else d0) or d7) and (a2 and d7)))) if (a0 and a1 and a1 and a1) else ((((a2 and ((d2 if d7 else a2) if a1 else d1)) if ((((a2 and ((d2 if d7 else a2) if a1 else d1)) if (a0 and (d2 if d7 else a2) and a0) else d6) if (a1 and a1) else d7) and a1 and a0) else d6) if (a2 and a1) else (d5 if a0 else (d2 if a1 else d4))) if a2 else (d2 if a1 else ((d1 and a0) or (d0 or a2))))
