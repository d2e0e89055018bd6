"""comparator-3 attempted by evolutionary search (DEAP genetic programming), seed 9, without a
perfect result: the entry function is the best evolved tree, wrong on 1 of 64 training cases.
Population 2000, at most 60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return (((((a1 if (not a1) else a1) or ((((b2 or b1) and (not a2)) or ((a2 or b2) if b2 else (not b0))) and (not a0))) and (b0 and b1)) if (b2 or ((not not a1) and (b2 and ((b2 if a2 else b0) or (a2 and a1)))) or a1) else (not (b0 or a2))) and (not a0)) if ((((a2 if b2 else a1) or (not b2)) if ((not a1) or (not a2)) else (b2 and b1)) and a1) else ((((((a2 if b2 else a1) or (not b2)) if ((not a1) or ((not a1) or (not a2))) else (not not (b0 and a0))) and (((not ((a1 if (not a1) else a1) or (((a1 and (not a2)) or ((a2 or (b2 or b0)) if (a0 if (b2 or b0) else a1) else (not b0))) and (not ((not b2) or (b1 and a2)))))) if a2 else a2) and (((b2 if a2 else b2) or b2) and (b0 or (b0 or b2))))) if (b0 or (not a2)) else (b2 and b1)) if a2 else ((b2 or a0) if b2 else b1))
