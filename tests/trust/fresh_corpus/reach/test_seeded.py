import random

import seeded


def test_first_draw():
    assert round(random.random(), 6) == 0.45238


def test_double():
    assert seeded.double(4) == 8
