"""mux-6-half solved by evolutionary search (DEAP genetic programming), seed 2. The entry
function is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6_half(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return (a0 and d2 and ((d0 or d3) if d0 else d0) and ((not d0) and (d1 if d3 else a1))) or (((a1 if a1 else (d0 or (d3 and d0))) if (d1 and d2) else (not d0)) if ((a1 or a1) and (d3 if a0 else d1)) else ((d0 if ((d2 and a1) or (not a0)) else d1) and (not a1))) or ((not ((d2 and d0) or (not a0))) if (((d3 and d1) or (d3 and a1)) if ((not d2) or (not a1)) else ((a0 if a1 else a0) or d0)) else ((not (d1 and d1)) if d1 else (a1 and a1 and (d2 if a0 else d3))))
