"""parity-3 solved by evolutionary search (DEAP genetic programming), seed 3. The entry function
is the first evolved tree right on all 8 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_3(x0, x1, x2):
    """True when an even number of the 3 input bits are set (even-3-parity)."""
    return (not x2) ^ (not x1) ^ (not x0)
