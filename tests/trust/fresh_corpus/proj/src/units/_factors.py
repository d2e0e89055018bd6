"""Conversion factors to metres, registered when the package loads."""

FACTORS = {}


def register(name, metres):
    FACTORS[name] = metres
