"""feynman-I.6.2a fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
0: training R^2 = 0.999995 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_6_2a(theta):
    """Return f, the standard normal density (dimensionless, 1), from theta (dimensionless, 1)."""
    return (0.2164332508 * math.exp(math.cos(theta) - ((theta - (-(((math.pi * 0.95) + (math.pi + -0.12)) / theta))) * math.exp(0.68 - math.cos(theta) - math.pi)))) - 0.02071283826
