"""comparator-3 solved by evolutionary search (DEAP genetic programming), seed 10. The entry
function is the first evolved tree right on all 64 training cases. Population 2000, at most
60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return ((((b1 and b2) or (b0 and (b0 or b1))) and ((not (a2 if (not b1) else (a0 and a1))) if a1 else (b1 or b0))) or (not a2)) if ((((b1 if a2 else b2) if a1 else (not a2)) and ((b1 or b2) and (not a2))) if (not (((not not b0) or a2) and (b1 if (not a2) else b2))) else (((not a0) or (b1 and (((b1 if (not a2) else b2) if a2 else b2) if (b1 if b2 else a1) else (not a2)))) if ((not b1) and a2) else (((b2 if a0 else b1) and ((b0 and b0) or b0)) if a1 else b1))) else (((not b2) if (a2 and b1) else (b2 if (b2 or b2) else (not a2))) and ((a1 if a2 else ((((b1 if a2 else b2) if a2 else (not a2)) and ((b1 or b2) and (not a2))) if b1 else (a0 or b2))) or b0) and ((not (a0 or a2 or (((not a0) or (b1 and (b1 and (not a2)))) if ((not b1) and (b2 or b2)) else a0))) and ((b2 if a1 else ((not (a0 or ((((not b2) if (a2 and b1) else ((b0 and (b0 or b1)) if a1 else a1)) and ((a1 if a2 else ((b2 if b2 else b2) if b2 else a2)) or (b2 if a0 else (b1 if (not a2) else b2)))) if b0 else (b1 if (not a2) else b2)))) if a1 else (b1 or b0))) and (not (a0 or b2 or b1)))))
