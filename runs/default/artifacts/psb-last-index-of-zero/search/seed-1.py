"""psb-last-index-of-zero attempted by evolutionary search (DEAP strongly typed GP), seed 1,
without a perfect result: the entry function is the best evolved tree, wrong on 102 of 150
training cases. Population 200, at most 30 generations, lexicase selection; primitives
INDICES_WHERE, LAST, LEN, SUB, COUNT_IF, FILTER, ODD, MUL, NEG, LT, EQ, MAX, MIN, ADD.
"""


def last_index_of_zero(values):
    """Return the index of the last 0 in the list."""
    return max(len(values), 0 + 1) + ((-1) - len([x for x in [i for i, x in enumerate([i for i, x in enumerate(values) if x % 2 == 1]) if 2 < x] if x < 2]) - len([x for x in [i for i, x in enumerate([i for i, x in enumerate([i for i, x in enumerate(values) if x % 2 == 1]) if x % 2 == 1]) if x % 2 == 1] if x == 0]))
