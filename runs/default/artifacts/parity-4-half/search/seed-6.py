"""parity-4-half solved by evolutionary search (DEAP genetic programming), seed 6. The entry
function is the first evolved tree right on all 8 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_4_half(x0, x1, x2, x3):
    """True when an even number of the 4 input bits are set (even-4-parity)."""
    return ((x0 or x1) ^ (x1 or x0) ^ ((x1 or x1) and (not x0)) ^ ((x3 ^ x0 ^ (x0 and x3)) and ((x2 ^ x0) or (not x2)))) or ((not ((x0 ^ x1) and (x2 and x3))) and (((x3 or x0) and (not x0)) or ((not x2) ^ (x3 ^ (x1 ^ x1))))) or ((not not ((x3 ^ x1) and (x3 ^ x1))) ^ ((((x3 and x1) or (x0 and x0)) and ((not x0) or (x2 or x2))) or (((x1 and x3) ^ (x0 and x2)) and ((x2 ^ x2) or x0))))
