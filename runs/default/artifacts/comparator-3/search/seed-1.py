"""comparator-3 attempted by evolutionary search (DEAP genetic programming), seed 1, without a
perfect result: the entry function is the best evolved tree, wrong on 2 of 64 training cases.
Population 2000, at most 60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return ((not ((not b2) if (not b2) else (a1 if b2 else a1))) or (((not ((not a2) and a2)) if (not ((not (a1 and b0)) or (not (((not a1) if (not ((a2 if b2 else a1) if (b1 if a0 else a0) else ((a2 and a2) or (b1 and a1)))) else ((not a1) or (not a0))) and (((not a2) or a2) if b2 else (not (a2 or a2))))))) else ((((not ((not b2) and a2)) if (not ((not (a1 and b0)) or (not (((not (a1 and a2)) if (not ((a1 if b2 else a1) if (b1 if a0 else a0) else b2)) else ((not a1) or (not a0))) and (((not b2) and (b1 or b2 or (a0 and b2))) or a2))))) else ((not a2) or (not a2))) and (((not not not a2) or (b2 if b1 else ((b1 and a1) or a0))) if b2 else (not (a2 or a1)))) or (not a1))) and (((not not not a2) or (a2 if ((b1 or (((not (b2 and a2)) or ((b2 and a1) or a2 or (b1 and a2))) if ((b1 and b1 and b1) if a2 else (b2 or a0)) else b1)) if b2 else (not (a2 or a1))) else (a1 or a0))) if b2 else (not (a2 or a2))))) and (b1 if (((not b2) and a1) or a2 or (b1 and a2)) else (b1 or b2))
