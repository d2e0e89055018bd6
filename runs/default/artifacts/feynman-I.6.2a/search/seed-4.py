"""feynman-I.6.2a fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
4: training R^2 = 0.999981 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_6_2a(theta):
    """Return f, the standard normal density (dimensionless, 1), from theta (dimensionless, 1)."""
    return (0.007542470335 * (math.sin(math.sin(math.sqrt(abs(math.cos(math.sin(math.sin(1.05))) - math.cos(math.sin(math.sin(theta))))))) + math.exp(math.pi - -0.03 + math.cos(theta)))) - 0.06563558777
