import sys

import paths


def test_path():
    assert "/nonexistent/paths-a" in sys.path


def test_double():
    assert paths.double(4) == 8
