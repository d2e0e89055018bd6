"""feynman-I.39.11 solved by design (ideal gas energy): the formula written with named physical
sub-quantities, each helper's story giving its unit.
"""


def pressure_volume(pr, V):
    """The product pr V of pressure and volume: an energy (kg m^2 s^-2)."""
    return pr * V


def energy_per_pv(gamma):
    """1 / (gamma - 1), the internal energy per unit of pr V: dimensionless, positive for gamma
    > 1.
    """
    return 1.0 / (gamma - 1.0)


def feynman_i_39_11(gamma, pr, V):
    """Return E_n, the internal energy of an ideal gas of adiabatic index gamma at pressure pr
    in volume V (energy, m^2 s^-2 kg), from gamma (dimensionless, 1), pr (pressure, m^-1 s^-2
    kg), V (volume, m^3). Design is the reference that writes the known formula by
    construction: E_n = 1/(gamma-1)*pr*V.
    """
    return energy_per_pv(gamma) * pressure_volume(pr, V)
