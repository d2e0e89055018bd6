"""parity-4 solved by evolutionary search (DEAP genetic programming), seed 5. The entry function
is the first evolved tree right on all 16 training cases. Population 500, at most 50
generations; primitives AND, OR, NOT, XOR; no constants.
"""


def parity_4(x0, x1, x2, x3):
    """True when an even number of the 4 input bits are set (even-4-parity)."""
    return ((not (x1 or x2 or (not x1) or (not x0))) and (x1 or x2 or (not x1) or ((x0 and (x0 ^ x1)) ^ (not x1)))) or ((not (x0 ^ x1 ^ (x2 and x2))) ^ ((not (x0 ^ x0)) and (not not x3)))
