"""comparator-3-half solved by evolutionary search (DEAP genetic programming), seed 5. The entry
function is the first evolved tree right on all 32 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3_half(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return not (((not b0) and a1) if (b2 if (not ((b0 or (not a1)) if (not (b2 or a2)) else (b2 if b0 else b2))) else b1) else (a2 if b0 else (a2 or (not (((not ((not a2) or (b0 or (not ((a1 and a1) if a1 else a1))))) if (b0 and a0) else (b1 if b0 else b2)) if (not (a1 and b2)) else (not (a2 and a1)))))))
