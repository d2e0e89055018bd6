"""mux-6 solved by evolutionary search (DEAP genetic programming), seed 5. The entry function is
the first evolved tree right on all 64 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_6(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    return (not (a1 and (not ((a1 and d2) or (d3 and a0))))) and ((not not ((not (a1 and d2)) and (d1 if a0 else ((not a0) and d0)))) or (((d1 if (not d3) else (not d2)) or (a1 or a0 or (d1 and a0 and (d1 if a0 else d0)))) if (d0 and d1 and (d0 and a1) and (not (d1 if d1 else d2))) else ((((d1 if d1 else d1) if (d3 if d2 else ((not d2) and (d1 if a0 else d3))) else ((not ((not (a1 and d2)) and (d1 if a0 else d3))) or d1)) and ((not a0) and d0)) or (a1 if (not (a1 or (d0 and d1))) else ((not a0) or (d3 and a0))))))
