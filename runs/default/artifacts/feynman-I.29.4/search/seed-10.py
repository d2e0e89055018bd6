"""feynman-I.29.4 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
10: training R^2 = 1.000000 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""


def feynman_i_29_4(omega, c):
    """Return k, the wavenumber of a wave of angular frequency omega and speed c (wavenumber,
    m^-1), from omega (angular frequency, s^-1), c (velocity, m s^-1).
    """
    return omega / c
