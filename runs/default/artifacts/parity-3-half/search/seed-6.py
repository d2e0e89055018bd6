"""parity-3-half solved by evolutionary search (DEAP genetic programming), seed 6. The entry
function is the first evolved tree right on all 4 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_3_half(x0, x1, x2):
    """True when an even number of the 3 input bits are set (even-3-parity)."""
    return (((not x0) ^ (x1 ^ x2) ^ (not (x1 and x0))) or ((not (x2 or x0)) ^ ((x2 and x2) ^ (x1 and x2)))) ^ (((not not x1) ^ (not (x1 ^ x1))) and (x1 and x2 and (x0 ^ x0) and (x0 and x1 and (x1 ^ x0)))) ^ ((((not (x0 and x1)) and (not (x2 or x0))) ^ ((x2 ^ x0 ^ (not x2)) and ((x1 or x2) and (x0 or x2)))) and ((x0 or x1) ^ (not x2) ^ (not not x1) ^ (((x1 or x0) ^ (not x2)) or ((x0 ^ x2) and (not x1)))))
