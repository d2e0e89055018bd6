"""parity-6 attempted by evolutionary search (DEAP genetic programming), seed 8, without a
perfect result: the entry function is the best evolved tree, wrong on 4 of 32 training cases.
Population 500, at most 50 generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_6(x0, x1, x2, x3, x4, x5):
    """True when an even number of the 6 input bits are set (even-6-parity)."""
    return (x1 ^ x3 ^ x4 ^ x5) or ((x1 ^ x4 ^ (x5 ^ x3)) or (x3 and x2 and (x4 and x1))) or (((x4 ^ (x3 and x3)) or (x2 ^ ((x4 and x1) ^ ((not (((not x2) ^ x0) or (x4 ^ (x3 and x3)))) or ((not not x5) or ((x2 and x4) ^ (x4 ^ x1)))))) or ((x3 or x2) ^ (x2 ^ x0))) and ((not (x2 and ((x4 ^ x3) or (x5 and x2 and x2)))) ^ ((not (x1 ^ x3 ^ x4 ^ x5)) and (x0 or x0))))
