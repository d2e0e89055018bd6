"""majority-5 attempted by evolutionary search (DEAP genetic programming), seed 6, without a
perfect result: the entry function is the best evolved tree, wrong on 1 of 32 training cases.
Population 500, at most 50 generations; primitives AND, OR, NOT; no constants.
"""


def majority_5(x0, x1, x2, x3, x4):
    """True when at least 3 of the 5 input bits are set."""
    return (x1 or x4) and (((x0 or (x1 and x4)) and (x4 and x4) and x1 and x3) or (((x2 and (x3 or (x1 and x4 and x1))) or (x2 and x3 and x4)) and x2) or (x0 and ((x2 and x3) or (x0 and (x3 or x2 or ((x1 and x4 and (x1 and x4)) or x2))))))
