"""parity-6 solved by evolutionary search (DEAP genetic programming), seed 5. The entry function
is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_6(x0, x1, x2, x3, x4, x5):
    """True when an even number of the 6 input bits are set (even-6-parity)."""
    return ((not x1) or (((x0 ^ (x1 or (x0 or x3) or (not x5))) or (x3 or (not x2))) ^ ((not x1) and (x3 and x4)) ^ (x3 ^ x5 ^ (((not x1) and (x5 and (((not (((not x5) and x3) or (x0 or x2))) ^ (((x3 ^ x4) and (not (x1 or x1))) or (((not x5) and (x3 ^ x4)) or x1 or (not (x1 or (x0 or (x4 and x3)) or (not x5)))))) and (x3 or (((x5 or (not (x5 ^ x1))) and (not x5)) ^ (not (x2 and x0))))))) or x4) ^ (x1 or (not x2))))) ^ (((not (((not x5) and x3) or (x0 or x2))) ^ (((x3 ^ x4) and (not (x2 and x0))) or (((x3 ^ x4) and (not x0)) or x1 or (not x5)))) and ((((not x5) and (x4 and x4)) ^ ((x4 ^ x4) or (not x3))) or (((x5 or (not (x5 ^ x1))) and (not x5)) ^ (not (x2 and x0)))))
