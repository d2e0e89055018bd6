"""feynman-I.18.12 solved by design (force times lever arm): the formula written with named
physical sub-quantities, each helper's story giving its unit.
"""

import math


def lever_arm(r, theta):
    """The lever arm r sin(theta), the distance perpendicular to the force: a length (m), at
    most r.
    """
    return r * math.sin(theta)


def feynman_i_18_12(r, F, theta):
    """Return tau, the torque of a force F applied at distance r and angle theta (torque, m^2
    s^-2 kg), from r (length, m), F (force, m s^-2 kg), theta (dimensionless, 1). Design is
    the reference that writes the known formula by construction: tau = r*F*sin(theta).
    """
    return lever_arm(r, theta) * F
