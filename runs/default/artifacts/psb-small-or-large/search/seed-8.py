"""psb-small-or-large solved by evolutionary search (DEAP strongly typed GP), seed 8. The entry
function is the first evolved tree right on all 100 training cases. Population 200, at most
30 generations, lexicase selection; primitives IF, LT, LE, AND, OR, NOT.
"""


def small_or_large(n):
    """Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise."""
    return 'small' if (n < 1000) else ('large' if (((1 if (2000 < 2000) else 1) if (2000 <= n) else n) < ((2000 if (n < 1000) else n) if (n < 1000) else n)) else '')
