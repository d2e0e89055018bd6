"""comparator-3-half solved by evolutionary search (DEAP genetic programming), seed 2. The entry
function is the first evolved tree right on all 32 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3_half(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return ((((b2 and (b2 if b0 else (a1 and b0))) if a1 else a1) or b0) if b0 else (not a1)) if ((b1 and (not a2)) or (((b2 if ((a0 if (a1 or a2) else (((a1 if ((b0 or b2) if (a1 or ((a0 if b0 else a1) and b1)) else (a2 or (a2 and (a0 and ((not a1) or a1))))) else ((not b2) and (a0 or b2))) if a2 else b2) or b0)) or b0) else (b2 and b0)) if (a2 if (a1 or a1) else (a2 or b1)) else (b2 and b0)) if a2 else (a0 if b2 else b0))) else ((b2 if (not not (b0 or (b2 if a0 else a0))) else ((b0 if b1 else b1) and (b0 or a2))) if a2 else (a0 if (a1 or a1) else ((((b2 if b0 else (a1 and (a2 or b0))) if a2 else ((not a0) if (a1 or a1) else (b2 if a2 else (b0 if a2 else (a2 or (b0 or (a2 if a0 else (b1 or (not a1))))))))) if a1 else (((b2 if (a0 or b2) else (a0 and (not (b1 and (not a0))))) if a2 else a2) or b2)) or b0 or b0)))
