"""parity-3 written by hand: even parity as "no odd count", the odd count built from pairs."""


def odd_pair(a, b):
    """True when exactly one of the two bits is set."""
    return a ^ b


def odd_three(a, b, c):
    """True when an odd number of the three bits are set: the pair's oddness flipped by c."""
    return odd_pair(odd_pair(a, b), c)


def parity_3(x0, x1, x2):
    """True when an even number of the three input bits are set (even-3-parity)."""
    return not odd_three(x0, x1, x2)
