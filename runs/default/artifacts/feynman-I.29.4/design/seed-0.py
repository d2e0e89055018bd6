"""feynman-I.29.4 solved by design (wavenumber): the formula written with named physical
sub-quantities, each helper's story giving its unit.
"""


def feynman_i_29_4(omega, c):
    """Return k, the wavenumber of a wave of angular frequency omega and speed c (wavenumber,
    m^-1), from omega (angular frequency, s^-1), c (velocity, m s^-1). Design is the
    reference that writes the known formula by construction: k = omega/c.
    """
    return omega / c
