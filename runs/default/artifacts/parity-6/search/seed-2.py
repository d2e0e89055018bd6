"""parity-6 solved by evolutionary search (DEAP genetic programming), seed 2. The entry function
is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_6(x0, x1, x2, x3, x4, x5):
    """True when an even number of the 6 input bits are set (even-6-parity)."""
    return x0 ^ x4 ^ (not x2) ^ ((x3 and x3) ^ (((x2 ^ x2) and ((x3 and x3 and (x0 ^ x0)) or (x4 and (x0 ^ x2)))) or x5) ^ (not not x1))
