"""Module-level code of every kind an import-time mutant can change (the corpus README)."""

import math as m
from functools import lru_cache

SCALE = 3
SIDES = (3, 4)
FACTOR = 2
CACHED = 8
root = m.sqrt


def times(k):
    def decorate(function):
        def multiplied(*args):
            return k * function(*args)

        return multiplied

    return decorate


def scaled(x, factor=FACTOR):
    return x * factor * SCALE


@times(2)
def area(side):
    return side * side


def perimeter(side):
    return 4 * side


perimeter = times(SCALE)(perimeter)


@lru_cache(maxsize=CACHED)
def hypotenuse(a, b):
    return root(a * a + b * b)
