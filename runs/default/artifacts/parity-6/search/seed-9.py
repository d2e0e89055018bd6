"""parity-6 attempted by evolutionary search (DEAP genetic programming), seed 9, without a
perfect result: the entry function is the best evolved tree, wrong on 5 of 32 training cases.
Population 500, at most 50 generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_6(x0, x1, x2, x3, x4, x5):
    """True when an even number of the 6 input bits are set (even-6-parity)."""
    return (x0 ^ (x1 or (x1 ^ (not x2))) ^ (((not (x4 and x4)) or (not x0)) and ((x5 ^ x3) or (x1 and (not x2))))) or x4
