"""Step a of ``design-auto``: dimensional analysis (the Buckingham pi theorem) from the units alone.

The brief gives each input's and the output's units as exponent vectors over the base units
(m, s, kg, T, V; :mod:`sva.families.feynman.units`). Stack the inputs' vectors as the columns of
the units matrix U (5 x n). Then

* a **scale** is a monomial ``prod x_i ** e_i`` with ``U e = u_y``: it carries the output's
  units, so ``y / scale`` is dimensionless;
* a **group** is a monomial with ``U e = 0``: dimensionless. By the pi theorem a homogeneous law
  ``y = f(x)`` can be written ``y = scale * F(pi_1, ..., pi_k)`` with ``k = n - rank(U)``.

The exponents are not unique (any group times a scale is another scale), so one choice is made
by a stated rule, deterministically: integer exponent vectors are enumerated in the order
(support size, sum of |e_i|, largest |e_i|, the variables' order in the signature, then the
exponents, each in 1, -1, 2, -2, 3, -3), with the first nonzero exponent of a group positive;
the scale is the first vector carrying the output's units, the groups are taken greedily, each
the first vector that raises the rank of those taken, until there are k of them. So a ratio of
two like quantities (support 2, exponents 1 and -1) comes before anything longer, and an input
that is already dimensionless is a group of its own. Exponents are bounded by :data:`LARGEST`;
the rank is computed exactly over the rationals.

Worked example, feynman-I.10.7 (m_0: kg, v and c: m s^-1; output kg): U has rank 2, so one
group. The scale is ``m_0`` (support 1); the first dimensionless vector is ``v**1 * c**-1``:
``v_over_c``. Its story: "v and c are both m s^-1, so v / c is dimensionless".

A spec whose output units no monomial of the inputs carries (the units table's I.43.16) has no
scale: the analysis says so and the designer works on the raw inputs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterator, Mapping, Sequence

from sva.families.feynman.units import BASE, describe

__all__ = ["LARGEST", "Analysis", "Monomial", "analyse", "monomials", "rank"]

#: The largest |exponent| the enumeration tries.
LARGEST = 3
_EXPONENTS = (1, -1, 2, -2, 3, -3)


@dataclass(frozen=True)
class Monomial:
    """``prod name ** exponent`` over the inputs, in the signature's order; ``name`` is the
    identifier of the part that computes it."""

    name: str
    powers: tuple[tuple[str, int], ...]

    @property
    def text(self) -> str:
        """``v / c``, ``m_0``, ``q * v * B / p``, ``x / (u * t)``; ``1`` when empty."""
        def factor(name: str, power: int) -> str:
            return name if abs(power) == 1 else f"{name}**{abs(power)}"

        upper = [factor(n, p) for n, p in self.powers if p > 0]
        lower = [factor(n, p) for n, p in self.powers if p < 0]
        top = " * ".join(upper) or "1"
        if not lower:
            return top
        bottom = lower[0] if len(lower) == 1 else f"({' * '.join(lower)})"
        return f"{top} / {bottom}"

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.powers)


@dataclass(frozen=True)
class Analysis:
    """What the dimensional analysis found: the scale (``None``: no monomial carries the output's
    units), the groups, the units matrix's rank, and one sentence per decision."""

    scale: Monomial | None
    groups: tuple[Monomial, ...]
    rank: int
    decisions: tuple[str, ...]


def rank(vectors: Sequence[Sequence[int]]) -> int:
    """The rank of a list of integer vectors, exactly (Gaussian elimination over the rationals)."""
    rows = [[Fraction(value) for value in vector] for vector in vectors]
    found = 0
    columns = len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((index for index in range(found, len(rows)) if rows[index][column] != 0), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        for index in range(len(rows)):
            if index != found and rows[index][column] != 0:
                ratio = rows[index][column] / rows[found][column]
                rows[index] = [a - ratio * b for a, b in zip(rows[index], rows[found])]
        found += 1
    return found


def units_of(powers: Sequence[int], columns: Sequence[Sequence[int]]) -> tuple[int, ...]:
    """The units of ``prod x_i ** powers[i]``: ``U powers``."""
    return tuple(sum(p * column[base] for p, column in zip(powers, columns)) for base in range(len(BASE)))


def monomials(count: int, largest: int = LARGEST) -> Iterator[tuple[int, ...]]:
    """Every exponent vector over ``count`` inputs with entries in [-largest, largest], in the
    module docstring's order (the zero vector first)."""
    yield (0,) * count
    values = [value for value in _EXPONENTS if abs(value) <= largest]
    for support in range(1, count + 1):
        found = []
        for chosen in itertools.combinations(range(count), support):
            for exponents in itertools.product(values, repeat=support):
                vector = [0] * count
                for index, exponent in zip(chosen, exponents):
                    vector[index] = exponent
                found.append((sum(map(abs, exponents)), max(map(abs, exponents)), chosen,
                              [values.index(e) for e in exponents], tuple(vector)))
        found.sort()
        yield from (item[-1] for item in found)


def _name(powers: tuple[tuple[str, int], ...], taken: set[str]) -> str:
    def part(name: str, power: int) -> str:
        return name if abs(power) == 1 else f"{name}{abs(power)}"

    upper = "_".join(part(n, p) for n, p in powers if p > 0) or "one"
    lower = "_".join(part(n, p) for n, p in powers if p < 0)
    name = f"{upper}_over_{lower}" if lower else upper
    while name in taken:
        name = f"{name}_group"
    return name


def _monomial(params: Sequence[str], vector: Sequence[int], taken: set[str], name: str | None = None) -> Monomial:
    powers = tuple((param, power) for param, power in zip(params, vector) if power)
    if name is None and len(powers) == 1 and powers[0][1] == 1:
        name = powers[0][0]  # a dimensionless input is its own group, under its own name
    return Monomial(name or _name(powers, taken), powers)


def _like(monomial: Monomial, units: Mapping[str, Sequence[int]]) -> str:
    """Why a group is dimensionless, in words: ``v and c are both m s^-1``."""
    kinds = {describe(units[name]) for name in monomial.variables}
    if len(kinds) == 1 and sorted(p for _, p in monomial.powers) == [-1, 1]:
        first, second = monomial.variables
        return f"{first} and {second} are both {kinds.pop()}"
    return "The units of " + ", ".join(f"{name} ({describe(units[name])})" for name in monomial.variables) + " cancel"


def analyse(params: Sequence[str], output: str, units: Mapping[str, Sequence[int]]) -> Analysis:
    """The scale and groups of the inputs ``params`` for ``output`` (see the module docstring)."""
    columns = [tuple(units[param]) for param in params]
    target = tuple(units[output])
    full = rank(columns) if columns else 0
    wanted = len(params) - full
    taken = set(params) | {output}
    scale_vector = next((v for v in monomials(len(params)) if units_of(v, columns) == target), None)
    decisions = [f"The units matrix of {', '.join(params)} has rank {full}, so by the pi theorem the output "
                 f"depends on {wanted} dimensionless group(s) of the inputs."]
    scale = None
    if scale_vector is None:
        decisions.append(f"No monomial of the inputs with exponents up to {LARGEST} carries the output's units "
                         f"{describe(target)}: the units are not homogeneous, so the inputs are used as they are.")
    else:
        scale = _monomial(params, scale_vector, taken, name=f"{output}_scale")
        decisions.append(f"{scale.text} carries the output's units {describe(target)}: it is the scale.")
    groups: list[Monomial] = []
    chosen: list[tuple[int, ...]] = []
    for vector in monomials(len(params)):
        if len(groups) == wanted:
            break
        if not any(vector) or units_of(vector, columns) != (0,) * len(BASE):
            continue
        if next(value for value in vector if value) < 0 or rank(chosen + [vector]) == len(chosen):
            continue
        chosen.append(vector)
        group = _monomial(params, vector, taken)
        taken.add(group.name)
        groups.append(group)
        if len(group.powers) == 1:
            decisions.append(f"{group.text} has no units, so it is a group of its own: group {group.name}.")
        else:
            decisions.append(f"{_like(group, units)}, so {group.text} is dimensionless: group {group.name}.")
    if len(groups) < wanted:
        decisions.append(f"Only {len(groups)} of the {wanted} groups have exponents up to {LARGEST}.")
    return Analysis(scale, tuple(groups), full, tuple(decisions))


def story(monomial: Monomial, analysis: Analysis) -> str:
    """The decision sentence that made ``monomial`` (the part's story starts with it)."""
    return next((line for line in analysis.decisions if line.startswith(monomial.text + " carries")
                 or line.endswith(f"group {monomial.name}.")), "")
