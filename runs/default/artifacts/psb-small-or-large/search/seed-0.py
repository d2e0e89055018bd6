"""psb-small-or-large solved by evolutionary search (DEAP strongly typed GP), seed 0. The entry
function is the first evolved tree right on all 100 training cases. Population 200, at most
30 generations, lexicase selection; primitives IF, LT, LE, AND, OR, NOT.
"""


def small_or_large(n):
    """Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise."""
    return (('' if False else 'small') if (1000 <= 0) else ((('small' if False else '') if (n < 2000) else ('large' if True else '')) if True else 'small')) if (not (n < 1000)) else (('small' if True else '') if (True if True else True) else ('large' if False else ''))
