"""parity-6 solved by evolutionary search (DEAP genetic programming), seed 10. The entry
function is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_6(x0, x1, x2, x3, x4, x5):
    """True when an even number of the 6 input bits are set (even-6-parity)."""
    return not (((not (x2 ^ (x3 ^ x2))) ^ (x0 ^ ((x5 or x2 or ((not x2) ^ x5)) ^ x4) ^ (x2 ^ x5 ^ x1))) and (not (x2 and x3 and ((not (x2 ^ (x3 ^ x2))) or x4) and (((not x2) ^ (x4 ^ (x4 or x5 or (x5 and x5)))) or (not x5)))))
