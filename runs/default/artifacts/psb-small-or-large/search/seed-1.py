"""psb-small-or-large solved by evolutionary search (DEAP strongly typed GP), seed 1. The entry
function is the first evolved tree right on all 100 training cases. Population 200, at most
30 generations, lexicase selection; primitives IF, LT, LE, AND, OR, NOT.
"""


def small_or_large(n):
    """Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise."""
    return ((('small' if False else '') if (1000 <= n) else (('small' if False else 'small') if False else 'small')) if ((n if ((False if False else True) if (True or True) else (not True)) else (2000 if False else n)) <= 1000) else ('large' if (2000 <= n) else '')) if (True or True) else 'small'
