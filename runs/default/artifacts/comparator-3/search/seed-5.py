"""comparator-3 attempted by evolutionary search (DEAP genetic programming), seed 5, without a
perfect result: the entry function is the best evolved tree, wrong on 1 of 64 training cases.
Population 2000, at most 60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return a2 if (a2 and b2 and ((b0 if (not b2) else b1) and (not a1))) else ((((b2 and (a2 and b0 and (((not a0) if a0 else (a2 if b2 else (a1 and b2))) and (not not (b1 or (not a1))))) and b0) if a2 else (b1 if b1 else b2)) and a2) if a2 else (b1 if ((((not a0) and b0) if a1 else b1) and b1) else b2))
