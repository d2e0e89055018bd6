"""psb-sum-of-squares solved by design: square each of 1..n and add the squares up."""


def square(x):
    """x times itself."""
    return x * x


def sum_of_squares(n):
    """Return the sum of the squares of 1, 2, ..., n."""
    squares = [square(x) for x in range(1, n + 1)]
    return sum(squares)
