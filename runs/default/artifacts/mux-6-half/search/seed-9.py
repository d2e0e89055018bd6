"""mux-6-half solved by evolutionary search (DEAP genetic programming), seed 9. The entry
function is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6_half(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return ((d2 if a1 else ((not (d3 if d1 else (((d3 and d2 and (((d1 or d2) if a0 else d1) or d2)) if a1 else d1) and a0))) and d0)) or a0) if (d3 if a1 else d1) else ((d3 and (d3 and d2 and (((d1 or d2) if a0 else d2) or d1)) and d1) if a0 else (d1 or d2))
