"""comparator-3-half solved by evolutionary search (DEAP genetic programming), seed 10. The
entry function is the first evolved tree right on all 32 training cases. Population 2000, at
most 60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3_half(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return ((((b1 or b1) if (b1 if a0 else b1) else (not a2)) and ((b1 or (b0 if (b1 or b0) else (b2 or b0 or (b2 and a2)))) and (not a2))) or (b1 and b2)) and (b0 or (not a1))
