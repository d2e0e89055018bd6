import pytest

from roman import from_roman, to_roman

TABLE = [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (90, "XC"), (400, "CD"),
         (1994, "MCMXCIV"), (3999, "MMMCMXCIX")]


@pytest.mark.parametrize("number, text", TABLE, ids=[text for _, text in TABLE])
def test_to_roman(number, text):
    assert to_roman(number) == text


@pytest.mark.parametrize("number, text", TABLE)
def test_from_roman(number, text):
    assert from_roman(text) == number


@pytest.mark.parametrize("tens", [0, 10, 50])
@pytest.mark.parametrize("units", [1, 5, 8])
def test_round_trip_grid(tens, units):
    assert from_roman(to_roman(tens + units)) == tens + units


@pytest.mark.parametrize("bad", [0, -1, 4000, pytest.param(3999, marks=pytest.mark.xfail(strict=True))])
def test_out_of_range(bad):
    with pytest.raises(ValueError):
        to_roman(bad)


@pytest.fixture(params=[2, 3], ids=["two", "three"])
def repeat(request):
    return request.param


@pytest.mark.parametrize("letter, value", [("I", 1), ("X", 10), ("C", 100)])
def test_repeated_letters(repeat, letter, value):
    assert from_roman(letter * repeat) == value * repeat
    assert to_roman(value * repeat) == letter * repeat


@pytest.mark.parametrize("number", [pytest.param(n, id=f"n{n}") for n in (6, 7, 60, 600)])
def test_additive_forms_have_no_subtraction(number):
    assert all(a >= b for a, b in zip(map("IVXLCDM".index, to_roman(number)), map("IVXLCDM".index, to_roman(number)[1:])))
