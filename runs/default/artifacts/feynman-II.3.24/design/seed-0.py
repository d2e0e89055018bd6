"""feynman-II.3.24 solved by design (power over sphere area): the formula written with named
physical sub-quantities, each helper's story giving its unit.
"""

import math


def sphere_area(r):
    """The area 4 pi r^2 of the sphere of radius r the power spreads over: an area (m^2)."""
    return 4.0 * math.pi * (r * r)


def feynman_ii_3_24(Pwr, r):
    """Return flux, the intensity at distance r from a point source of power Pwr (intensity,
    s^-3 kg), from Pwr (power, m^2 s^-3 kg), r (length, m). Design is the reference that
    writes the known formula by construction: flux = Pwr/(4*pi*r**2).
    """
    return Pwr / sphere_area(r)
