"""feynman-I.6.2a fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
3: training R^2 = 0.999968 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_6_2a(theta):
    """Return f, the standard normal density (dimensionless, 1), from theta (dimensionless, 1)."""
    return (0.4990758817 * (math.cos(math.cos(math.cos(-1.7) / theta / (theta + theta) / (theta + -0.51))) / theta * math.sin(math.exp(math.cos(theta))))) - 0.02878070427
