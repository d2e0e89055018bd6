"""Contracts of mux_by_address_bits: each part checked on its whole domain."""

from itertools import product

from mux_by_address_bits import choose, mux_2, mux_6


def test_choose():
    for bit, if_set, if_clear in product((False, True), repeat=3):
        assert choose(bit, if_set, if_clear) == (if_set if bit else if_clear)


def test_mux_2():
    for a0, d0, d1 in product((False, True), repeat=3):
        assert mux_2(a0, d0, d1) == (d0, d1)[a0]


def test_mux_6():
    for a0, a1, *data in product((False, True), repeat=6):
        assert mux_6(a0, a1, *data) == data[a0 + 2 * a1]
