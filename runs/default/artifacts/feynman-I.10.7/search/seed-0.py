"""feynman-I.10.7 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
0: training R^2 = 0.999848 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_10_7(m_0, v, c):
    """Return m, the relativistic mass of a body moving at speed v (mass, kg), from m_0 (mass,
    kg), v (velocity, m s^-1), c (velocity, m s^-1).
    """
    return (0.4973212039 * ((m_0 / (c * 1.15) / c / math.cos(math.sqrt(abs(v)))) + (m_0 + (m_0 - -0.39)))) - 0.1902838885
