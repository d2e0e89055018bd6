"""feynman-I.10.7 solved by design (relativistic mass): the formula written with named physical
sub-quantities, each helper's story giving its unit.
"""

import math


def speed_ratio_squared(v, c):
    """(v/c)^2 = v^2 / c^2: dimensionless, in [0, 1) below the speed of light."""
    return v * v / (c * c)


def lorentz_factor(v, c):
    """The Lorentz factor 1 / sqrt(1 - (v/c)^2): dimensionless, at least 1, growing without
    bound as the speed approaches c.
    """
    return 1.0 / math.sqrt(abs(1.0 - speed_ratio_squared(v, c)))


def feynman_i_10_7(m_0, v, c):
    """Return m, the relativistic mass of a body moving at speed v (mass, kg), from m_0 (mass,
    kg), v (velocity, m s^-1), c (velocity, m s^-1). Design is the reference that writes the
    known formula by construction: m = m_0/sqrt(1-v**2/c**2).
    """
    return m_0 * lorentz_factor(v, c)
