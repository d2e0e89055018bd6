import pytest


@pytest.fixture
def tolerance():
    return 1e-9
