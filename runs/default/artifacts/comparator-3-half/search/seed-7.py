"""comparator-3-half solved by evolutionary search (DEAP genetic programming), seed 7. The entry
function is the first evolved tree right on all 32 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3_half(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return (b1 or b2 or (b1 or b0)) and (((b0 if (b2 or ((b2 if (b2 and ((b0 if b0 else (not (a2 and (not b0)))) and b1) and (b0 and a1)) else b2) and (a0 or b2) and a1)) else (not a2)) if b0 else ((b2 if (((b2 and (not (a2 and (not b0))) and (b0 if ((b2 if (not (a2 or a1)) else (a0 if a1 else a0)) or b2) else a0)) if b0 else b1) if ((a0 or a0) and b2) else a1) else (not (b1 if (not (a2 or a1)) else a2))) if (not a1) else b0)) or ((b2 if b0 else b0) or (not (a2 or a1 or a2))))
