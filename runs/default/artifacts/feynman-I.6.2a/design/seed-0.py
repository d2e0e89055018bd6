"""feynman-I.6.2a solved by design (gaussian): the formula written with named physical
sub-quantities, each helper's story giving its unit.
"""

import math


def half_square(theta):
    """theta^2 / 2, the exponent of the Gaussian: dimensionless, never negative."""
    return theta * theta / 2.0


def gaussian_normaliser():
    """sqrt(2 pi), the Gaussian's normalising constant: dimensionless."""
    return math.sqrt(abs(2.0 * math.pi))


def feynman_i_6_2a(theta):
    """Return f, the standard normal density (dimensionless, 1), from theta (dimensionless, 1).
    Design is the reference that writes the known formula by construction: f =
    exp(-theta**2/2)/sqrt(2*pi).
    """
    return math.exp(-half_square(theta)) / gaussian_normaliser()
