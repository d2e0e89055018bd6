"""majority-5 solved by evolutionary search (DEAP genetic programming), seed 0. The entry
function is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT; no constants.
"""


def majority_5(x0, x1, x2, x3, x4):
    """True when at least 3 of the 5 input bits are set."""
    return (((x2 or ((x3 and x2) or (x0 and x1) or (x0 and x1))) and (x4 or ((not not (x3 or x3)) and (x0 and x3)))) or ((x1 and x2) or ((x3 or x3) and (x4 or x4)))) and (x0 or ((x1 and x4) or ((x0 or x3 or x3) and (x0 and x3)) or (x3 and x2)))
