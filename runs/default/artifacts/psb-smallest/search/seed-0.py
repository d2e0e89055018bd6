"""psb-smallest solved by evolutionary search (DEAP strongly typed GP), seed 0. The entry
function is the first evolved tree right on all 100 training cases. Population 200, at most
30 generations, lexicase selection; primitives MIN, MAX, LT, IF, ADD, SUB.
"""


def smallest(a, b, c, d):
    """Return the smallest of the four integers."""
    return min(min(min(a, c), d), b)
