"""mux-11 attempted by evolutionary search (DEAP genetic programming), seed 8, without a perfect
result: the entry function is the best evolved tree, wrong on 50 of 1024 training cases.
Population 2000, at most 60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def mux_11(a0, a1, a2, d0, d1, d2, d3, d4, d5, d6, d7):
    """The data bit d[a] selected by the 3-bit address a (11-multiplexer)."""
    return (((((((a1 if d4 else a1) or (d5 and ((d6 and a2) or (a1 and d0)))) and (a2 and (a0 and d7))) or d6) and a2) or (d3 and a0)) and a1) or ((d5 if (a2 or a2) else (not not not ((((d5 if d3 else a1) if d0 else a0) and ((not a2) and a1) and ((d3 and a2 and a1) or d1 or (d5 and a0))) or (not d1)))) if a0 else ((d4 or (not (a2 or a0 or (d5 and a0)))) and ((a0 and a1) or ((((d5 if (a2 or a2) else (not not not (((a0 if d0 else d4) if (not (d5 if (a2 or a2) else (not d6))) else (not d7)) or (not d1)))) if a0 else (d4 or (not (a2 or d1 or (d5 and a0))))) if a2 else d0) if (not ((a1 if d4 else a1) or (d5 and ((d6 and a2) or (a1 and d0))))) else ((((((d5 if d4 else a1) if d0 else a0) and ((not a2) and a1) and (d6 if d4 else (not a2))) or d6) and (d2 or a2)) or ((not a2) and ((not a2) and (((a1 or d6) and (d2 or a2)) or ((a2 if ((not a2) and a1) else a0) and (d3 and a2 and a1))))))))))
