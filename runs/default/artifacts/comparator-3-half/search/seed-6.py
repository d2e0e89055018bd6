"""comparator-3-half solved by evolutionary search (DEAP genetic programming), seed 6. The entry
function is the first evolved tree right on all 32 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3_half(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return not ((((a0 or b2) if (b1 and a1) else (a1 if b2 else a0)) if (not (a2 or a1)) else ((b2 if a2 else a2) if (b2 and b1) else (not b1))) if ((not b1) if (not a1) else ((a1 if a0 else b0) and (a2 and a0) and (not b1))) else (((b1 and a2) if (not a2) else (not b2)) if (not (a2 if (b1 and b0) else a1)) else (not (b2 and b0))))
