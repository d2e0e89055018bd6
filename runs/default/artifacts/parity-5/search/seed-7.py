"""parity-5 solved by evolutionary search (DEAP genetic programming), seed 7. The entry function
is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_5(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return (not (((x2 and x3 and (x0 or x4)) or x2) and x4)) ^ (x2 or x4 or (x0 and x4 and x2)) ^ (not ((not x1) ^ (x0 ^ x3)))
