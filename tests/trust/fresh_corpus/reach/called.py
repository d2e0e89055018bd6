"""A function the tests module calls while it is collected, acting on the random module."""
import random

SEED = 11


def reseed():
    random.seed(SEED)


def double(n):
    return 2 * n
