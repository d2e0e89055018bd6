"""majority-5 solved by design: majority is 'at least 3 of 5', counted through partial threshold
helpers over ever longer prefixes of the bits.
"""


def at_least_1_of_2(b0, b1):
    """True when any of the 2 bits is set."""
    return b0 or b1


def at_least_2_of_2(b0, b1):
    """True when all 2 bits are set."""
    return b0 and b1


def at_least_1_of_3(b0, b1, b2):
    """True when any of the 3 bits is set."""
    return b0 or b1 or b2


def at_least_2_of_3(b0, b1, b2):
    """True when at least 2 of the 3 bits are set: 2 among the first 2 already, or the last bit
    and 1 among the first 2.
    """
    enough_before = at_least_2_of_2(b0, b1)
    one_short_before = at_least_1_of_2(b0, b1)
    return enough_before or (b2 and one_short_before)


def at_least_3_of_3(b0, b1, b2):
    """True when all 3 bits are set."""
    return b0 and b1 and b2


def at_least_2_of_4(b0, b1, b2, b3):
    """True when at least 2 of the 4 bits are set: 2 among the first 3 already, or the last bit
    and 1 among the first 3.
    """
    enough_before = at_least_2_of_3(b0, b1, b2)
    one_short_before = at_least_1_of_3(b0, b1, b2)
    return enough_before or (b3 and one_short_before)


def at_least_3_of_4(b0, b1, b2, b3):
    """True when at least 3 of the 4 bits are set: 3 among the first 3 already, or the last bit
    and 2 among the first 3.
    """
    enough_before = at_least_3_of_3(b0, b1, b2)
    one_short_before = at_least_2_of_3(b0, b1, b2)
    return enough_before or (b3 and one_short_before)


def at_least_3_of_5(b0, b1, b2, b3, b4):
    """True when at least 3 of the 5 bits are set: 3 among the first 4 already, or the last bit
    and 2 among the first 4.
    """
    enough_before = at_least_3_of_4(b0, b1, b2, b3)
    one_short_before = at_least_2_of_4(b0, b1, b2, b3)
    return enough_before or (b4 and one_short_before)


def majority_5(x0, x1, x2, x3, x4):
    """True when at least 3 of the 5 input bits are set."""
    return at_least_3_of_5(x0, x1, x2, x3, x4)
