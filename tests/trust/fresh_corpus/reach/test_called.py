import random

import called

called.reseed()  # while the tests are collected: the artifact's code seeds another module


def test_first_draw():
    assert round(random.random(), 6) == 0.45238


def test_double():
    assert called.double(4) == 8
