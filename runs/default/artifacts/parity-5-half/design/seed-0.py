"""parity-5-half solved by design: the even-parity bit is the negated XOR fold of the inputs,
computed by halving.
"""


def odd_ones_2(b0, b1):
    """True when exactly one of the two bits is set."""
    return b0 ^ b1


def odd_ones_3(b0, b1, b2):
    """True when an odd number of the 3 bits are set: the parities of the low 2 and the high 1
    bits differ.
    """
    low_half = odd_ones_2(b0, b1)
    return low_half ^ b2


def odd_ones_5(b0, b1, b2, b3, b4):
    """True when an odd number of the 5 bits are set: the parities of the low 3 and the high 2
    bits differ.
    """
    low_half = odd_ones_3(b0, b1, b2)
    high_half = odd_ones_2(b3, b4)
    return low_half ^ high_half


def parity_5_half(x0, x1, x2, x3, x4):
    """True when an even number of the 5 input bits are set (even-5-parity)."""
    return not odd_ones_5(x0, x1, x2, x3, x4)
