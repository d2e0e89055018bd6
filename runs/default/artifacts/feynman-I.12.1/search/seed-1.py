"""feynman-I.12.1 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
1: training R^2 = 1.000000 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""


def feynman_i_12_1(mu, Nn):
    """Return F, the friction force for friction coefficient mu and normal force Nn (force, m
    s^-2 kg), from mu (dimensionless, 1), Nn (force, m s^-2 kg).
    """
    return Nn * mu
