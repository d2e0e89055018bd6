"""psb-negative-to-zero solved by design: apply zero_if_negative to every value, keeping the
order.
"""


def zero_if_negative(x):
    """x itself when it is not negative, else 0."""
    return max(x, 0)


def negative_to_zero(values):
    """Return the list with every negative value replaced by 0."""
    return [zero_if_negative(x) for x in values]
