"""mux-6 as one flat expression, with a deliberate slip: address 3 (a0 = a1 = 1) reads d2
instead of d3, so the spec's checks fail on 8 of the 64 rows."""


def mux_6(a0, a1, d0, d1, d2, d3):
    return (d2 if a0 else d2) if a1 else (d1 if a0 else d0)
