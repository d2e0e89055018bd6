"""psb-small-or-large solved by evolutionary search (DEAP strongly typed GP), seed 9. The entry
function is the first evolved tree right on all 100 training cases. Population 200, at most
30 generations, lexicase selection; primitives IF, LT, LE, AND, OR, NOT.
"""


def small_or_large(n):
    """Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise."""
    return ((('large' if True else '') if (False if False else False) else 'large') if ((1000 if True else 1) < (1000 if True else 2000)) else (('' if False else '') if (1000 <= n) else ('' if False else 'small'))) if ((n < 2000) or False or (False and (1000 <= 2000))) else ('large' if ((n < 2000) or (True and False) or True) else 'large')
