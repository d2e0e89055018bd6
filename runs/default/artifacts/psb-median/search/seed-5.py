"""psb-median solved by evolutionary search (DEAP strongly typed GP), seed 5. The entry function
is the first evolved tree right on all 100 training cases. Population 200, at most 30
generations, lexicase selection; primitives MIN, MAX, LT, IF, ADD, SUB.
"""


def median(a, b, c):
    """Return the median of the three integers."""
    return max(min(c, a), min(max(a, c), b))
