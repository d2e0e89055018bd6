"""psb-count-odds solved by design: count the values for which is_odd holds."""


def is_odd(x):
    """True when x is odd (x % 2 is 1 for negative odd numbers too)."""
    return x % 2 == 1


def count_odds(values):
    """Return how many of the values are odd."""
    return len([x for x in values if is_odd(x)])
