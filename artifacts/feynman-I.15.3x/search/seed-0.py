"""feynman-I.15.3x fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
0: training R^2 = 0.999375 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""


def feynman_i_15_3x(x, u, c, t):
    """Return x1 = (x-u*t)/sqrt(1-u**2/c**2), the Lorentz-transformed position of an event
    (length, m).
    """
    return (-1.015578565 * ((t * u) - (x - (u / ((u / t) - c))))) - 0.176172029
