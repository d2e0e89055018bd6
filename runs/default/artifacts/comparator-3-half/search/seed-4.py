"""comparator-3-half solved by evolutionary search (DEAP genetic programming), seed 4. The entry
function is the first evolved tree right on all 32 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3_half(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return ((not (a2 or b2)) and ((b0 and b1) if (a1 or b2) else (not a2))) if ((not (b0 if a1 else (((b0 if a1 else b2) and (b2 and b1 and b2 and a2)) if a2 else (not a1)))) if b2 else (((a0 if a2 else (((not b1) if a2 else a2) or a2)) or b1) if (b1 if b1 else a1) else (a0 if a2 else b0))) else b2
