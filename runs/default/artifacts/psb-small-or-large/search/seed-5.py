"""psb-small-or-large solved by evolutionary search (DEAP strongly typed GP), seed 5. The entry
function is the first evolved tree right on all 100 training cases. Population 200, at most
30 generations, lexicase selection; primitives IF, LT, LE, AND, OR, NOT.
"""


def small_or_large(n):
    """Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise."""
    return ('small' if False else 'small') if (n < 1000) else ('' if ((n < 2000) and (n <= 2000)) else 'large')
