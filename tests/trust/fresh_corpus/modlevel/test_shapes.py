import pytest

import shapes
from shapes import SIDES, area, hypotenuse, perimeter, root, scaled


@pytest.mark.parametrize("side", SIDES)
def test_area_of_each_side(side):
    assert area(side) == 2 * side * side and side < 5


def test_scaled_by_default_and_by_a_factor():
    assert scaled(1) == 6
    assert scaled(1, 1) == 3


def test_the_scale_read_at_call_time():
    assert shapes.SCALE * 2 == 6


def test_perimeter_decorated_by_a_statement():
    assert perimeter(1) == 12


def test_hypotenuse_through_an_alias():
    assert hypotenuse(3, 4) == 5.0
    assert root(9) == 3.0
    assert hypotenuse.cache_info().maxsize == 8
