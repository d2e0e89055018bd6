"""adder-2 solved by design: a half adder for the lowest bit, then full adders chained through
the carries (ripple carry).
"""


def half_adder_sum(a, b):
    """The sum bit of a + b: set when exactly one of them is set."""
    return a ^ b


def half_adder_carry(a, b):
    """The carry of a + b: set when both are set."""
    return a and b


def full_adder_sum(a, b, carry_in):
    """The sum bit of a + b + carry_in: set when an odd number of the three are set."""
    return a ^ b ^ carry_in


def full_adder_carry(a, b, carry_in):
    """The carry out of a + b + carry_in: both bits set, or the carry in set and exactly one of
    the bits set.
    """
    return (a and b) or (carry_in and (a ^ b))


def adder_2(a0, a1, b0, b1):
    """The 3-bit sum (s0..s1, carry) of two 2-bit numbers a and b."""
    s0 = half_adder_sum(a0, b0)
    carry0 = half_adder_carry(a0, b0)
    s1 = full_adder_sum(a1, b1, carry0)
    carry1 = full_adder_carry(a1, b1, carry0)
    return (s0, s1, carry1)
