"""comparator-3 attempted by evolutionary search (DEAP genetic programming), seed 8, without a
perfect result: the entry function is the best evolved tree, wrong on 1 of 64 training cases.
Population 2000, at most 60 generations; primitives AND, OR, NOT, IF; no constants.
"""


def comparator_3(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    return (b1 or (b0 or b2)) if ((not not not a2) and ((b2 and (not (a2 and b1))) or ((((not a1) or (((b1 and b2) or (not b1)) if (not (((not not not a1) and b2 and (a2 and b1 and b0)) if a2 else ((b0 and b1) or a2))) else (not ((((a2 and a2) or b1) and (((a0 or a1) and (a0 or b1)) or a1)) or a1)))) if b1 else a1) or a2) or ((not a0) and (not a1))) and ((b2 and (not (a2 and a2))) or b1 or ((not (b2 and ((not not (b1 or b2)) and (a1 or (b2 and (not (a2 and b1))))))) and (not ((not b2) and (b1 or a1)))))) else (((b2 or b2) and ((not a1) and (b1 or a1))) if (not (b0 and a1)) else ((((not not not a1) or (not b1)) if (not ((b2 and b2) if a2 else ((b0 and b1) or (a2 or (not a1))))) else (not a0)) and b1))
