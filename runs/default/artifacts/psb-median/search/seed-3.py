"""psb-median solved by evolutionary search (DEAP strongly typed GP), seed 3. The entry function
is the first evolved tree right on all 100 training cases. Population 200, at most 30
generations, lexicase selection; primitives MIN, MAX, LT, IF, ADD, SUB.
"""


def median(a, b, c):
    """Return the median of the three integers."""
    return max(min(b if ((0 < a) if (True if False else (a < 1)) else (b < b)) else a, c), min(max(c, max(c, a)), b))
