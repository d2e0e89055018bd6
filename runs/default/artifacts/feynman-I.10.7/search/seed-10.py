"""feynman-I.10.7 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
10: training R^2 = 0.999937 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_10_7(m_0, v, c):
    """Return m, the relativistic mass of a body moving at speed v (mass, kg), from m_0 (mass,
    kg), v (velocity, m s^-1), c (velocity, m s^-1).
    """
    return (0.9980103051 * (m_0 + (m_0 * v / ((c * (c * v) / (math.pi + (c * v))) + c) * v / c))) - 0.0004222076799
