"""Rule tables filled at import, a setting read through globals(), and a function that reads neither."""

RULES = [("x", 1), ("y", 2)]
ALIAS = RULES
LIMIT = 3


def _register(name, value):
    RULES.append((name, value))


_register("z", 3)


def rule(name):
    return dict(RULES)[name]


def setting(name):
    return globals()[name]


def double(n):
    return 2 * n
