"""psb-median solved by evolutionary search (DEAP strongly typed GP), seed 2. The entry function
is the first evolved tree right on all 100 training cases. Population 200, at most 30
generations, lexicase selection; primitives MIN, MAX, LT, IF, ADD, SUB.
"""


def median(a, b, c):
    """Return the median of the three integers."""
    return min(max(a, max(b, b)), max(min(b, a) + min(0, 0), (c if False else c) + (c if False else 0)) if True else 0)
