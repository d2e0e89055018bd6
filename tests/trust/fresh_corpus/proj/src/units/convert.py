"""Convert lengths between units."""

from ._factors import FACTORS, register

register("m", 1.0)
register("km", 1000.0)
register("cm", 0.01)


def convert(value, source, target):
    if source not in FACTORS or target not in FACTORS:
        raise KeyError(f"unknown unit {source!r} or {target!r}")
    return value * FACTORS[source] / FACTORS[target]
