"""psb-last-index-of-zero solved by design: the last of the positions of the zeros."""


def is_zero(x):
    """True when x is 0."""
    return x == 0


def zero_positions(values):
    """The indices of the list's zeros, in increasing order."""
    return [i for i, x in enumerate(values) if is_zero(x)]


def last_index_of_zero(values):
    """Return the index of the last 0 in the list."""
    positions = zero_positions(values)
    return positions[-1] if positions else -1
