"""comparator-3-half solved by evolutionary search (DEAP genetic programming), seed 3. The entry
function is the first evolved tree right on all 32 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3_half(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return (b2 if a1 else (b1 or b2)) if ((b2 if b0 else b1) if (b2 if a0 else b0) else (not (a2 and ((b2 and ((a1 or b1) and b1)) or (a2 or ((b0 or a1) if b0 else (b2 if a1 else ((not a1) or a0)))))))) else (not a2)
