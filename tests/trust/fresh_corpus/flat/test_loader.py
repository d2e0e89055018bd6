from loader import lookup, rest, rule


def test_lookup():
    assert lookup(1) == 20


def test_rules():
    assert rule("a") == 2
    assert rule("b") == 4
    assert rule("z") == 0


def test_rest():
    assert rest([1, 2, 3]) == [2, 3]
