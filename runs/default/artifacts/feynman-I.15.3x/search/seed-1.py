"""feynman-I.15.3x fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
1: training R^2 = 0.990916 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""


def feynman_i_15_3x(x, u, c, t):
    """Return x1, the Lorentz-transformed position of an event (length, m), from x (length, m),
    u (velocity, m s^-1), c (velocity, m s^-1), t (time, s).
    """
    return (-1.011818087 * ((t * u) - x)) + 0.04291184454
