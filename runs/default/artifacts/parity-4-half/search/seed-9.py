"""parity-4-half solved by evolutionary search (DEAP genetic programming), seed 9. The entry
function is the first evolved tree right on all 8 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_4_half(x0, x1, x2, x3):
    """True when an even number of the 4 input bits are set (even-4-parity)."""
    return ((((x1 and x1) ^ x0) or x3) and (not x0)) ^ ((not x2) ^ (x3 and x1))
