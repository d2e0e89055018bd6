"""parity-6 solved by evolutionary search (DEAP genetic programming), seed 6. The entry function
is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_6(x0, x1, x2, x3, x4, x5):
    """True when an even number of the 6 input bits are set (even-6-parity)."""
    return not ((not x3) ^ (x4 ^ x2) ^ ((not x1) and ((not (x4 and x1 and x4)) or x4)) ^ (((not (x5 and x5)) and x0) or (((x4 and x0) ^ (x5 or x0)) and (not (x5 and x0)))))
