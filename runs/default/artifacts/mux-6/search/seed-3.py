"""mux-6 solved by evolutionary search (DEAP genetic programming), seed 3. The entry function is
the first evolved tree right on all 64 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return (d2 or (not ((a1 if (not a0) else ((d0 if a0 else a0) and (not d3))) if d2 else a1))) if ((not a0) if (d0 or a1) else ((d1 if a0 else a1) and (not not ((not ((a0 if a1 else ((a1 if d2 else d2) and (not d0))) or d3)) or ((not (a0 if a1 else d1)) and (d3 and d1 and a0)) or d3)))) else (a0 and (not not (d3 if a1 else (a0 and d1))))
