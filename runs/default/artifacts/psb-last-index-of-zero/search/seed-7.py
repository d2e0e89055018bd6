"""psb-last-index-of-zero solved by evolutionary search (DEAP strongly typed GP), seed 7. The
entry function is the first evolved tree right on all 150 training cases. Population 200, at
most 30 generations, lexicase selection; primitives INDICES_WHERE, LAST, LEN, SUB, COUNT_IF,
FILTER, ODD, MUL, NEG, LT, EQ, MAX, MIN, ADD.
"""


def last_index_of_zero(values):
    """Return the index of the last 0 in the list."""
    return [i for i, x in enumerate(values) if x == 0][-1] if [i for i, x in enumerate(values) if x == 0] else -1
