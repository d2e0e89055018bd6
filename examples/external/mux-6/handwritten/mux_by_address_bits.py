"""mux-6 written by hand: the 2-bit address is read one bit at a time, each bit choosing between
two smaller multiplexers."""


def choose(bit, if_set, if_clear):
    """if_set when the bit is 1, otherwise if_clear."""
    return if_set if bit else if_clear


def mux_2(a0, d0, d1):
    """The data bit among d0, d1 that the address bit a0 names."""
    return choose(a0, d1, d0)


def mux_6(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] named by the 2-bit address a = a0 + 2 * a1 (6-multiplexer)."""
    return choose(a1, mux_2(a0, d2, d3), mux_2(a0, d0, d1))
