"""psb-count-odds solved by evolutionary search (DEAP strongly typed GP), seed 2. The entry
function is the first evolved tree right on all 200 training cases. Population 200, at most
30 generations, lexicase selection; primitives LEN, SUM, MAP, FILTER, COUNT_IF, SUB, ODD,
MUL, NEG, LT, EQ, MAX, MIN, ADD.
"""


def count_odds(values):
    """Return how many of the values are odd."""
    return len([x for x in values if x % 2 == 1])
