"""psb-small-or-large solved by evolutionary search (DEAP strongly typed GP), seed 3. The entry
function is the first evolved tree right on all 100 training cases. Population 200, at most
30 generations, lexicase selection; primitives IF, LT, LE, AND, OR, NOT.
"""


def small_or_large(n):
    """Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise."""
    return ((('small' if False else 'small') if False else ('small' if False else 'large')) if (not (n <= 2000)) else (('' if (False or True) else 'large') if (1000 <= n) else ('small' if True else ''))) if (False or ((n if ((1 if True else 2000) < (1000 if True else 1000)) else 2000) < (2000 if True else 1000))) else 'large'
