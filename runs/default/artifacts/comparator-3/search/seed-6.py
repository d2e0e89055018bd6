"""comparator-3 solved by evolutionary search (DEAP genetic programming), seed 6. The entry
function is the first evolved tree right on all 64 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return not (((not b2) or a2) if ((((not b2) or a2) if ((not b1) if (a0 or (not b0)) else (((((not b2) and a2) if (not a2) else (not b2)) if (not (b2 if b2 else a1)) else a1) and (not b1))) else ((((a0 or (not b0)) and a2) if (not a2) else (not b2)) if (not ((((((a2 or a0) if (b0 or a2) else (b0 or a2)) or b0) and a2) if (a0 or ((b0 if (not a2) else (not b2)) if (not (a2 if b2 else (b2 and a2))) else (not ((b0 or a1) and b0)))) else (a0 and ((not b2) if (b2 and (b2 or (not b2))) else (not ((b2 and a2) if ((not a2) or (b1 and b2) or a2) else (a0 and a0)))))) if b2 else a1)) else a1)) if (a0 or (not b0)) else (a2 and ((not a2) or (b1 and (not b1)) or (not b2)) and (not b1))) else (((not b2) or ((b2 and a2) if (not a2) else (not b2))) if ((not b1) if ((((((a2 or ((not b2) or a2)) if (b0 or a2) else (b0 or a2)) or (b0 if a1 else b1)) and a2) if (a0 or ((b0 if (not a2) else (not b2)) if (not (a2 if b2 else a1)) else (not (b2 and b0)))) else (a0 and (b2 if (b2 and ((not a2) or (b1 and b2) or (not b2))) else (not (((((a2 or a0) if a0 else (a0 or (not ((not a2) or (b1 and b2))))) or (not (b1 or b2))) and b0) if (a0 or a2) else b2))))) if b2 else a1) else (b1 and (a1 or (a0 and a0 and (not a1) and (not a2)) or b2) and a2)) else (((b2 and a2) if (not a2) else (not (b2 and ((not b1) if (a2 or (not b0)) else (b1 and (a0 or (not b2)) and (not not b2)))))) if (not (a2 if a1 else (b2 or a1))) else a1)))
