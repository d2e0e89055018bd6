"""feynman-I.10.7 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
3: training R^2 = 0.999373 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""


def feynman_i_10_7(m_0, v, c):
    """Return m, the relativistic mass of a body moving at speed v (mass, kg), from m_0 (mass,
    kg), v (velocity, m s^-1), c (velocity, m s^-1).
    """
    return (-1.013441322 * ((v / (m_0 - c - c)) - (m_0 - -0.73 + -0.19))) - 0.6520822834
