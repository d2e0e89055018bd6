"""psb-small-or-large attempted by evolutionary search (DEAP strongly typed GP), seed 4, without
a perfect result: the entry function is the best evolved tree, wrong on 1 of 100 training
cases. Population 200, at most 30 generations, lexicase selection; primitives IF, LT, LE,
AND, OR, NOT.
"""


def small_or_large(n):
    """Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise."""
    return (('' if False else 'large') if True else 'large') if (2000 < n) else (('small' if False else 'small') if (False if (1000 <= n) else True) else ('' if True else 'small'))
