"""parity-5 solved by evolutionary search (DEAP genetic programming), seed 8. The entry function
is the first evolved tree right on all 32 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_5(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return (((x4 ^ (x0 or x3 or (not x3))) and (x0 or x3)) or (not not x1)) ^ ((not (x4 or x1)) ^ ((not x0) ^ (not x4))) ^ ((not ((not x3) and (x4 or (not not ((((not x4) or (not not x1)) ^ ((not (x4 or x1)) ^ ((not x0) ^ (not x4)))) or x4 or x1))))) ^ ((not (x2 or x2)) and ((x4 ^ x1) or x3 or (not x3) or ((((not (x2 or x2)) and (x0 or x3 or (not x3) or ((x4 or x0) ^ x4) or ((not (x3 or x0)) and ((x0 and x2) ^ (x1 ^ x2))))) or x0) ^ (not x2)) or ((not (x3 or x0)) and ((x0 and x2) ^ (x1 ^ x2))))))
