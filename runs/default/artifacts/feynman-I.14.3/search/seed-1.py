"""feynman-I.14.3 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
1: training R^2 = 1.000000 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""


def feynman_i_14_3(m, g, z):
    """Return U, the potential energy of a mass m at height z in gravity g (energy, m^2 s^-2
    kg), from m (mass, kg), g (acceleration, m s^-2), z (length, m).
    """
    return g * (z * m)
