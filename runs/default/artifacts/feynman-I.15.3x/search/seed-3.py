"""feynman-I.15.3x fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
3: training R^2 = 0.996520 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_15_3x(x, u, c, t):
    """Return x1, the Lorentz-transformed position of an event (length, m), from x (length, m),
    u (velocity, m s^-1), c (velocity, m s^-1), t (time, s).
    """
    return (-0.1586070317 * (math.pi * (u + (u + (u + (t - x) + t - x) + ((-1.29 / c * math.sqrt(abs(x)) / math.sin(t / u)) + t))))) + 2.130954961
