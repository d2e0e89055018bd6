"""psb-compare-string-lengths attempted by evolutionary search (DEAP strongly typed GP), seed 8,
without a perfect result: the entry function is the best evolved tree, wrong on 17 of 100
training cases. Population 200, at most 30 generations, lexicase selection; primitives LEN,
LT, LE, EQ, AND, OR, NOT, IF.
"""


def compare_string_lengths(s1, s2, s3):
    """Return True when len(s1) < len(s2) < len(s3)."""
    return len(s2) < ((0 if (1 <= 0) else len(s3)) if (((len(s1) if (False and True) else (1 if (1 == len(s1)) else 0)) if (0 == 0) else (0 if True else 1)) == len(s1)) else (len(s2) if (not False) else (1 if False else 1)))
