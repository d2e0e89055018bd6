"""comparator-3-half solved by evolutionary search (DEAP genetic programming), seed 9. The entry
function is the first evolved tree right on all 32 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3_half(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return (((b2 or a2 or a1) if ((b2 and a0) or (not b0)) else (not not a1)) and ((not not b0) and ((b0 and b2) if (b2 or a0 or (b2 or a2)) else (not a2)))) if (a1 if (b2 or b0) else (not (a2 if (a2 or b0) else (((a2 or b1 or (a2 or a2)) if (not a2) else (not a0)) and (((not a1) or a0) if b2 else b1))))) else ((not not not a0) if ((b0 or a1) and (a1 if b1 else b1) and ((b2 and a0) or (b0 and a0))) else (((b1 or a1) and b2) or (not (a1 if a1 else a2))))
