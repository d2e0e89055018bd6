"""parity-6 attempted by evolutionary search (DEAP genetic programming), seed 7, without a
perfect result: the entry function is the best evolved tree, wrong on 3 of 32 training cases.
Population 500, at most 50 generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_6(x0, x1, x2, x3, x4, x5):
    """True when an even number of the 6 input bits are set (even-6-parity)."""
    return ((((x3 and x1) ^ (not x3)) or ((not x2) and (x5 or x3))) ^ (x5 or ((not x3) or (not x0)))) or ((not not (x4 or x5)) and (((not (((not x3) or (not x0)) ^ (x1 and x5))) ^ (not x4)) or (((((x5 or x5) ^ x0) or ((not x2) and (x1 or x0))) ^ ((not (x4 ^ x1)) or (not ((((x5 or (x5 or (not not (x4 or x5)))) ^ x0) or (((not not ((not x4) or x5)) or x3) and (x1 or x0))) ^ ((not (x4 ^ x1)) or (not x3)))))) or (x2 ^ (not x0)))))
