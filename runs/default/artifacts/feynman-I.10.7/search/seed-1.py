"""feynman-I.10.7 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
1: training R^2 = 0.999992 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_10_7(m_0, v, c):
    """Return m, the relativistic mass of a body moving at speed v (mass, kg), from m_0 (mass,
    kg), v (velocity, m s^-1), c (velocity, m s^-1).
    """
    return (1.004517935 * (m_0 - (-0.52 * math.sqrt(abs(v / c * (v / c) * m_0 * m_0)) * (math.sqrt(abs(-0.81 * (math.pi * (v / c / math.sqrt(abs(-0.85)))))) * (v / c))))) + 0.0002354784579
