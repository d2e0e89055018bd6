"""comparator-3-half solved by evolutionary search (DEAP genetic programming), seed 8. The entry
function is the first evolved tree right on all 32 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3_half(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return ((((not a1) and (((not not not a2) and ((b1 and b0) or b0 or (not not (((not (a1 or a1 or a2)) and (b1 or b2)) or (b0 and a1 and (not a2)))))) or b2)) or (b0 and a2 and (((b0 and b0) if a2 else ((not (a2 if (a1 and (b0 and (not a2))) else (b0 and b1))) or b2)) and b2))) and (((b2 or b0) and (b1 or b1)) or ((not a2) and (not a1)))) or (not ((not (b0 and ((((b1 or (b1 or b2)) if a2 else (a2 if a0 else a1)) if ((not a0) or (not b0)) else (a1 or (b0 and ((not a2) and b0)) or (a2 and b2))) if (((b2 and b1) if (b1 and b0) else ((b1 and b2) if ((b2 if a2 else b0) and b0) else b0)) and ((a2 and a0) if (b1 if a2 else a1) else (b0 and b2))) else ((not not a1) if (not (b0 or a0)) else (not not a1))))) or (a2 and a2)))
