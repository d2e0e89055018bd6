"""parity-4-half solved by design: the even-parity bit is the negated XOR fold of the inputs,
computed by halving.
"""


def odd_ones_2(b0, b1):
    """True when exactly one of the two bits is set."""
    return b0 ^ b1


def odd_ones_4(b0, b1, b2, b3):
    """True when an odd number of the 4 bits are set: the parities of the low 2 and the high 2
    bits differ.
    """
    low_half = odd_ones_2(b0, b1)
    high_half = odd_ones_2(b2, b3)
    return low_half ^ high_half


def parity_4_half(x0, x1, x2, x3):
    """True when an even number of the 4 input bits are set (even-4-parity)."""
    return not odd_ones_4(x0, x1, x2, x3)
