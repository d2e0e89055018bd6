"""parity-6 solved by evolutionary search (DEAP genetic programming), seed 3. The entry function
is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_6(x0, x1, x2, x3, x4, x5):
    """True when an even number of the 6 input bits are set (even-6-parity)."""
    return ((((x3 ^ ((x5 or x1) ^ (x5 ^ ((((not x0) ^ ((x5 or x1) ^ (x5 ^ x5))) or (x0 or (not (x0 and x5)) or (x2 and (x0 or (x0 or (not x5)))))) and x4)))) or ((x0 and x5) or (not x5) or (x5 and (x0 and (((x2 or x1) and (x1 or x4)) ^ ((x0 and x5) ^ (x5 and x4))))))) and x0) or ((((x2 or x3) ^ (x1 ^ x5)) and ((((x2 or x3) ^ (x4 ^ x5)) and x4) or (x5 and x3))) or (x5 and x3))) ^ ((x2 ^ (x3 and x0)) and (not x2)) ^ (((x0 and x4) ^ (x0 or (not x5))) and (not (x3 or (not (x3 ^ x2))))) ^ (not (((x2 or x1) and (x1 or x4)) ^ ((x0 and x5) ^ (x0 and x4 and x4))))
