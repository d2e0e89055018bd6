"""parity-6 attempted by evolutionary search (DEAP genetic programming), seed 1, without a
perfect result: the entry function is the best evolved tree, wrong on 2 of 32 training cases.
Population 500, at most 50 generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_6(x0, x1, x2, x3, x4, x5):
    """True when an even number of the 6 input bits are set (even-6-parity)."""
    return (((((x4 or x5) ^ (x3 or x4)) and (x4 or x2)) or (not not not x1)) and ((((not (x3 ^ x3)) ^ ((((((x4 or x5) ^ (x1 or x4 or x4)) and (x4 or x2)) or ((not x0) or (not (x3 ^ x3)))) and x4 and x3) or x4 or (x1 or ((x4 or x5) ^ (x3 or x4))))) or (((not (x3 ^ x3)) ^ ((((not x0) ^ (x3 ^ x3) ^ (x5 or x1 or ((not x4) ^ x2))) and ((x4 or x5) ^ (x3 or x4))) or (x3 or ((x3 or (not x5) or (x3 or (x3 or x4))) ^ (not (x0 and x1)))))) or x1 or ((x3 or (((((not x5) ^ x5 ^ x1) and (x5 or x2) and x0) or (not x5) or ((x1 and x0) or (x4 or x4))) ^ (not x0))) ^ (not x0))) or ((x3 or ((x4 or (x1 or x4) or (x3 or (x3 or x4))) ^ (not x0))) ^ (not x1))) ^ ((not (x3 ^ x3)) ^ ((((not x4) or (x1 or (not x1))) and x4 and x3) or (x1 or x2))))) ^ (not ((not not x5) ^ (not not (x0 and x1)) ^ ((not x0) ^ (x5 or x0) ^ (x4 or x2 or (((((not x4) or ((not (((x1 and x0) or (not x5) or (x3 or (x3 or x4))) ^ (not x0))) or (not x1))) and x4 and ((not x5) ^ x5)) or (not not not x1)) and (x2 or (not not (x0 and x1)) or (x3 ^ x2))) or (x3 ^ x2)))))
