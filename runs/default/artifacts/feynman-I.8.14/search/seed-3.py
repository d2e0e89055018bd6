"""feynman-I.8.14 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
3: training R^2 = 0.579181 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_8_14(x1, x2, y1, y2):
    """Return d, the distance between two points of the plane (length, m), from x1 (length, m),
    x2 (length, m), y1 (length, m), y2 (length, m).
    """
    return (-1.104094826 * math.cos(y1 - y2 - math.exp(-((y2 * x2) - (x1 - ((y1 * x2) - (x1 - y2))))))) + 2.266433198
