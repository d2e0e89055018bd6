"""feynman-I.39.11 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
0: training R^2 = 0.999989 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_39_11(gamma, pr, V):
    """Return E_n = 1/(gamma-1)*pr*V, the internal energy of an ideal gas of adiabatic index
    gamma at pressure pr in volume V (energy, m^2 s^-2 kg).
    """
    return (1.127300587 * (((((((pr * V / gamma) + (V * pr)) / gamma) + (((pr * V / gamma) + (V * pr)) / (-1.8 / math.pi * (-1.3 - gamma)))) / gamma) + (pr * V)) / gamma)) + 0.0001389894944
