"""mux-6-half solved by evolutionary search (DEAP genetic programming), seed 6. The entry
function is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6_half(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return (((d0 and (d3 and (a1 if d1 else (not a0)))) if (not a1) else (d2 and (d3 and d2) and d2)) if (not (a0 if a1 else d1)) else (((not (a1 or a1)) if ((a0 if d0 else a0) or (a0 if d1 else d3)) else (d0 or a1)) if (not not not d3) else ((not d1) or (a0 if d1 else d0) or ((not a1) and a1)))) or (d2 if (not (d2 if d2 else d1)) else (((not (a1 or a1)) if a0 else (d1 and a1 and (a1 if d1 else (not a0)) and d2)) and d1))
