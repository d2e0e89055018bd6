"""psb-negative-to-zero solved by evolutionary search (DEAP strongly typed GP), seed 1. The
entry function is the first evolved tree right on all 200 training cases. Population 200, at
most 30 generations, lexicase selection; primitives MAP, FILTER, ODD, MUL, NEG, LT, EQ, MAX,
MIN, ADD.
"""


def negative_to_zero(values):
    """Return the list with every negative value replaced by 0."""
    return [max(x, 0) for x in values]
