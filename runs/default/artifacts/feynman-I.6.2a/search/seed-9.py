"""feynman-I.6.2a fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
9: training R^2 = 0.999942 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_6_2a(theta):
    """Return f, the standard normal density (dimensionless, 1), from theta (dimensionless, 1)."""
    return (6632.538506 * math.exp((-math.pi) + ((-(math.pi + -0.96)) + (math.cos(theta) - (math.exp(theta) / (theta + theta))) - math.pi - math.sin(math.sqrt(abs(1.43)))))) - 0.003543847939
