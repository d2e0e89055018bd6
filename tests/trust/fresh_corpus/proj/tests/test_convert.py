import pytest

from units.convert import convert


def test_km_to_m(tolerance):
    assert abs(convert(2, "km", "m") - 2000.0) < tolerance


def test_cm_to_m(tolerance):
    assert abs(convert(50, "cm", "m") - 0.5) < tolerance


def test_unknown_unit():
    with pytest.raises(KeyError):
        convert(1, "mile", "m")
