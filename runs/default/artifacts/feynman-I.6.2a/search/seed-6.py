"""feynman-I.6.2a fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
6: training R^2 = 0.999890 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_6_2a(theta):
    """Return f, the standard normal density (dimensionless, 1), from theta (dimensionless, 1)."""
    return (2.746435265e-19 * math.exp((math.exp(math.pi) * math.sqrt(abs(math.pi))) + math.cos(theta))) - 0.06278323489
