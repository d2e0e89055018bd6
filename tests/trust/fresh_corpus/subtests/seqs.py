"""Small sequence recipes, checked by tests whose cases sit in subtests."""

from itertools import islice

SIZE = 2


def take(n, iterable):
    return list(islice(iterable, n))


def pairwise_sums(xs):
    return [a + b for a, b in zip(xs, xs[1:])]


def clamp(x, low, high):
    if x < low:
        return low
    if x > high:
        return high
    return x


def chunked(xs, size=SIZE):
    return [xs[i:i + size] for i in range(0, len(xs), size)]


def middle(xs):
    return xs[1:len(xs) - 1]


def first_true(xs, default=None):
    for x in xs:
        if x:
            return x
    return default
