"""psb-small-or-large solved by evolutionary search (DEAP strongly typed GP), seed 6. The entry
function is the first evolved tree right on all 100 training cases. Population 200, at most
30 generations, lexicase selection; primitives IF, LT, LE, AND, OR, NOT.
"""


def small_or_large(n):
    """Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise."""
    return ((('large' if False else '') if (0 < 0) else ('large' if True else '')) if ((2000 <= n) or (not True)) else (('' if True else 'small') if (1000 <= n) else ('small' if True else ''))) if (not ((1 if False else n) < (n if True else n))) else ((('small' if False else '') if False else ('large' if False else 'large')) if ((1000 < 1000) if (1000 < n) else (True if True else False)) else (('small' if False else '') if (False or False) else ('large' if False else 'large')))
