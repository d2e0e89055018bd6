"""psb-small-or-large solved by evolutionary search (DEAP strongly typed GP), seed 10. The entry
function is the first evolved tree right on all 100 training cases. Population 200, at most
30 generations, lexicase selection; primitives IF, LT, LE, AND, OR, NOT.
"""


def small_or_large(n):
    """Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise."""
    return ('large' if (True and True) else ('small' if (n <= 1000) else 'small')) if (not not False) else (('small' if (n < 1000) else '') if (n < 2000) else ('large' if (1000 < (2000 if True else 1000)) else 'large'))
