"""feynman-I.39.11 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
1: training R^2 = 0.999973 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_39_11(gamma, pr, V):
    """Return E_n, the internal energy of an ideal gas of adiabatic index gamma at pressure pr
    in volume V (energy, m^2 s^-2 kg), from gamma (dimensionless, 1), pr (pressure, m^-1 s^-2
    kg), V (volume, m^3).
    """
    return (0.5570781405 * ((pr + (pr + (math.pi * pr / gamma / gamma)) + (math.pi * (pr / gamma) / gamma)) / gamma * V)) - 0.005309706757
