"""parity-3-half solved by evolutionary search (DEAP genetic programming), seed 0. The entry
function is the first evolved tree right on all 4 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_3_half(x0, x1, x2):
    """True when an even number of the 3 input bits are set (even-3-parity)."""
    return not ((x0 or x1) ^ (x2 or x1))
