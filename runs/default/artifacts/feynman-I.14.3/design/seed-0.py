"""feynman-I.14.3 solved by design (weight times height): the formula written with named
physical sub-quantities, each helper's story giving its unit.
"""


def weight(m, g):
    """The weight m g of the mass: a force (kg m s^-2), never negative for m, g >= 0."""
    return m * g


def feynman_i_14_3(m, g, z):
    """Return U, the potential energy of a mass m at height z in gravity g (energy, m^2 s^-2
    kg), from m (mass, kg), g (acceleration, m s^-2), z (length, m). Design is the reference
    that writes the known formula by construction: U = m*g*z.
    """
    return weight(m, g) * z
