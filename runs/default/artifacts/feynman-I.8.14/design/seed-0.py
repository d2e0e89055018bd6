"""feynman-I.8.14 solved by design (distance): the formula written with named physical
sub-quantities, each helper's story giving its unit.
"""

import math


def separation(a, b):
    """The signed separation b - a of two coordinates: a length (m), antisymmetric."""
    return b - a


def squared_distance(x1, x2, y1, y2):
    """The squared distance dx^2 + dy^2 between (x1, y1) and (x2, y2): an area (m^2), never
    negative, the same with the two points swapped.
    """
    return (separation(x1, x2) * separation(x1, x2)) + (separation(y1, y2) * separation(y1, y2))


def feynman_i_8_14(x1, x2, y1, y2):
    """Return d, the distance between two points of the plane (length, m), from x1 (length, m),
    x2 (length, m), y1 (length, m), y2 (length, m). Design is the reference that writes the
    known formula by construction: d = sqrt((x2-x1)**2+(y2-y1)**2).
    """
    return math.sqrt(abs(squared_distance(x1, x2, y1, y2)))
