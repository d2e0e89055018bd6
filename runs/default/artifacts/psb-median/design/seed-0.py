"""psb-median solved by design: the median is the third value clamped between the smaller and
the larger of the other two.
"""


def clamp(value, low, high):
    """value moved into the range from low to high (low if it is below, high if above); needs
    low <= high, and gives low otherwise.
    """
    return max(low, min(value, high))


def median(a, b, c):
    """Return the median of the three integers."""
    low = min(a, b)
    high = max(a, b)
    return clamp(c, low, high)
