"""parity-4 solved by evolutionary search (DEAP genetic programming), seed 10. The entry
function is the first evolved tree right on all 16 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_4(x0, x1, x2, x3):
    """True when an even number of the 4 input bits are set (even-4-parity)."""
    return (not (x0 ^ x1)) ^ (x3 ^ x2)
