"""comparator-3-half solved by design: a < b is decided from the lowest bit up: each bit
position either keeps the verdict of the bits below (equal bits) or decides it.
"""


def bit_less(a, b):
    """True when bit a is 0 and bit b is 1: a < b on one bit."""
    return (not a) and b


def bits_equal(a, b):
    """True when the two bits are the same."""
    return b if a else (not b)


def less_at_bit(a, b, less_below):
    """Whether a < b once this bit position is added to the lower bits, whose verdict is
    less_below: equal bits keep that verdict; differing bits decide it, and then a < b
    exactly when b's bit is the set one.
    """
    same = bits_equal(a, b)
    return less_below if same else b


def comparator_3_half(a0, a1, a2, b0, b1, b2):
    """True when the 3-bit number a is less than the 3-bit number b."""
    less_0 = bit_less(a0, b0)
    less_1 = less_at_bit(a1, b1, less_0)
    less_2 = less_at_bit(a2, b2, less_1)
    return less_2
