"""feynman-I.15.3x solved by design (Lorentz transformation): the formula written with named
physical sub-quantities, each helper's story giving its unit.
"""

import math


def speed_ratio_squared(u, c):
    """(v/c)^2 = u^2 / c^2: dimensionless, in [0, 1) below the speed of light."""
    return u * u / (c * c)


def lorentz_factor(u, c):
    """The Lorentz factor 1 / sqrt(1 - (v/c)^2): dimensionless, at least 1, growing without
    bound as the speed approaches c.
    """
    return 1.0 / math.sqrt(abs(1.0 - speed_ratio_squared(u, c)))


def galilean_position(x, u, t):
    """x - u t, the position in the moving frame before the relativistic correction: a length
    (m).
    """
    return x - (u * t)


def feynman_i_15_3x(x, u, c, t):
    """Return x1, the Lorentz-transformed position of an event (length, m), from x (length, m),
    u (velocity, m s^-1), c (velocity, m s^-1), t (time, s). Design is the reference that
    writes the known formula by construction: x1 = (x-u*t)/sqrt(1-u**2/c**2).
    """
    return galilean_position(x, u, t) * lorentz_factor(u, c)
