"""parity-5 attempted by evolutionary search (DEAP genetic programming), seed 6, without a
perfect result: the entry function is the best evolved tree, wrong on 4 of 32 training cases.
Population 500, at most 50 generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_5(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return ((not ((not (x4 and (not x2))) ^ ((x3 ^ x1) or (not x1)))) or (((not x1) and (x4 and x3)) or ((((not x3) or (x0 ^ x4)) and x2) ^ (x0 ^ x1)) or (((not x1) ^ (x2 and x3)) and ((x2 ^ (not x2)) and (x1 ^ x0))))) and (((not ((not x0) ^ (not x1))) ^ ((x0 ^ x4) and ((not x2) ^ (not x2)))) or (((x3 ^ x0) or x2 or ((x3 ^ (((not ((not x0) ^ (not x1))) ^ ((not x3) and ((not x2) ^ (not x2)))) and x1)) or ((not ((not x0) ^ (not x1))) or ((not x2) or ((((x2 ^ x2) and (x4 ^ x0)) ^ x2) or (x1 or x2)) or (not x3)))) or (not x3)) and (((not x4) and (x3 or (x0 ^ x1) or ((x3 ^ x2) or (x1 or x2)))) ^ (not (x3 ^ x2)))))
