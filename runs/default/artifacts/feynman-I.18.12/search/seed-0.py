"""feynman-I.18.12 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
0: training R^2 = 1.000000 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_18_12(r, F, theta):
    """Return tau, the torque of a force F applied at distance r and angle theta (torque, m^2
    s^-2 kg), from r (length, m), F (force, m s^-2 kg), theta (dimensionless, 1).
    """
    return math.sin(theta) * (F * r)
