"""parity-5 solved by evolutionary search (DEAP genetic programming), seed 5. The entry function
is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_5(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return ((not ((not (x3 and x2)) and ((x1 and x2) ^ (x0 ^ x2)))) or ((not (x3 and x2)) or (((x2 or x2) and (not x3)) ^ (not (x4 and x4))))) and (((x0 ^ x1 ^ (x3 and x2)) or ((not x2) and (x4 ^ x4))) ^ ((x1 ^ x2) and (x0 and ((x2 or x2) and (not x3)) and (not x2))) ^ (not (((x3 and x3) or (not x2)) ^ (not (x3 ^ x4)))))
