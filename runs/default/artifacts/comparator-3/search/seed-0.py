"""comparator-3 attempted by evolutionary search (DEAP genetic programming), seed 0, without a
perfect result: the entry function is the best evolved tree, wrong on 2 of 64 training cases.
Population 2000, at most 60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return ((b1 and b1 and (not (((a0 or a0) if b0 else ((b1 and (not ((not ((b0 if b0 else a2) if ((not b2) and a2) else a1)) and a1 and (not ((b0 if b0 else a2) if ((not b2) and a2) else a1))))) or b2)) if (a1 and a1) else a1)) and (not a2)) or b2) and ((b1 and (not (((a0 or a0) if b0 else ((b1 and (not (b2 and (not ((b0 if b0 else a2) if ((not b2) and a2) else a1))))) or b2)) if (a1 and a1) else a1))) or (not a2))
