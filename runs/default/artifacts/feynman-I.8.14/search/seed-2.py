"""feynman-I.8.14 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
2: training R^2 = 0.559209 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""

import math


def feynman_i_8_14(x1, x2, y1, y2):
    """Return d, the distance between two points of the plane (length, m), from x1 (length, m),
    x2 (length, m), y1 (length, m), y2 (length, m).
    """
    return (-155.7942515 * math.cos(math.sqrt(abs(y2 - y1 - (-0.19 / (x2 - 0.79)))) / math.pi / math.pi)) + 156.7818524
