"""feynman-I.6.2a fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
7: training R^2 = 0.999890 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_6_2a(theta):
    """Return f, the standard normal density (dimensionless, 1), from theta (dimensionless, 1)."""
    return (0.1373301418 * (1.3 / math.exp(math.cos(math.pi - theta)))) - 0.06278323489
