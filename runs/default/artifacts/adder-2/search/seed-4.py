"""adder-2 solved by evolutionary search (DEAP genetic programming), seed 4. The entry function
is the first evolved tree right on all 16 training cases. One tree per output (s0, s1,
carry), each evolved in its own run. Population 500, at most 50 generations; primitives AND,
OR, NOT, XOR; no constants.
"""


def adder_2(a0, a1, b0, b1):
    """The 3-bit sum (s0..s1, carry) of two 2-bit numbers a and b."""
    return ((not a0) ^ (not b0), a1 ^ b1 ^ (((not (b0 or a1)) ^ a0) and b0), (((a1 and (a1 and a1 and (b1 or b1))) or ((a1 and a0) or (a0 and b1) or ((b1 or b0) and (a0 and b1)))) and ((((a0 ^ a0) or (b1 or a0)) and ((a0 and b0) or (not a0))) or (((a1 and b0) ^ (a1 or b0)) and (a0 ^ b0 ^ (not (a1 and b1)))))) or ((not ((b1 and b1) or (b1 ^ b0) or ((b0 and a1) or (not b1)))) ^ ((((not a1) and (b1 ^ b1)) or ((not a0) and (b0 and a0))) and ((b0 ^ b1) and (a0 ^ a1) and (not (a1 or (b1 or b0)))))))
