"""comparator-3-half solved by evolutionary search (DEAP genetic programming), seed 0. The entry
function is the first evolved tree right on all 32 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3_half(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return (((b0 or a0 or (not b1)) if (not not b2) else ((not a0) and (not b0))) if ((a2 or a0 or (a0 or a2)) and (not not b0)) else (((a2 if a0 else b0) and (b1 or b0)) if ((not b0) and (a2 or a1)) else (not (a2 or a2)))) if (((not a2) or (not b1) or ((b1 if b0 else b0) if (not a1) else (not a0))) if a2 else (b1 or b2 or (b1 or b1) or ((b2 if (not not a2) else a1) if a2 else (b1 if a1 else b0)))) else ((b0 or a2 or (a0 and b0)) and (b0 if (a0 and b0) else (b2 if b1 else b0)) and ((not (b0 and b1)) and ((b1 and b0) or (b1 if (b2 and b0 and a2) else b1))))
