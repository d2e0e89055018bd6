"""comparator-3 attempted by evolutionary search (DEAP genetic programming), seed 2, without a
perfect result: the entry function is the best evolved tree, wrong on 1 of 64 training cases.
Population 2000, at most 60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return ((not (((b1 or b2) if (((a0 if a0 else a0) if (b0 if a2 else a2) else (b2 and a1)) or ((b1 and a0) if (b2 or a1) else b2) or ((b0 and a0) if (not (a2 and a2)) else ((not b0) or (a1 if b2 else b2)))) else a1) if (a2 and b2) else (a2 if b2 else b1))) and (((a2 or a1 or (b0 or b2)) if b1 else b2) and (b2 and b2) and (a2 or a1 or (b0 or b2)))) if ((not ((not b2) if ((not a2) and (b2 or b1)) else (b2 and b1))) or (not ((b2 or b1) if (not a1) else (b0 if b1 else b2)))) else ((not not not a2) if ((not (b2 if a2 else a2)) if (b2 and b2) else ((not a1) if a0 else (a0 or b1))) else (((a1 if a1 else b1) or (b1 and a2)) and ((not (a0 and a1)) if (a0 or a2) else (b2 and b1))))
