"""Physical units as exponent vectors over the AI Feynman database's five base units.

The database's units table (Udrescu and Tegmark 2020, ``units.csv``) writes every quantity's
unit as exponents of metre, second, kilogram, kelvin and volt, in that order: a force is
``(1, -2, 1, 0, 0)`` (kg m s^-2), a charge ``(2, -2, 1, 0, -1)`` (kg m^2 s^-2 V^-1, since a volt
is a joule per coulomb). :data:`NAMED` holds the ones the twelve specs use; :func:`describe`
writes a vector as a reader would (``kg m s^-2``), :func:`scale_of` is the factor a quantity of
that unit is multiplied by when each base unit is rescaled (the dimensional-homogeneity check).
"""

from __future__ import annotations

from typing import Sequence

__all__ = ["BASE", "NAMED", "Units", "describe", "name_of", "product", "scale_of"]

#: The base units, in the database's order.
BASE: tuple[str, ...] = ("m", "s", "kg", "T", "V")

#: A unit: one exponent per base unit.
Units = tuple[int, int, int, int, int]

#: The units the specs use, by the name the specs and the database give them.
NAMED: dict[str, Units] = {
    "dimensionless": (0, 0, 0, 0, 0),
    "length": (1, 0, 0, 0, 0),
    "time": (0, 1, 0, 0, 0),
    "mass": (0, 0, 1, 0, 0),
    "velocity": (1, -1, 0, 0, 0),
    "acceleration": (1, -2, 0, 0, 0),
    "force": (1, -2, 1, 0, 0),
    "energy": (2, -2, 1, 0, 0),
    "torque": (2, -2, 1, 0, 0),
    "power": (2, -3, 1, 0, 0),
    "momentum": (1, -1, 1, 0, 0),
    "angular frequency": (0, -1, 0, 0, 0),
    "wavenumber": (-1, 0, 0, 0, 0),
    "charge": (2, -2, 1, 0, -1),
    "magnetic field": (-2, 1, 0, 0, 1),
    "pressure": (-1, -2, 1, 0, 0),
    "volume": (3, 0, 0, 0, 0),
    "area": (2, 0, 0, 0, 0),
    "intensity": (0, -3, 1, 0, 0),
    "energy density": (-1, -2, 1, 0, 0),
    "permittivity": (1, -2, 1, 0, -2),
    "electric field": (-1, 0, 0, 0, 1),
}


def describe(units: Sequence[int]) -> str:
    """``(1, -2, 1, 0, 0)`` -> ``"m s^-2 kg"``; the zero vector is ``"1"`` (dimensionless)."""
    parts = [base if power == 1 else f"{base}^{power}" for base, power in zip(BASE, units) if power]
    return " ".join(parts) or "1"


def name_of(units: Sequence[int]) -> str:
    """The first name :data:`NAMED` gives ``units``, else its :func:`describe` form."""
    found = next((name for name, vector in NAMED.items() if vector == tuple(units)), None)
    return found or describe(units)


def product(*vectors: Sequence[int]) -> Units:
    """The unit of a product: exponents added."""
    return tuple(sum(column) for column in zip(*vectors))


def scale_of(units: Sequence[int], factors: Sequence[float]) -> float:
    """The factor a quantity of ``units`` takes when base unit k is rescaled by ``factors[k]``."""
    result = 1.0
    for power, factor in zip(units, factors):
        result *= factor ** power
    return result
