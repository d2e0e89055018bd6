"""feynman-II.3.24 fitted by evolutionary search (DEAP genetic programming, numpy fitness), seed
5: training R^2 = 1.000000 on 200 points. Population 400, at most 50 generations, linear
scaling; primitives ADD, SUB, MUL, DIV, SQRT, EXP, SIN, COS, NEG, PI and constants.
"""


def feynman_ii_3_24(Pwr, r):
    """Return flux, the intensity at distance r from a point source of power Pwr (intensity,
    s^-3 kg), from Pwr (power, m^2 s^-3 kg), r (length, m).
    """
    return 0.07957747155 * (Pwr / (r * r))
