"""The PSB1 problems' cases: edge cases, seeded random training and test cases, shifted cases.

As the suite says (Helmuth and Spector 2015): the training set is every edge case plus random
cases up to its size; the test set is random cases. Every draw comes from a ``random.Random``
seeded with a string made of the spec name and the set's role (``"psb-train:psb-count-odds"``):
a string seed is hashed with SHA-512, so the cases are the same in every process whatever
PYTHONHASHSEED is. The shifted cases are what the suite never shows: lists up to 1,000 long,
values to +-10^6, and the boundary inputs of each statement.
"""

from __future__ import annotations

import itertools
import random
import string
from dataclasses import dataclass
from typing import Callable

from sva.core.spec import Case

#: The characters of PSB1's random strings (visible ASCII and space).
CHARACTERS = string.ascii_letters + string.digits + string.punctuation + " "
SHIFTED_CASES = 200
WIDE = 10 ** 6
LONG = 1000


@dataclass(frozen=True)
class CaseSets:
    """One problem's data: edge cases, training (edge cases first), test and shifted cases."""

    edge: tuple[Case, ...]
    training: tuple[Case, ...]
    test: tuple[Case, ...]
    shifted: tuple[Case, ...]


def _rng(role: str, name: str) -> random.Random:
    return random.Random(f"psb-{role}:{name}")


def build(name: str, edge: tuple[Case, ...], draw: Callable[[random.Random], Case], train: int, test: int,
          shift_draw: Callable[[random.Random], Case], boundary: tuple[Case, ...]) -> CaseSets:
    """Training = the edge cases then random cases up to ``train``; ``test`` random cases;
    shifted = the boundary cases then random shifted cases up to :data:`SHIFTED_CASES`."""
    rng = _rng("train", name)
    training = tuple(edge) + tuple(draw(rng) for _ in range(train - len(edge)))
    rng = _rng("test", name)
    held = tuple(draw(rng) for _ in range(test))
    rng = _rng("shift", name)
    shifted = tuple(boundary) + tuple(shift_draw(rng) for _ in range(SHIFTED_CASES - len(boundary)))
    return CaseSets(tuple(edge), training, held, shifted)


def _draws(rng: random.Random, n: int, count: int) -> list[int]:
    """``count`` draws from ``range(n)``, each the one ``rng.randrange(n)`` makes: the fewest bits
    that hold n - 1, drawn again while the value is n or more. Written out because the registry
    builds these cases in every process that looks a spec up (a sandboxed job, a cell's worker):
    the same values as ``randint`` and ``choice`` give, in half the CPU time.

    Example: n = 3 takes 2 bits; bits 3 are drawn again, bits 2 give 2.
    """
    bits = rng.getrandbits
    width = n.bit_length()
    out = []
    for _ in range(count):
        value = bits(width)
        while value >= n:
            value = bits(width)
        out.append(value)
    return out


def int_list(rng: random.Random, low: int, high: int, max_length: int, min_length: int = 0) -> list[int]:
    length = rng.randint(min_length, max_length)
    return [low + value for value in _draws(rng, high - low + 1, length)]


def shifted_list(rng: random.Random, min_length: int = 0) -> list[int]:
    """A long list (51..1000) of wide values (+-10^6)."""
    return int_list(rng, -WIDE, WIDE, LONG, max(51, min_length))


def text(rng: random.Random, max_length: int) -> str:
    length = rng.randint(0, max_length)
    return "".join([CHARACTERS[index] for index in _draws(rng, len(CHARACTERS), length)])


# --- edge cases as the suite lists them ------------------------------------------------------

def count_odds_edges() -> tuple[Case, ...]:
    singles = tuple(([value],) for value in range(-12, 13))
    pairs = tuple((list(pair),) for pair in ((0, 0), (1, 1), (2, 3), (3, 2), (-7, -7), (-1000, 999)))
    return (([],),) + singles + pairs


def negative_to_zero_edges() -> tuple[Case, ...]:
    singles = tuple(([value],) for value in (-1000, -10, -1, 0, 1, 10, 1000, -5, 5, -999))
    pairs = tuple((list(pair),) for pair in ((0, 0), (-1, -1), (1, -1), (-1, 1), (-1000, 1000), (7, 0)))
    return (([],),) + singles + pairs


def smallest_edges() -> tuple[Case, ...]:
    return ((0, 0, 0, 0), (-44, -44, -7, -13), (0, 4, -99, -33), (-22, -22, -22, -22), (99, 100, 99, 100))


def last_index_of_zero_edges() -> tuple[Case, ...]:
    pairs = (([0, 0],), ([0, 5],), ([-5, 0],))
    zeros = tuple(([0] * length,) for length in (1, 2, 3, 4, 10, 50))
    fours = []
    for base in ((0, 5, -8, 9), (0, 0, -8, 9), (0, 0, 0, 9)):
        fours += [(list(order),) for order in sorted(set(itertools.permutations(base)))]
    return pairs + zeros + tuple(fours)


def vector_average_edges() -> tuple[Case, ...]:
    rng = _rng("edge", "psb-vector-average")
    return tuple(([round(rng.uniform(-1000, 1000), 4) for _ in range(length)],) for length in (1,) * 5 + (2,) * 5)


def small_or_large_edges() -> tuple[Case, ...]:
    values = [-10000, 0, 980] + list(range(995, 1005)) + [1020, 1980] + list(range(1995, 2005)) + [2020, 10000]
    return tuple((value,) for value in values)


def sum_of_squares_edges() -> tuple[Case, ...]:
    return tuple((n,) for n in (1, 2, 3, 4, 5, 100))


def compare_string_lengths_edges() -> tuple[Case, ...]:
    short = tuple(sorted(set(itertools.permutations(("a", "bb", "ccc")))))
    two_empty = (("", "", "a"), ("", "a", ""), ("a", "", ""))
    two_equal = (("a", "b", "cc"), ("ab", "cd", "efg"), ("a", "bb", "cc"), ("abc", "de", "fg"))
    return (("", "", ""),) + short + two_empty + two_equal


def median_draw(rng: random.Random) -> Case:
    """Three ints in [-100, 100]: 60% distinct, 30% two equal, 10% all equal (the suite's mix)."""
    roll = rng.random()
    if roll < 0.6:
        return tuple(rng.sample(range(-100, 101), 3))
    if roll < 0.9:
        a, b = rng.sample(range(-100, 101), 2)
        values = [a, a, b]
        rng.shuffle(values)
        return tuple(values)
    value = rng.randint(-100, 100)
    return (value, value, value)


def last_index_list(rng: random.Random, length: int, low: int, high: int) -> list[int]:
    """A list of ``length`` values in [low, high] holding at least one 0."""
    values = [low + value for value in _draws(rng, high - low + 1, length)]
    for _ in range(rng.randint(1, max(1, length // 8))):
        values[rng.randrange(length)] = 0
    return values
