"""adder-2-half solved by evolutionary search (DEAP genetic programming), seed 0. The entry
function is the first evolved tree right on all 8 training cases. One tree per output (s0,
s1, carry), each evolved in its own run. Population 500, at most 50 generations; primitives
AND, OR, NOT, XOR; no constants.
"""


def adder_2_half(a0, a1, b0, b1):
    """The 3-bit sum (s0..s1, carry) of two 2-bit numbers a and b."""
    return (((a0 and (not ((a0 or b0) and b1))) ^ b1) and (a0 ^ b0), ((not not a1) ^ ((a0 or b1) and (b1 ^ a1))) and ((not (a1 and b1)) and (not (a0 and b0))), ((not not (b0 or a0)) and ((not (a0 ^ a1)) and ((b1 and a0) ^ (b0 ^ a1)))) ^ ((not not not b0) ^ (((not a0) ^ (not not (((not (b1 or a1)) or ((a0 or a0) ^ (b1 ^ a1))) ^ ((not not a1) or (b0 or b0 or (a1 or b1)))))) or ((not a1) ^ (a1 and b0)))))
