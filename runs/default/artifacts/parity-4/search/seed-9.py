"""parity-4 solved by evolutionary search (DEAP genetic programming), seed 9. The entry function
is the first evolved tree right on all 16 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_4(x0, x1, x2, x3):
    """True when an even number of the 4 input bits are set (even-4-parity)."""
    return (x2 and x3) ^ (x3 and x3) ^ ((x1 or x3) ^ (not x0)) ^ (not (x3 or x2)) ^ (not (((x3 and x3) or (x3 ^ x1)) and (not not (x3 and x1))))
