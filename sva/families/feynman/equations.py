"""The twelve equations of the AI Feynman database the family uses, as data.

Each :class:`Equation` gives its database id, its output and the output's unit, the formula
once (a function of a numeric namespace, so the same text is evaluated with :mod:`math` for the
oracle and with sympy for the symbolic-solution check), every variable with its sampling range
and unit (exponents over m, s, kg, T, V: :mod:`sva.families.feynman.units`), the shifted range
each variable moves to (beyond its upper end), and which variable the report's extrapolation
plot runs along. Ranges follow the database (Udrescu and Tegmark 2020, ``FeynmanEquations.csv``).

For the two relativistic formulas the shift is different: the speed is drawn as a fraction
``beta`` of the speed of light between 0.6 and 0.95 (training never passes 2/3), so the shifted
points approach the pole of the Lorentz factor instead of moving off in every variable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from sva.families.feynman.units import NAMED, Units

__all__ = ["EQUATIONS", "Equation", "Variable", "BETA_SHIFT"]

#: The fraction of c the relativistic specs' shifted speeds are drawn from.
BETA_SHIFT = (0.6, 0.95)


@dataclass(frozen=True)
class Variable:
    """One input: its name (the entry's parameter), training range, unit and shifted range."""

    name: str
    low: float
    high: float
    unit: str
    shift_low: float
    shift_high: float

    @property
    def units(self) -> Units:
        return NAMED[self.unit]


def _moved(name: str, low: float, high: float, unit: str) -> Variable:
    """A variable whose shifted range is its training range moved past its upper end."""
    return Variable(name, low, high, unit, high, high + (high - low))


@dataclass(frozen=True)
class Equation:
    """One formula of the database with everything a spec needs about it."""

    id: str
    output: str
    output_unit: str
    #: ``formula(ns, *values)``: ``ns`` is :mod:`math` or sympy (``sqrt``, ``exp``, ``sin``, ``pi``)
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
    def output_units(self) -> Units:
        return NAMED[self.output_unit]

    def variable(self, name: str) -> Variable:
        return next(variable for variable in self.variables if variable.name == name)


def _i_6_2a(ns: Any, theta: Any) -> Any:
    return ns.exp(-theta ** 2 / 2) / ns.sqrt(2 * ns.pi)


def _i_8_14(ns: Any, x1: Any, x2: Any, y1: Any, y2: Any) -> Any:
    return ns.sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2)


def _i_10_7(ns: Any, m_0: Any, v: Any, c: Any) -> Any:
    return m_0 / ns.sqrt(1 - v ** 2 / c ** 2)


def _i_12_1(ns: Any, mu: Any, Nn: Any) -> Any:
    return mu * Nn


def _i_14_3(ns: Any, m: Any, g: Any, z: Any) -> Any:
    return m * g * z


def _i_15_3x(ns: Any, x: Any, u: Any, c: Any, t: Any) -> Any:
    return (x - u * t) / ns.sqrt(1 - u ** 2 / c ** 2)


def _i_18_12(ns: Any, r: Any, F: Any, theta: Any) -> Any:
    return r * F * ns.sin(theta)


def _i_29_4(ns: Any, omega: Any, c: Any) -> Any:
    return omega / c


def _i_34_8(ns: Any, q: Any, v: Any, B: Any, p: Any) -> Any:
    return q * v * B / p


def _i_39_11(ns: Any, gamma: Any, pr: Any, V: Any) -> Any:
    return 1 / (gamma - 1) * pr * V


def _ii_3_24(ns: Any, Pwr: Any, r: Any) -> Any:
    return Pwr / (4 * ns.pi * r ** 2)


def _ii_8_31(ns: Any, epsilon: Any, Ef: Any) -> Any:
    return epsilon * Ef ** 2 / 2


EQUATIONS: tuple[Equation, ...] = (
    Equation("I.6.2a", "f", "dimensionless", _i_6_2a, "exp(-theta**2/2)/sqrt(2*pi)",
             (_moved("theta", 1, 3, "dimensionless"),), "the standard normal density", plot_variable="theta"),
    Equation("I.8.14", "d", "length", _i_8_14, "sqrt((x2-x1)**2+(y2-y1)**2)",
             tuple(_moved(name, 1, 5, "length") for name in ("x1", "x2", "y1", "y2")),
             "the distance between two points of the plane", plot_variable="x2", symmetry="points"),
    Equation("I.10.7", "m", "mass", _i_10_7, "m_0/sqrt(1-v**2/c**2)",
             (_moved("m_0", 1, 5, "mass"), Variable("v", 1, 2, "velocity", 3.9, 6.0),
              Variable("c", 3, 10, "velocity", 3, 10)),
             "the relativistic mass of a body moving at speed v", relativistic=("v", "c"), plot_variable="v"),
    Equation("I.12.1", "F", "force", _i_12_1, "mu*Nn",
             (_moved("mu", 1, 5, "dimensionless"), _moved("Nn", 1, 5, "force")),
             "the friction force for friction coefficient mu and normal force Nn", plot_variable="Nn"),
    Equation("I.14.3", "U", "energy", _i_14_3, "m*g*z",
             (_moved("m", 1, 5, "mass"), _moved("g", 1, 5, "acceleration"), _moved("z", 1, 5, "length")),
             "the potential energy of a mass m at height z in gravity g", plot_variable="z"),
    Equation("I.15.3x", "x1", "length", _i_15_3x, "(x-u*t)/sqrt(1-u**2/c**2)",
             (_moved("x", 5, 10, "length"), Variable("u", 1, 2, "velocity", 7.0, 11.0),
              Variable("c", 3, 20, "velocity", 3, 20), _moved("t", 1, 2, "time")),
             "the Lorentz-transformed position of an event", relativistic=("u", "c"), plot_variable="u"),
    Equation("I.18.12", "tau", "torque", _i_18_12, "r*F*sin(theta)",
             (_moved("r", 1, 5, "length"), _moved("F", 1, 5, "force"), _moved("theta", 0, 5, "dimensionless")),
             "the torque of a force F applied at distance r and angle theta", plot_variable="theta"),
    Equation("I.29.4", "k", "wavenumber", _i_29_4, "omega/c",
             (_moved("omega", 1, 10, "angular frequency"), _moved("c", 1, 10, "velocity")),
             "the wavenumber of a wave of angular frequency omega and speed c", plot_variable="c"),
    Equation("I.34.8", "omega", "angular frequency", _i_34_8, "q*v*B/p",
             (_moved("q", 1, 5, "charge"), _moved("v", 1, 5, "velocity"), _moved("B", 1, 5, "magnetic field"),
              _moved("p", 1, 5, "momentum")),
             "the cyclotron frequency of a charge q moving at v in a field B with momentum p", plot_variable="p"),
    Equation("I.39.11", "E_n", "energy", _i_39_11, "1/(gamma-1)*pr*V",
             (_moved("gamma", 2, 5, "dimensionless"), _moved("pr", 1, 5, "pressure"), _moved("V", 1, 5, "volume")),
             "the internal energy of an ideal gas of adiabatic index gamma at pressure pr in volume V",
             plot_variable="gamma"),
    Equation("II.3.24", "flux", "intensity", _ii_3_24, "Pwr/(4*pi*r**2)",
             (_moved("Pwr", 1, 5, "power"), _moved("r", 1, 5, "length")),
             "the intensity at distance r from a point source of power Pwr", plot_variable="r"),
    Equation("II.8.31", "E_den", "energy density", _ii_8_31, "epsilon*Ef**2/2",
             (_moved("epsilon", 1, 5, "permittivity"), _moved("Ef", 1, 5, "electric field")),
             "the energy density of an electric field Ef in a medium of permittivity epsilon", plot_variable="Ef"),
)
