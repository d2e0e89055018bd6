"""feynman-I.29.4 solved by design (wavenumber): the formula written with named physical
sub-quantities, each helper's story giving its unit.
"""


def feynman_i_29_4(omega, c):
    """Return k = omega/c, the wavenumber of a wave of angular frequency omega and speed c
    (wavenumber, m^-1).
    """
    return omega / c
