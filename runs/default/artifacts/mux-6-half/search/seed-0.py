"""mux-6-half solved by evolutionary search (DEAP genetic programming), seed 0. The entry
function is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6_half(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return (not a1) if (a1 and (not ((((d2 and d3) or a0) if d3 else ((d0 or d1) if (not a1) else (a0 and d3))) if a0 else d2))) else ((d1 if (not not a0) else (d0 or a0)) or a1)
