"""parity-3 solved by design: the even-parity bit is the negated XOR fold of the inputs,
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


def parity_3(x0, x1, x2):
    """True when an even number of the 3 input bits are set (even-3-parity)."""
    return not odd_ones_3(x0, x1, x2)
