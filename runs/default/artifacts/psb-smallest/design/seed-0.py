"""psb-smallest solved by design: the smaller of the two pairs' smaller values."""


def smallest(a, b, c, d):
    """Return the smallest of the four integers."""
    smaller_of_first_two = min(a, b)
    smaller_of_last_two = min(c, d)
    return min(smaller_of_first_two, smaller_of_last_two)
