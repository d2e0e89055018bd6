"""psb-compare-string-lengths solved by evolutionary search (DEAP strongly typed GP), seed 0.
The entry function is the first evolved tree right on all 100 training cases. Population 200,
at most 30 generations, lexicase selection; primitives LEN, LT, LE, EQ, AND, OR, NOT, IF.
"""


def compare_string_lengths(s1, s2, s3):
    """Return True when len(s1) < len(s2) < len(s3)."""
    return len((s3 if (len(s2) <= len(s1)) else s2) if (0 < 1) else (s3 if False else s1)) < (len(s3 if True else s2) if True else ((1 if False else 0) if (1 == 0) else (0 if False else 0)))
