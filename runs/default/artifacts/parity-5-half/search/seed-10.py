"""parity-5-half solved by evolutionary search (DEAP genetic programming), seed 10. The entry
function is the first evolved tree right on all 16 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_5_half(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return (x1 ^ (not ((not (x4 ^ x2)) ^ (not (x3 ^ x0))))) or (not (((x1 and x0) or (x4 or x0)) ^ ((x0 and x1) ^ (x2 ^ x2)) ^ ((not (x0 ^ x4)) or x1)))
