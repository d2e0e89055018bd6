"""psb-sum-of-squares solved by evolutionary search (DEAP strongly typed GP), seed 5. The entry
function is the first evolved tree right on all 50 training cases. Population 200, at most 30
generations, lexicase selection; primitives RANGE, MAP, SUM, LEN, FILTER, ODD, MUL, NEG, LT,
EQ, MAX, MIN, ADD.
"""


def sum_of_squares(n):
    """Return the sum of the squares of 1, 2, ..., n."""
    return sum([x * x for x in range(1, n + 1)])
