"""parity-5-half attempted by evolutionary search (DEAP genetic programming), seed 8, without a
perfect result: the entry function is the best evolved tree, wrong on 1 of 16 training cases.
Population 500, at most 50 generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_5_half(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return (x4 ^ (x0 ^ (x2 or (not x3)) ^ (x2 or x1 or x1 or x2))) or ((not x3) and x4)
