"""feynman-I.34.8 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
5: training R^2 = 1.000000 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""


def feynman_i_34_8(q, v, B, p):
    """Return omega, the cyclotron frequency of a charge q moving at v in a field B with
    momentum p (angular frequency, s^-1), from q (charge, m^2 s^-2 kg V^-1), v (velocity, m
    s^-1), B (magnetic field, m^-2 s V), p (momentum, m s^-1 kg).
    """
    return v / (p / q / B)
