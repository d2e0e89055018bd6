"""comparator-3 solved by evolutionary search (DEAP genetic programming), seed 7. The entry
function is the first evolved tree right on all 64 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return ((((b0 and b2) or (not a2)) if ((b2 if b2 else b2) or (a2 if a1 else b1)) else ((((b0 or a0) if (a2 or (a2 if a1 else b1)) else (b2 or (not a2))) if ((b2 if (not (a2 and b1 and ((((not a2) or ((a0 or (b0 or b1) or a2) if b2 else b2)) if (a2 if a1 else b1) else b2) or a0))) else a2) or (a2 if a1 else b0)) else (b0 and a1 and (b1 and (a2 if a0 else b1)))) and (not (a0 and a2 and ((((b0 and b2 and b2) or (not a2)) if ((b2 if a2 else b2) or b2) else (((a0 if b0 else b2) or (not b1)) and a1 and (b0 and b2 and ((not a1) if a0 else b1)))) and (not (a0 and a2 and (b2 or a0))) and (not (a0 and a2 and (b0 or a0)))))) and (not a2))) and (not (a0 and a2 and (b0 or b2)))) if ((((not (b1 if b2 else a2)) if b1 else (b2 if b2 else b2)) or a1) if b1 else (not ((a2 if a1 else b1) if b2 else a0))) else (b2 and b1)
