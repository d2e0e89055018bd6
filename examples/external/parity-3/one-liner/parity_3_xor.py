"""parity-3 in one expression, the way it is often written when nobody needs to explain it."""


def parity_3(x0, x1, x2):
    return not (x0 ^ x1 ^ x2)
