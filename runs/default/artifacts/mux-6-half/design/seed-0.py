"""mux-6-half solved by design: the address is decoded one bit at a time from the most
significant, each bit selecting between two smaller multiplexers.
"""


def select(address_bit, when_set, when_clear):
    """One address bit's choice: when_set if the bit is 1, otherwise when_clear."""
    return when_set if address_bit else when_clear


def mux_of_2(a0, d0, d1):
    """The data bit among 2 that the address bit names."""
    return select(a0, d1, d0)


def mux_6_half(a0, a1, d0, d1, d2, d3):
    """The data bit d[a] selected by the 2-bit address a (6-multiplexer)."""
    lower = mux_of_2(a0, d0, d1)
    upper = mux_of_2(a0, d2, d3)
    return select(a1, upper, lower)
