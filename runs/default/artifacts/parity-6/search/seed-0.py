"""parity-6 attempted by evolutionary search (DEAP genetic programming), seed 0, without a
perfect result: the entry function is the best evolved tree, wrong on 1 of 32 training cases.
Population 500, at most 50 generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_6(x0, x1, x2, x3, x4, x5):
    """True when an even number of the 6 input bits are set (even-6-parity)."""
    return (not (x4 or ((not x1) ^ (x2 ^ x3)))) ^ (((not (x5 ^ x0)) or ((x4 or x0) and ((not (x5 ^ x0)) or ((x4 or x4) and ((not x1) ^ (x2 ^ x3)))))) and (x2 or (x5 ^ x0) or (((x4 ^ ((not x0) ^ x5)) and x1) or ((x2 ^ x3) or x1))))
