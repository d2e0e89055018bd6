"""parity-5-half solved by evolutionary search (DEAP genetic programming), seed 0. The entry
function is the first evolved tree right on all 16 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_5_half(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return (not not ((not x0) and (not x0))) ^ (((not x2) ^ (not x4) ^ ((not ((not ((x2 and x1 and x0) or ((x4 ^ x1) or (x1 ^ x1)))) ^ (x0 ^ x3))) or x3 or (x2 ^ x3))) or ((x4 or x1) and (x2 ^ x3) and ((not (x0 ^ x4)) or (not not x2)))) ^ ((not ((not (x0 ^ x4)) or (not not x2))) ^ (not ((not (x3 and ((not ((not (x0 ^ x4)) or (not not (x4 and x1)))) ^ (x2 or x1)))) and ((not (x4 or x2)) or (not ((x2 or x2) ^ (x2 ^ x2)))))))
