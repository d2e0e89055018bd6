"""mux-6-half solved by evolutionary search (DEAP genetic programming), seed 3. The entry
function is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6_half(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return (d2 or (d1 and (not ((a0 if d0 else d0) if ((d1 and d0) if a0 else (not a1)) else a1)))) if ((not a0) if (d0 or a1) else (a1 and d3)) else (a0 and a0 and (not not (d3 if a1 else d1)))
