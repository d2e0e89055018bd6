"""feynman-I.39.11 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
10: training R^2 = 0.999906 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_39_11(gamma, pr, V):
    """Return E_n, the internal energy of an ideal gas of adiabatic index gamma at pressure pr
    in volume V (energy, m^2 s^-2 kg), from gamma (dimensionless, 1), pr (pressure, m^-1 s^-2
    kg), V (volume, m^3).
    """
    return (-0.1101136419 * (V / 0.86 / (math.sqrt(abs(gamma)) / pr) / ((math.sqrt(abs(V)) / math.sqrt(abs(V))) - math.sqrt(abs(math.sqrt(abs(math.sqrt(abs(gamma))))))))) - 0.03229011139
