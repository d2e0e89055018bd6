"""mux-6-half solved by evolutionary search (DEAP genetic programming), seed 5. The entry
function is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6_half(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return (d3 if d3 else d3) if ((a1 if d2 else a1) if a0 else (not not a0)) else ((((not d1) or (a0 or (d2 and (not not a1)))) if (d1 or (d2 if d3 else d3)) else d1) if (a1 or (not d0) or a1 or d3) else (d3 or (d1 and d0)))
