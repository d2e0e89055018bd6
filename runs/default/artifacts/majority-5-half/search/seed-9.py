"""majority-5-half solved by evolutionary search (DEAP genetic programming), seed 9. The entry
function is the first evolved tree right on all 16 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT; no constants.
"""


def majority_5_half(x0, x1, x2, x3, x4):
    """True when at least 3 of the 5 input bits are set."""
    return ((x1 and (not not x3)) or ((x1 or x4 or x4) and (x4 and x4)) or (((x2 and x1 and x4) or x0) and (x4 or x2) and (not (x0 and x4)))) and (not not ((x1 and x1) or (x2 and x3)))
