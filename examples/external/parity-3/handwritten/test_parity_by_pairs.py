"""Contracts of parity_by_pairs: each part checked on its whole (tiny) domain."""

from itertools import product

from parity_by_pairs import odd_pair, odd_three, parity_3


def test_odd_pair():
    for a, b in product((False, True), repeat=2):
        assert bool(odd_pair(a, b)) == ((a + b) % 2 == 1)


def test_odd_three():
    for a, b, c in product((False, True), repeat=3):
        assert bool(odd_three(a, b, c)) == ((a + b + c) % 2 == 1)


def test_parity_3():
    for bits in product((False, True), repeat=3):
        assert bool(parity_3(*bits)) == (sum(bits) % 2 == 0)
