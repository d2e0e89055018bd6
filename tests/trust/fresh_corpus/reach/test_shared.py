import pytest

import shared


@pytest.fixture(scope="module")
def table():
    return {"x": shared.lookup("x")}


def test_first(table):  # first in the file's order: in a plain pytest run it makes the table
    assert shared.double(table["x"]) == 2


def test_second(table):  # only reads it there; sva runs each test with fixtures of its own
    assert table["x"] == 1
