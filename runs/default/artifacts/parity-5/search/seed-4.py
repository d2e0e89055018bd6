"""parity-5 solved by evolutionary search (DEAP genetic programming), seed 4. The entry function
is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_5(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return x4 ^ (x3 ^ x3 ^ (x3 and x3) ^ x1) ^ (x2 ^ (not x0))
