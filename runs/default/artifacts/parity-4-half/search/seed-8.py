"""parity-4-half solved by evolutionary search (DEAP genetic programming), seed 8. The entry
function is the first evolved tree right on all 8 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_4_half(x0, x1, x2, x3):
    """True when an even number of the 4 input bits are set (even-4-parity)."""
    return (not x0) ^ (x3 or x3) ^ ((not x1) ^ (not x2))
