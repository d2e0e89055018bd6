"""psb-compare-string-lengths attempted by evolutionary search (DEAP strongly typed GP), seed 2,
without a perfect result: the entry function is the best evolved tree, wrong on 19 of 100
training cases. Population 200, at most 30 generations, lexicase selection; primitives LEN,
LT, LE, EQ, AND, OR, NOT, IF.
"""


def compare_string_lengths(s1, s2, s3):
    """Return True when len(s1) < len(s2) < len(s3)."""
    return len(s2) < len((s3 if False else s3) if (len(s1) == (0 if False else 0)) else s2)
