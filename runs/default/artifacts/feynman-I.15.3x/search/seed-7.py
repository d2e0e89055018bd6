"""feynman-I.15.3x fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
7: training R^2 = 0.996007 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_15_3x(x, u, c, t):
    """Return x1, the Lorentz-transformed position of an event (length, m), from x (length, m),
    u (velocity, m s^-1), c (velocity, m s^-1), t (time, s).
    """
    return (1.345074728 * (x - t - math.sqrt(abs(t + x + math.cos(math.pi / c) + x)) - math.cos(math.pi / c) - u)) + 6.142264182
