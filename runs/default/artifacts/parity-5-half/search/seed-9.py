"""parity-5-half solved by evolutionary search (DEAP genetic programming), seed 9. The entry
function is the first evolved tree right on all 16 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_5_half(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return x2 ^ x1 ^ ((not (x4 ^ x0)) ^ (not not x3))
