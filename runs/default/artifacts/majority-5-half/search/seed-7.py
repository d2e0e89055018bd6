"""majority-5-half solved by evolutionary search (DEAP genetic programming), seed 7. The entry
function is the first evolved tree right on all 16 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT; no constants.
"""


def majority_5_half(x0, x1, x2, x3, x4):
    """True when at least 3 of the 5 input bits are set."""
    return ((x1 or x1) and x3 and (x3 and x2)) or (not not ((x1 or x3) and ((x2 and x0 and (x2 and x2)) or x4)))
