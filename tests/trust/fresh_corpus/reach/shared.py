"""A table read through a fixture its tests share (module scope), and a function that reads neither."""

RULES = {"x": 1}


def lookup(name):
    return RULES[name]


def double(n):
    return 2 * n
