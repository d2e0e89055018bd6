"""parity-5-half solved by evolutionary search (DEAP genetic programming), seed 3. The entry
function is the first evolved tree right on all 16 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_5_half(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return (x4 and (not (((x1 and x4) or (not x2)) and x1))) or ((x1 and x1 and ((x3 ^ x1) or (((x0 and x0) or (x4 and x4)) and x4))) ^ (not (x2 ^ x0)))
