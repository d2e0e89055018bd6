"""parity-6 attempted by evolutionary search (DEAP genetic programming), seed 4, without a
perfect result: the entry function is the best evolved tree, wrong on 1 of 32 training cases.
Population 500, at most 50 generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_6(x0, x1, x2, x3, x4, x5):
    """True when an even number of the 6 input bits are set (even-6-parity)."""
    return (((((x3 and x2) or (not x4)) and x2) or (not x4)) ^ (x3 ^ x2 ^ (not x2)) ^ (((x0 ^ x1) or (not x3)) ^ (not not x4)) ^ ((not not not (x3 and x3)) or ((x5 or x4 or (not x2)) and (not (x3 ^ x3))))) or ((x2 or x5) ^ (x1 or x3) ^ (x5 ^ x4 ^ (x5 or (x3 ^ (not not x2)))) ^ (x3 and x3 and (x0 and x0) and (not (x3 ^ x2))) ^ (not (((x2 ^ x0) or (x0 or x0)) and ((not (x2 and x0)) and ((x3 and x2) ^ (not x3))))))
