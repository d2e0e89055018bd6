"""feynman-II.8.31 solved by design (field energy density): the formula written with named
physical sub-quantities, each helper's story giving its unit.
"""


def field_squared(Ef):
    """The squared field strength Ef^2: V^2 m^-2, never negative."""
    return Ef * Ef


def feynman_ii_8_31(epsilon, Ef):
    """Return E_den, the energy density of an electric field Ef in a medium of permittivity
    epsilon (energy density, m^-1 s^-2 kg), from epsilon (permittivity, m s^-2 kg V^-2), Ef
    (electric field, m^-1 V). Design is the reference that writes the known formula by
    construction: E_den = epsilon*Ef**2/2.
    """
    return epsilon * field_squared(Ef) / 2.0
