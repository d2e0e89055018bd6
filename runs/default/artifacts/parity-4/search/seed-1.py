"""parity-4 solved by evolutionary search (DEAP genetic programming), seed 1. The entry function
is the first evolved tree right on all 16 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_4(x0, x1, x2, x3):
    """True when an even number of the 4 input bits are set (even-4-parity)."""
    return ((x2 or x0) and (x1 or (not (((not not x1) and ((x1 ^ (x0 and x1) ^ (x2 or x0)) or (x1 or x3) or ((((x1 and x0) ^ (x3 ^ x1 ^ x2)) or x1) ^ (not x0)))) or x1)))) ^ ((not not (x2 and x0)) ^ ((not not x3) ^ ((not x1) or (not x1))))
