"""The AI Feynman database's equations, read from the family's data (``data/equations.json``).

The database (Udrescu and Tegmark 2020) has 100 equations (``FeynmanEquations.csv``) and 20
bonus ones (``BonusEquations.csv``), each with its variables' sampling ranges, and a units table
(``units.csv``) giving every variable name's unit as exponents over m, s, kg, T, V
(:mod:`sva.families.feynman.units`). Under it every formula but one is dimensionally
homogeneous; I.43.16's is not (:data:`UNITS_UNCHECKED`, with the reason), so its units-kept check
is not made. ``data/convert.py`` turned the three tables into
``equations.json`` once (their sources and checksums: ``data/PROVENANCE.md``); this module reads
it. Each :class:`Equation` gives its id, its output and the output's unit, the formula once as a
function of a numeric namespace (read from the database's text by the whitelist parser of
:mod:`sva.families.feynman.formula`, so the same text is evaluated with :mod:`math` for the oracle
and with sympy for the symbolic-solution check), every variable with its sampling range and
unit, the shifted range each variable moves to, and which variable the report's plot runs along.

**The shift.** Every variable's range [lo, hi] moves past its upper end, to [hi, 2 hi - lo]. A
*relativistic* formula is one whose speed of light ``c`` is a variable and whose training ranges
keep some speed below it (a variable with a velocity's unit whose top is below c's bottom: the
database's way of keeping ``sqrt(1 - v**2/c**2)`` real). There the speed of light moves like
every variable, and the speed is drawn as a fraction ``beta`` of c between 0.6 and 0.95
(training never passes 2/3 in I.10.7), so the shifted points approach the pole of the Lorentz
factor instead of crossing it. The speed's :attr:`Variable.shift_low` and ``shift_high`` are
then its range at c's training mid-point, where the extrapolation curve is drawn (for I.10.7
and I.15.3x, the ranges first chosen for them: [3.9, 6] and [7, 11]). Worked
example, I.10.7 (m_0 in [1, 5], v in [1, 2], c in [3, 10]): shifted m_0 in [5, 9], c in
[10, 17], v = beta * c in [6, 16.15]: every coordinate lies outside the training box. One
variable cannot move without leaving its formula's domain, and stays in its training range
(:data:`STAYS`, with the reason): I.26.2's refractive index n in [0, 1], since arcsin(n sin
theta2) is real only for |n sin theta2| <= 1; its theta2 moves.

**The twelve.** The family began with twelve of the equations, each with a hand-written design
(:mod:`sva.families.feynman.design`) and a sentence saying what it computes; :data:`CORE` keeps
those sentences, the output unit's name where the units table's name is less precise (a torque
is not "Energy"), the plot variable and I.8.14's symmetry. Every other equation's meaning is
the bonus table's name, or its id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

from sva.families.feynman.formula import compiled, parse
from sva.families.feynman.units import NAMED, Units, name_of

__all__ = ["BETA_SHIFT", "CORE", "STAYS", "UNITS_UNCHECKED", "EQUATIONS", "Equation", "Variable", "all_equations", "load"]

#: The fraction of c the relativistic specs' shifted speeds are drawn from.
BETA_SHIFT = (0.6, 0.95)
_VELOCITY = NAMED["velocity"]

#: Variables that keep their training range on the shift, by equation id: (variable, why).
STAYS: dict[str, tuple[str, str]] = {
    "I.26.2": ("n", "arcsin(n*sin(theta2)) is real only while |n sin(theta2)| <= 1, which n in [0, 1] keeps"),
}

#: Equations the units table does not make homogeneous, so the units-kept check is not made: why.
UNITS_UNCHECKED: dict[str, str] = {
    "I.43.16": "the units table gives mu_drift kg s^-1, which makes mu_drift*q*Volt/d m s^-3 kg^2, not the "
               "velocity v (m s^-1) it names; a mobility would be s kg^-1",
}


@dataclass(frozen=True)
class Variable:
    """One input: its name (the entry's parameter), training range, unit name, shifted range and
    unit vector."""

    name: str
    low: float
    high: float
    unit: str
    shift_low: float
    shift_high: float
    units: Units = (0, 0, 0, 0, 0)


@dataclass(frozen=True)
class Equation:
    """One formula of the database with everything a spec needs about it."""

    id: str
    output: str
    output_unit: str
    #: ``formula(ns, *values)``: ``ns`` is :mod:`math` or sympy (``sqrt``, ``exp``, ``sin``, ``pi``, ...)
    formula: Callable[..., Any]
    text: str
    variables: tuple[Variable, ...]
    meaning: str
    #: (speed, speed of light) for the relativistic formulas: the shift draws speed = beta * c
    relativistic: tuple[str, str] | None = None
    #: the variable the extrapolation plot runs along (the others sit mid-range)
    plot_variable: str = ""
    #: the physics' symmetry, if any: ``"points"`` (I.8.14 under swapping the two points)
    symmetry: str | None = None
    output_units: Units = (0, 0, 0, 0, 0)
    #: the formula as the tree :mod:`sva.families.feynman.formula` reads (JSON data)
    tree: Any = None
    #: the database table it comes from: ``"FeynmanEquations.csv"`` or ``"BonusEquations.csv"``
    table: str = "FeynmanEquations.csv"

    @property
    def name(self) -> str:
        return f"feynman-{self.id}"

    @property
    def entry(self) -> str:
        return "feynman_" + self.id.lower().replace(".", "_")

    @property
    def params(self) -> tuple[str, ...]:
        return tuple(variable.name for variable in self.variables)

    @property
    def units_unchecked(self) -> str | None:
        """Why the units-kept check is not made for this equation (None: it is made)."""
        return UNITS_UNCHECKED.get(self.id)

    @property
    def core(self) -> bool:
        """One of the twelve the family began with (a hand-written design)."""
        return self.id in CORE

    def variable(self, name: str) -> Variable:
        return next(variable for variable in self.variables if variable.name == name)


@dataclass(frozen=True)
class Core:
    """What the family says about one of its first twelve equations beyond the database."""

    meaning: str
    output_unit: str
    plot_variable: str
    symmetry: str | None = None
    #: the relativistic speed's plotted shifted range as first chosen (kept: the curves are stored)
    speed_shift: tuple[float, float] | None = None


#: The twelve equations with hand-written designs, in the database's order.
CORE: dict[str, Core] = {
    "I.6.2a": Core("the standard normal density", "dimensionless", "theta"),
    "I.8.14": Core("the distance between two points of the plane", "length", "x2", symmetry="points"),
    "I.10.7": Core("the relativistic mass of a body moving at speed v", "mass", "v", speed_shift=(3.9, 6.0)),
    "I.12.1": Core("the friction force for friction coefficient mu and normal force Nn", "force", "Nn"),
    "I.14.3": Core("the potential energy of a mass m at height z in gravity g", "energy", "z"),
    "I.15.3x": Core("the Lorentz-transformed position of an event", "length", "u", speed_shift=(7.0, 11.0)),
    "I.18.12": Core("the torque of a force F applied at distance r and angle theta", "torque", "theta"),
    "I.29.4": Core("the wavenumber of a wave of angular frequency omega and speed c", "wavenumber", "c"),
    "I.34.8": Core("the cyclotron frequency of a charge q moving at v in a field B with momentum p",
                   "angular frequency", "p"),
    "I.39.11": Core("the internal energy of an ideal gas of adiabatic index gamma at pressure pr in volume V",
                    "energy", "gamma"),
    "II.3.24": Core("the intensity at distance r from a point source of power Pwr", "intensity", "r"),
    "II.8.31": Core("the energy density of an electric field Ef in a medium of permittivity epsilon",
                    "energy density", "Ef"),
}


def _unit_name(record_unit: str | None, vector: Units) -> str:
    """The family's name for a unit (:data:`NAMED`), else the units table's, in lower case."""
    if vector in NAMED.values() or not record_unit:
        return name_of(vector)
    return record_unit.lower()


def _relativistic(variables: list[dict[str, Any]]) -> tuple[str, str] | None:
    light = next((v for v in variables if v["name"] == "c"), None)
    if light is None:
        return None
    speed = next((v for v in variables if v["name"] != "c" and tuple(v["units"] or ()) == _VELOCITY
                  and v["high"] < light["low"]), None)
    return None if speed is None else (speed["name"], "c")


def _variable(record_id: str, record: dict[str, Any], relativistic: tuple[str, str] | None,
              light: dict[str, Any] | None, stays: str | None) -> Variable:
    low, high, vector = record["low"], record["high"], tuple(record["units"] or (0, 0, 0, 0, 0))
    shift_low, shift_high = (low, high) if record["name"] == stays else (high, high + (high - low))
    if relativistic is not None and light is not None and record["name"] == relativistic[0]:
        middle = (light["low"] + light["high"]) / 2
        core = CORE.get(record_id)
        shift_low, shift_high = core.speed_shift if core and core.speed_shift else \
            (BETA_SHIFT[0] * middle, BETA_SHIFT[1] * middle)
    return Variable(record["name"], low, high, _unit_name(record["unit"], vector), shift_low, shift_high, vector)


def _formula(tree: Any, params: tuple[str, ...]) -> Callable[..., Any]:
    walk = compiled(tree, params)

    def formula(ns: Any, *values: Any) -> Any:
        return walk(ns, values)

    return formula


def _equation(record: dict[str, Any]) -> Equation:
    relativistic = _relativistic(record["variables"])
    light = next((v for v in record["variables"] if v["name"] == "c"), None)
    stays = STAYS[record["id"]][0] if record["id"] in STAYS else None
    variables = tuple(_variable(record["id"], v, relativistic, light, stays) for v in record["variables"])
    params = tuple(v.name for v in variables)
    tree = parse(record["formula"], params)
    output_units = tuple(record["output_units"] or (0, 0, 0, 0, 0))
    core = CORE.get(record["id"])
    return Equation(
        id=record["id"], output=record["output"],
        output_unit=core.output_unit if core else _unit_name(record["output_unit"], output_units),
        formula=_formula(tree, params), text=record["formula"], variables=variables,
        meaning=core.meaning if core else (record["name"] or f"AI Feynman equation {record['id']}"),
        relativistic=relativistic, plot_variable=core.plot_variable if core else params[0],
        symmetry=core.symmetry if core else None, output_units=output_units,
        tree=tree, table=record["table"])


@lru_cache(maxsize=None)
def load() -> dict[str, Any]:
    """``equations.json``: the tables' checksums and the equations' records."""
    text = resources.files("sva.families.feynman").joinpath("data/equations.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def all_equations() -> tuple[Equation, ...]:
    """The 120 equations: the database's 100 in its order, then the 20 bonus ones."""
    return tuple(_equation(record) for record in load()["equations"])


#: The twelve the family began with, in the database's order.
EQUATIONS: tuple[Equation, ...] = tuple(equation for equation in all_equations() if equation.core)
