"""psb-small-or-large solved by design: 'small' below the first threshold, 'large' from the
second, nothing between.
"""


def is_small(n):
    """True when n is below 1000."""
    return n < 1000


def is_large(n):
    """True when n is 2000 or more."""
    return 2000 <= n


def small_or_large(n):
    """Return 'small' if n < 1000, 'large' if n >= 2000, and the empty string otherwise."""
    return 'small' if is_small(n) else ('large' if is_large(n) else '')
