"""comparator-3-half solved by evolutionary search (DEAP genetic programming), seed 1. The entry
function is the first evolved tree right on all 32 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3_half(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return not not (((not (a1 and a2)) if (not (a2 if b1 else a0)) else b2) and (((not a2) or (b1 if b1 else (not a2))) if ((a2 or a2 or b0 or b2) if (not (((not a0) if (not (b2 if a0 else a0)) else (not (a1 and a2))) and (((not a2) or (a2 if b1 else b1)) if ((not a0) if (a2 if b1 else b1) else (b0 and b0)) else (not (a2 or a1))))) else (b0 and b0)) else (not (a2 or a1))))
