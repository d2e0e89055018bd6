"""Design templates: each formula written as a physicist would, with named sub-quantities.

These are the hand-written designs of the twelve equations the family began with; the other
108 are transcribed from the database (:mod:`sva.families.feynman.transcribe`).

Every template composes the spec's primitives only (the fair-comparison rule): what design adds
is helpers with names (``lorentz_factor``, ``squared_distance``, ...), each with a story that
states its unit, and a contract per helper (:class:`FloatContract`): a property test that calls
the helper directly, e.g. a Lorentz factor is at least 1, a squared distance is the same with
the two points swapped and equals the sum of the squared separations. Contracts state intent,
so they may use the full language (``math.isclose``, ``**``).

Design is the reference, not a competitor judged against search: it writes the database's
formula by construction, so its entry's story states the formula after the spec's answer-free
description ("... Design is the reference that writes the known formula by construction: m =
m_0/sqrt(1-v**2/c**2)."). The automated designer that never sees the answer is
:mod:`sva.families.feynman.auto`.
"""

from __future__ import annotations

from typing import Callable

from sva.core.program import Apply, Call, Constant, Expr, Function, Name, Program, Return
from sva.core.spec import Spec
from sva.families.feynman.contract import FloatContract
from sva.families.feynman.equations import all_equations
from sva.families.feynman.transcribe import transcribed

__all__ = ["FEYNMAN_TEMPLATES", "FloatContract"]


def _n(name: str) -> Name:
    return Name(name)


def _c(value: float) -> Constant:
    return Constant(value)


def _op(name: str, *args: Expr) -> Apply:
    return Apply(name, args)


def _close(expected: str) -> str:
    return f"math.isclose(result, {expected}, rel_tol=1e-9, abs_tol=1e-12)"


def _f(low: float, high: float) -> str:
    return f"st.floats({low!r}, {high!r})"


def _helper(name: str, params: tuple[str, ...], value: Expr, story: str, contract: FloatContract) -> Function:
    return Function(name, params, (Return(value),), story=story, contract=contract)


def _entry(spec: Spec, value: Expr, contract: FloatContract | None = None) -> Function:
    equation = spec.extra["equation"]
    story = (f"{spec.description} Design is the reference that writes the known formula by construction: "
             f"{equation.output} = {equation.text}.")
    return Function(spec.entry, spec.params, (Return(value),), story=story, contract=contract)


def _program(spec: Spec, template: str, *functions: Function) -> Program:
    return Program(f"{spec.name} solved by design ({template}): the formula written with named physical "
                   f"sub-quantities, each helper's story giving its unit.", tuple(functions), spec.entry)


def _square(name: str) -> Apply:
    return _op("MUL", _n(name), _n(name))


def _call(function: Function, *args: Expr) -> Expr:
    return Call(function.name, args or tuple(_n(param) for param in function.params))


def _lorentz(speed: str, light: str, speed_range: tuple[float, float], light_range: tuple[float, float]) -> tuple[Function, Function]:
    ratio = _helper("speed_ratio_squared", (speed, light), _op("DIV", _square(speed), _square(light)),
                    f"(v/c)^2 = {speed}^2 / {light}^2: dimensionless, in [0, 1) below the speed of light.",
                    FloatContract(f"0.0 <= result < 1.0 and {_close(f'({speed} / {light}) ** 2')}",
                                  "a dimensionless ratio in [0, 1) for a speed below c",
                                  {speed: _f(*speed_range), light: _f(*light_range)}))
    factor = _helper("lorentz_factor", (speed, light),
                     _op("DIV", _c(1.0), _op("SQRT", _op("SUB", _c(1.0), _call(ratio)))),
                     "The Lorentz factor 1 / sqrt(1 - (v/c)^2): dimensionless, at least 1, growing without bound "
                     "as the speed approaches c.",
                     FloatContract(f"result >= 1.0 and {_close(f'1 / math.sqrt(1 - {speed} ** 2 / {light} ** 2)')}",
                                   "dimensionless and at least 1", {speed: _f(*speed_range), light: _f(*light_range)}))
    return ratio, factor


def _i_6_2a(spec: Spec) -> Program:
    exponent = _helper("half_square", ("theta",), _op("DIV", _square("theta"), _c(2.0)),
                       "theta^2 / 2, the exponent of the Gaussian: dimensionless, never negative.",
                       FloatContract(f"result >= 0.0 and {_close('theta ** 2 / 2')}", "theta^2 / 2, never negative",
                                     {"theta": _f(-10.0, 10.0)}))
    norm = _helper("gaussian_normaliser", (), _op("SQRT", _op("MUL", _c(2.0), Apply("PI", ()))),
                   "sqrt(2 pi), the Gaussian's normalising constant: dimensionless.",
                   FloatContract(_close("math.sqrt(2 * math.pi)"), "equals sqrt(2 pi)"))
    entry = _entry(spec, _op("DIV", _op("EXP", _op("NEG", _call(exponent))), _call(norm)))
    return _program(spec, "gaussian", exponent, norm, entry)


def _i_8_14(spec: Spec) -> Program:
    separation = _helper("separation", ("a", "b"), _op("SUB", _n("b"), _n("a")),
                         "The signed separation b - a of two coordinates: a length (m), antisymmetric.",
                         FloatContract("result == -artifact.separation(b, a)", "antisymmetric: swapping the "
                                       "coordinates flips its sign", {"a": _f(-100.0, 100.0), "b": _f(-100.0, 100.0)}))
    dx, dy = _call(separation, _n("x1"), _n("x2")), _call(separation, _n("y1"), _n("y2"))
    squared = _helper("squared_distance", ("x1", "x2", "y1", "y2"), _op("ADD", _op("MUL", dx, dx), _op("MUL", dy, dy)),
                      "The squared distance dx^2 + dy^2 between (x1, y1) and (x2, y2): an area (m^2), never "
                      "negative, the same with the two points swapped.",
                      FloatContract(f"result >= 0.0 and result == artifact.squared_distance(x2, x1, y2, y1) and "
                                    f"{_close('(x2 - x1) ** 2 + (y2 - y1) ** 2')}",
                                    "never negative, symmetric in the two points",
                                    {name: _f(-100.0, 100.0) for name in ("x1", "x2", "y1", "y2")}))
    entry = _entry(spec, _op("SQRT", _call(squared)))
    return _program(spec, "distance", separation, squared, entry)


def _i_10_7(spec: Spec) -> Program:
    ratio, factor = _lorentz("v", "c", (0.0, 2.9), (3.0, 10.0))
    entry = _entry(spec, _op("MUL", _n("m_0"), _call(factor)))
    return _program(spec, "relativistic mass", ratio, factor, entry)


def _i_12_1(spec: Spec) -> Program:
    entry = _entry(spec, _op("MUL", _n("mu"), _n("Nn")),
                   FloatContract("math.isclose(artifact.feynman_i_12_1(mu, 2 * Nn), 2 * result, rel_tol=1e-9, abs_tol=1e-12)",
                                 "a force (N) proportional to the normal force", {"mu": _f(0.0, 5.0), "Nn": _f(0.0, 5.0)}))
    return _program(spec, "friction", entry)


def _i_14_3(spec: Spec) -> Program:
    weight = _helper("weight", ("m", "g"), _op("MUL", _n("m"), _n("g")),
                     "The weight m g of the mass: a force (kg m s^-2), never negative for m, g >= 0.",
                     FloatContract(f"result >= 0.0 and {_close('m * g')}", "a force, m times g",
                                   {"m": _f(0.0, 10.0), "g": _f(0.0, 10.0)}))
    entry = _entry(spec, _op("MUL", _call(weight), _n("z")))
    return _program(spec, "weight times height", weight, entry)


def _i_15_3x(spec: Spec) -> Program:
    ratio, factor = _lorentz("u", "c", (0.0, 2.9), (3.0, 20.0))
    galilean = _helper("galilean_position", ("x", "u", "t"), _op("SUB", _n("x"), _op("MUL", _n("u"), _n("t"))),
                       "x - u t, the position in the moving frame before the relativistic correction: a length (m).",
                       FloatContract(_close("x - u * t"), "a length, x - u t",
                                     {"x": _f(0.0, 20.0), "u": _f(0.0, 3.0), "t": _f(0.0, 3.0)}))
    entry = _entry(spec, _op("MUL", _call(galilean), _call(factor)))
    return _program(spec, "Lorentz transformation", ratio, factor, galilean, entry)


def _i_18_12(spec: Spec) -> Program:
    arm = _helper("lever_arm", ("r", "theta"), _op("MUL", _n("r"), _op("SIN", _n("theta"))),
                  "The lever arm r sin(theta), the distance perpendicular to the force: a length (m), at most r.",
                  FloatContract(f"abs(result) <= r + 1e-12 and {_close('r * math.sin(theta)')}", "a length, at most r",
                                {"r": _f(0.0, 10.0), "theta": _f(-10.0, 10.0)}))
    entry = _entry(spec, _op("MUL", _call(arm), _n("F")))
    return _program(spec, "force times lever arm", arm, entry)


def _i_29_4(spec: Spec) -> Program:
    entry = _entry(spec, _op("DIV", _n("omega"), _n("c")),
                   FloatContract("math.isclose(artifact.feynman_i_29_4(2 * omega, 2 * c), result, rel_tol=1e-9)",
                                 "a wavenumber (m^-1): frequency and speed doubled together leave it unchanged",
                                 {"omega": _f(1.0, 10.0), "c": _f(1.0, 10.0)}))
    return _program(spec, "wavenumber", entry)


def _i_34_8(spec: Spec) -> Program:
    force = _helper("magnetic_force", ("q", "v", "B"), _op("MUL", _op("MUL", _n("q"), _n("v")), _n("B")),
                    "The magnetic force q v B on the moving charge: a force (kg m s^-2).",
                    FloatContract(_close("q * v * B"), "a force, q v B",
                                  {name: _f(0.0, 10.0) for name in ("q", "v", "B")}))
    entry = _entry(spec, _op("DIV", _call(force), _n("p")))
    return _program(spec, "force over momentum", force, entry)


def _i_39_11(spec: Spec) -> Program:
    work = _helper("pressure_volume", ("pr", "V"), _op("MUL", _n("pr"), _n("V")),
                   "The product pr V of pressure and volume: an energy (kg m^2 s^-2).",
                   FloatContract(_close("pr * V"), "an energy, pr times V", {"pr": _f(0.0, 10.0), "V": _f(0.0, 10.0)}))
    dof = _helper("energy_per_pv", ("gamma",), _op("DIV", _c(1.0), _op("SUB", _n("gamma"), _c(1.0))),
                  "1 / (gamma - 1), the internal energy per unit of pr V: dimensionless, positive for gamma > 1.",
                  FloatContract(f"result > 0.0 and {_close('1 / (gamma - 1)')}", "dimensionless and positive",
                                {"gamma": _f(1.1, 10.0)}))
    entry = _entry(spec, _op("MUL", _call(dof), _call(work)))
    return _program(spec, "ideal gas energy", work, dof, entry)


def _ii_3_24(spec: Spec) -> Program:
    area = _helper("sphere_area", ("r",), _op("MUL", _op("MUL", _c(4.0), Apply("PI", ())), _square("r")),
                   "The area 4 pi r^2 of the sphere of radius r the power spreads over: an area (m^2).",
                   FloatContract(f"result >= 0.0 and {_close('4 * math.pi * r ** 2')}", "an area, 4 pi r^2",
                                 {"r": _f(0.0, 10.0)}))
    entry = _entry(spec, _op("DIV", _n("Pwr"), _call(area)))
    return _program(spec, "power over sphere area", area, entry)


def _ii_8_31(spec: Spec) -> Program:
    squared = _helper("field_squared", ("Ef",), _square("Ef"),
                      "The squared field strength Ef^2: V^2 m^-2, never negative.",
                      FloatContract(f"result >= 0.0 and {_close('Ef ** 2')}", "never negative, Ef^2",
                                    {"Ef": _f(-10.0, 10.0)}))
    entry = _entry(spec, _op("DIV", _op("MUL", _n("epsilon"), _call(squared)), _c(2.0)))
    return _program(spec, "field energy density", squared, entry)


_BY_ID: dict[str, tuple[str, Callable[[Spec], Program]]] = {
    "I.6.2a": ("feynman/gaussian", _i_6_2a), "I.8.14": ("feynman/distance", _i_8_14),
    "I.10.7": ("feynman/relativistic-mass", _i_10_7), "I.12.1": ("feynman/friction", _i_12_1),
    "I.14.3": ("feynman/potential-energy", _i_14_3), "I.15.3x": ("feynman/lorentz-position", _i_15_3x),
    "I.18.12": ("feynman/torque", _i_18_12), "I.29.4": ("feynman/wavenumber", _i_29_4),
    "I.34.8": ("feynman/cyclotron", _i_34_8), "I.39.11": ("feynman/gas-energy", _i_39_11),
    "II.3.24": ("feynman/intensity", _ii_3_24), "II.8.31": ("feynman/field-energy", _ii_8_31),
}

#: Design templates by spec kind (the equation's id): the twelve hand-written ones, and the
#: transcribed formula (:mod:`sva.families.feynman.transcribe`) for every other equation.
FEYNMAN_TEMPLATES: dict[str, tuple[str, Callable[[Spec], Program]]] = {
    equation.id: _BY_ID.get(equation.id, ("feynman/transcribed", transcribed)) for equation in all_equations()}
