"""feynman-I.6.2a fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
2: training R^2 = 0.999984 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_6_2a(theta):
    """Return f, the standard normal density (dimensionless, 1), from theta (dimensionless, 1)."""
    return (0.2088430337 * (math.exp(math.cos(theta)) - (-0.95 + math.exp(math.pi) + (math.pi + math.pi + (math.cos(1.15) / (theta / -1.41 / (theta + -0.56))))))) + 5.776544414
