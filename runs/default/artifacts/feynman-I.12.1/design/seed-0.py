"""feynman-I.12.1 solved by design (friction): the formula written with named physical
sub-quantities, each helper's story giving its unit.
"""


def feynman_i_12_1(mu, Nn):
    """Return F, the friction force for friction coefficient mu and normal force Nn (force, m
    s^-2 kg), from mu (dimensionless, 1), Nn (force, m s^-2 kg). Design is the reference that
    writes the known formula by construction: F = mu*Nn.
    """
    return mu * Nn
