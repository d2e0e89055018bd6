"""feynman-II.8.31 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
1: training R^2 = 1.000000 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""


def feynman_ii_8_31(epsilon, Ef):
    """Return E_den, the energy density of an electric field Ef in a medium of permittivity
    epsilon (energy density, m^-1 s^-2 kg), from epsilon (permittivity, m s^-2 kg V^-2), Ef
    (electric field, m^-1 V).
    """
    return -0.5 * (Ef * epsilon * (-Ef))
