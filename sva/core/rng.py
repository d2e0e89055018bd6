"""Seeded randomness that does not leak.

DEAP's operators draw from the global ``random`` module. :func:`seeded` seeds it for the
duration of one run and restores the previous state afterwards, so two runs in one process do
not disturb each other or the caller, and a run depends only on its recorded seed.
"""

from __future__ import annotations

import contextlib
import random
from typing import Iterator

from sva.errors import UsageError


def check_seed(seed: object) -> int:
    """A valid seed (a non-negative int), or a :class:`UsageError` that names the value."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise UsageError(f"expected a non-negative int seed, got seed={seed!r}")
    if seed < 0:
        raise UsageError(f"expected a non-negative seed, got seed={seed}; use 0 or more")
    return seed


@contextlib.contextmanager
def seeded(seed: int) -> Iterator[random.Random]:
    """Seed the global ``random`` module with ``seed`` and restore its state on exit.

    Yields a private ``random.Random(seed)`` as well, for code that can take an explicit one.
    """
    saved = random.getstate()
    random.seed(seed)
    try:
        yield random.Random(seed)
    finally:
        random.setstate(saved)
