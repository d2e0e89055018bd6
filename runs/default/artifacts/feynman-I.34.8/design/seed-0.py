"""feynman-I.34.8 solved by design (force over momentum): the formula written with named
physical sub-quantities, each helper's story giving its unit.
"""


def magnetic_force(q, v, B):
    """The magnetic force q v B on the moving charge: a force (kg m s^-2)."""
    return q * v * B


def feynman_i_34_8(q, v, B, p):
    """Return omega, the cyclotron frequency of a charge q moving at v in a field B with
    momentum p (angular frequency, s^-1), from q (charge, m^2 s^-2 kg V^-1), v (velocity, m
    s^-1), B (magnetic field, m^-2 s V), p (momentum, m s^-1 kg). Design is the reference
    that writes the known formula by construction: omega = q*v*B/p.
    """
    return magnetic_force(q, v, B) / p
