"""mux-11 solved by evolutionary search (DEAP genetic programming), seed 7. The entry function
is the first evolved tree right on all 1024 training cases. Population 2000, at most 60
generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_11(a0, a1, a2, d0, d1, d2, d3, d4, d5, d6, d7):
    """The data bit d[a] selected by the 3-bit address a (11-multiplexer)."""
    return (((d5 or a1) and (d5 or a1) and ((a0 or (d6 or (((d3 if d0 else a2) or d5) and (d7 if a0 else d6)))) if a2 else a1) and ((d7 if d0 else d7) or ((((d5 or a1) and (a2 if d7 else d6) and ((a0 or (d6 or d4)) if a2 else a1) and ((d5 or a1) and (d7 if a0 else d6))) if (d6 and a1) else ((((not d5) and (d7 if a0 else d6) and (a0 or (d3 or a2))) if a2 else (d2 if (a2 if a0 else a1) else (d3 and (((d5 and (a2 if d5 else a1)) if (a0 if (d3 if d0 else d7) else a0) else d0) or a0)))) if a1 else (a0 if a0 else d0))) or ((((not not d5) or a1) and (d7 if a0 else d6) and ((((d5 if d5 else d2) and ((a0 or d4) if d5 else a1)) if d0 else ((d5 or ((d5 and d4) if (d1 and d1) else (not a0)) or d4) if d5 else a1)) or (a0 or d0))) if a2 else (d2 if (a2 if a0 else ((d5 or (d5 or a0)) and (d7 if d5 else a2))) else (d3 and (((d5 and (a2 if d5 else a1)) if (a0 if (d7 if a0 else d6) else a0) else d0) or a0))))))) if a2 else ((((d5 or a1) and (d7 if a0 else d6) and a2) if a2 else (d2 if (a2 if a0 else a1) else (d3 and (((d5 and (d3 if d5 else a1)) if (d2 if (a2 if a0 else a1) else (d3 and (((d5 and (a2 if d5 else a1)) if (a0 if (d3 if d0 else d7) else a0) else d0) or a0))) else d0) or a0)))) if a1 else (d1 if a0 else (a0 if (d3 if d0 else d7) else a0)))) if (a1 or a0) else (d4 if a2 else ((((d5 or (d5 or a1)) and (d7 if d5 else a2)) if (a0 if a1 else a0) else d0) or a0))
