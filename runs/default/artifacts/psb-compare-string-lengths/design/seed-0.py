"""psb-compare-string-lengths solved by design: each string is shorter than the next."""


def shorter(s, t):
    """True when s has fewer characters than t."""
    return len(s) < len(t)


def compare_string_lengths(s1, s2, s3):
    """Return True when len(s1) < len(s2) < len(s3)."""
    return shorter(s1, s2) and shorter(s2, s3)
