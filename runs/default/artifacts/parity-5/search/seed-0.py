"""parity-5 solved by evolutionary search (DEAP genetic programming), seed 0. The entry function
is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_5(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return ((((not x1) and (not x4)) ^ ((x1 ^ x0) or (x0 and x0))) or (((x3 and x3) or (not x1)) ^ ((x4 or x1) and (x1 and x3)))) ^ ((not (x0 or (not x2))) ^ ((not x3) ^ (x1 ^ x4) ^ ((x2 and x2) or (not x0))))
