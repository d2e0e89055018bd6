"""psb-small-or-large solved by evolutionary search (DEAP strongly typed GP), seed 2. The entry
function is the first evolved tree right on all 100 training cases. Population 200, at most
30 generations, lexicase selection; primitives IF, LT, LE, AND, OR, NOT.
"""


def small_or_large(n):
    """Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise."""
    return ('large' if (((n if (((n if False else 1000) if (2000 < 2000) else (2000 if True else 1000)) <= ((0 if True else n) if (True and False) else (1000 if False else n))) else 1000) if (2000 < 2000) else (2000 if True else 1000)) <= ((2000 if True else n) if (True and (2000 <= 1)) else (1000 if False else n))) else '') if (1000 <= n) else (('large' if False else 'small') if False else 'small')
