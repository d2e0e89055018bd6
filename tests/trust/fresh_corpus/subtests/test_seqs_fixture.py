import pytest

from seqs import clamp, middle


def test_clamp(subtests):
    for x, expected in [(-1, 0), (0, 0), (5, 5), (10, 10), (11, 10)]:
        with subtests.test(x=x):
            assert clamp(x, 0, 10) == expected


def test_clamp_bounds(subtests):
    with subtests.test("low equals high"):
        assert clamp(3, 4, 4) == 4
    with subtests.test():
        assert clamp(7, 4, 4) == 4


@pytest.mark.xfail(strict=True, reason="the ends of one item overlap")
def test_middle_of_short():
    assert middle([1, 2]) == [1, 2]
