"""adder-2-half solved by evolutionary search (DEAP genetic programming), seed 8. The entry
function is the first evolved tree right on all 8 training cases. One tree per output (s0,
s1, carry), each evolved in its own run. Population 500, at most 50 generations; primitives
AND, OR, NOT, XOR; no constants.
"""


def adder_2_half(a0, a1, b0, b1):
    """The 3-bit sum (s0..s1, carry) of two 2-bit numbers a and b."""
    return (b0 ^ b0 ^ (b0 ^ a0), not ((a1 and b1) ^ (((b0 ^ (not (b1 ^ a1))) or (not not (b1 and a1))) and a0)), (b0 and a0) or (a1 and a1 and b1))
