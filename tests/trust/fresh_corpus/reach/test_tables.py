import tables


def test_double():
    assert tables.double(4) == 8


def test_rule():
    assert tables.rule("z") == 3
    assert tables.rule("x") == 1


def test_setting():
    assert tables.setting("LIMIT") == 3


def test_alias():
    assert tables.ALIAS[-1] == ("z", 3)
