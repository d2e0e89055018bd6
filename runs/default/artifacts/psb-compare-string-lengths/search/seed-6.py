"""psb-compare-string-lengths solved by evolutionary search (DEAP strongly typed GP), seed 6.
The entry function is the first evolved tree right on all 100 training cases. Population 200,
at most 30 generations, lexicase selection; primitives LEN, LT, LE, EQ, AND, OR, NOT, IF.
"""


def compare_string_lengths(s1, s2, s3):
    """Return True when len(s1) < len(s2) < len(s3)."""
    return len(s1) < len(s2 if (len(s2 if True else s3) < len(s2 if False else s3)) else s1)
