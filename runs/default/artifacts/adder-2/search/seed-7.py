"""adder-2 solved by evolutionary search (DEAP genetic programming), seed 7. The entry function
is the first evolved tree right on all 16 training cases. One tree per output (s0, s1,
carry), each evolved in its own run. Population 500, at most 50 generations; primitives AND,
OR, NOT, XOR; no constants.
"""


def adder_2(a0, a1, b0, b1):
    """The 3-bit sum (s0..s1, carry) of two 2-bit numbers a and b."""
    return ((not a0) ^ (not b0), ((b1 and (not (a1 or a0))) or (a1 ^ a1)) ^ ((a1 ^ b1) and ((not b1) or a0)) ^ ((not (a0 ^ b0)) and a0), (((b1 and b1) or (a1 and a0 and a0)) and (a0 and ((b1 and a1) or b0) and (not ((b1 or b1) and a1 and a1)))) or (b1 and a1))
