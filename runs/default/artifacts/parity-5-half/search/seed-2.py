"""parity-5-half solved by evolutionary search (DEAP genetic programming), seed 2. The entry
function is the first evolved tree right on all 16 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_5_half(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return (((x2 ^ x3) or (x0 ^ x1) or ((x1 ^ x3) and (x0 ^ x1)) or (((x4 ^ x1) or (not x2)) and ((not ((not x1) ^ (x4 ^ x2))) or (not (x4 and ((not ((x1 ^ x0 ^ (x3 and x4)) and x3)) and x0)))))) ^ ((x1 and x3 and (x0 ^ ((x1 or x3) and (x0 ^ x1)))) ^ (x1 ^ x3 ^ (not x0)) ^ ((((x1 or x3) ^ (x0 ^ x4)) and x1) or (not (x3 ^ x2))))) or (((not x4) and (not x4)) ^ ((x3 and x0 and x1) ^ (not x3)) ^ (not ((not x1) and (x2 and x1))) ^ (not (x3 and x2)))
