import os

import environ


def test_mode():
    assert os.environ["ENVIRON_MODE"] == "fast"


def test_double():
    assert environ.double(4) == 8
