"""The family's probe, run in the sandbox on a Feynman artifact's entry: what running it tells.

:func:`probe` evaluates the entry on the held-out and shifted points the spec checks used and
returns plain JSON data (no NaN: a non-finite output is ``None`` and counted):

* ``passed``: points within the spec's tolerance (the ``checked`` figure of ``sva generate``);
* ``r2_held_out``, ``r2_shift``: R^2 against the oracle (``None`` when an output is not a finite
  number: that is a failure with its reason, ``nonfinite``, never a crash);
* ``difference_spread``, ``ratio_spread``: how far ``got - want`` and ``got / want`` are from
  constant on the held-out points (relative), the numeric screen before the symbolic check;
* ``units``: dimensional homogeneity as a property, checked by Hypothesis (derandomized): a
  point of the training box and a factor ``2**e`` (e in [-1, 1]) per base unit (m, s, kg, T,
  V); every input is rescaled by its unit, and the output must rescale by the output's unit
  within the spec's tolerance. A failing case is shrunk, so the counterexample is a small
  rescaling of a simple point: a fitted constant that carries a hidden unit fails it;
* ``curve``: the entry along the equation's plot variable (the others mid-range), for the
  report's extrapolation plot, which is drawn from these stored numbers alone;
* ``tree``: the formula read from the module's syntax (:mod:`sva.families.feynman.expression`).
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

from sva.families.feynman.equations import Equation
from sva.families.feynman.expression import formula_tree
from sva.families.feynman.specs import equation_of, shifted_point
from sva.families.feynman.units import BASE, scale_of

__all__ = ["CURVE_POINTS", "UNIT_EXAMPLES", "curve_grid", "probe"]

#: Points of the extrapolation curve.
CURVE_POINTS = 61
#: Hypothesis examples of the dimensional-homogeneity property.
UNIT_EXAMPLES = 60
#: Shifted points the probe draws itself when it is given none (``sva generate``).
OWN_SHIFTED = 200


def _output(entry: Callable[..., Any], case: Sequence[float]) -> tuple[float | None, str | None]:
    """The entry's output at ``case`` as a finite float, with None; else None, with what happened."""
    try:
        value = entry(*case)
    except Exception as error:  # the artifact's failure is a reason, not a crash
        return None, f"raises {type(error).__name__}: {str(error)[:80]}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, f"returns {type(value).__name__} {value!r:.40}, not a number"
    value = float(value)
    if not math.isfinite(value):
        return None, f"returns {value!r}"
    return value, None


def _r2(got: Sequence[float], want: Sequence[float]) -> float | None:
    mean = sum(want) / len(want)
    # products, not ** 2: a finite output of 1e200 squares to inf here, where ** raises OverflowError
    total = sum((w - mean) * (w - mean) for w in want)
    residual = sum((g - w) * (g - w) for g, w in zip(got, want))
    if total == 0.0:
        return None
    r2 = 1.0 - residual / total
    return r2 if math.isfinite(r2) else None


def _spread(values: Sequence[float]) -> float | None:
    if not values:
        return None
    middle = sorted(values)[len(values) // 2]
    scale = max(abs(middle), 1e-300)
    spread = (max(values) - min(values)) / scale
    return spread if math.isfinite(spread) else None


def _evaluate(spec: Any, entry: Callable[..., Any], cases: Sequence[tuple]) -> dict[str, Any]:
    got, want, failures, first, passed = [], [], 0, None, 0
    for case in cases:
        value, why = _output(entry, case)
        if value is None:
            failures += 1
            if first is None:
                first = {"args": dict(zip(spec.params, case)), "got": why}
            continue
        got.append(value)
        want.append(spec.expected(case))
        passed += bool(spec.matches(value, want[-1]))
    r2 = _r2(got, want) if failures == 0 and len(got) > 1 else None
    return {"cases": len(cases), "passed": passed, "nonfinite": failures, "first_nonfinite": first, "r2": r2,
            "got": got, "want": want}


def _units(spec: Any, equation: Equation, entry: Callable[..., Any]) -> dict[str, Any]:
    """Dimensional homogeneity through Hypothesis; the shrunk failing case, if any."""
    from hypothesis import given, settings, strategies as st

    if equation.units_unchecked:
        return {"kept": None, "examples": 0, "counterexample": None, "reason": equation.units_unchecked}
    tolerance, floor = spec.extra["tolerance"], spec.extra["absolute"]
    failing: list[dict[str, Any]] = []
    examples = [0]

    class _Broken(Exception):
        pass

    exponents = st.tuples(*(st.floats(min_value=-1.0, max_value=1.0) for _ in BASE))

    @settings(max_examples=UNIT_EXAMPLES, derandomize=True, database=None, deadline=None,
              report_multiple_bugs=False)
    @given(point=spec.domain.strategy(), powers=exponents)
    def homogeneous(point: tuple, powers: tuple) -> None:
        examples[0] += 1
        factors = [2.0 ** power for power in powers]
        scaled = tuple(value * scale_of(variable.units, factors) for value, variable in zip(point, equation.variables))
        factor = scale_of(equation.output_units, factors)
        before, why = _output(entry, point)
        after, why_after = _output(entry, scaled)
        record = {"args": dict(zip(spec.params, point)), "scales": dict(zip(BASE, factors)),
                  "scaled_args": dict(zip(spec.params, scaled))}
        if before is None or after is None:
            failing.append({**record, "expected": "a finite output at both points", "got": why or why_after})
            raise _Broken()
        expected = before * factor
        if not abs(after - expected) <= max(tolerance * abs(expected), floor * abs(factor)):
            failing.append({**record, "expected": expected, "got": after})
            raise _Broken()

    try:
        homogeneous()
    except _Broken:
        pass
    except Exception as error:  # Hypothesis gave up (a flaky artifact): say so, do not crash
        if not failing:
            return {"kept": None, "examples": examples[0], "counterexample": None,
                    "reason": f"{type(error).__name__}: {str(error)[:120]}"}
    if not failing:
        return {"kept": True, "examples": examples[0], "counterexample": None}
    return {"kept": False, "examples": examples[0], "counterexample": {**failing[-1], "property": "dimensional homogeneity"}}


def curve_grid(equation: Equation) -> tuple[str, list[float], tuple]:
    """(plot variable, its values, the point the other variables sit at) of the curve."""
    variable = equation.variable(equation.plot_variable)
    top = max(variable.high, variable.shift_high)
    xs = [variable.low + (top - variable.low) * k / (CURVE_POINTS - 1) for k in range(CURVE_POINTS)]
    middle = tuple((v.low + v.high) / 2 for v in equation.variables)
    return variable.name, xs, middle


def _curve(equation: Equation, entry: Callable[..., Any]) -> list[float | None]:
    name, xs, middle = curve_grid(equation)
    index = equation.params.index(name)
    values = []
    for x in xs:
        case = middle[:index] + (x,) + middle[index + 1:]
        value, _ = _output(entry, case)
        values.append(None if value is None else float(f"{value:.8g}"))
    return values


def _source_tree(spec: Any, entry: Callable[..., Any]) -> tuple[Any, str | None]:
    try:
        with open(entry.__code__.co_filename, encoding="utf-8") as handle:
            source = handle.read()
    except (OSError, AttributeError, UnicodeDecodeError) as error:
        return None, f"cannot read the module's source: {error}"
    return formula_tree(source, spec.entry)


def probe(spec: Any, entry: Callable[..., Any], cases: Sequence[tuple] | None) -> dict[str, Any]:
    """Everything the judge needs, as JSON data (see the module docstring)."""
    equation = equation_of(spec)
    held = list(spec.held_out)
    if cases is None:
        shifted = [shifted_point(equation, index) for index in range(OWN_SHIFTED)]
    else:
        shifted = list(cases)[len(held):]
    held_out, shift = _evaluate(spec, entry, held), _evaluate(spec, entry, shifted)
    difference = ratio = None
    if held_out["nonfinite"] == 0:
        pairs = list(zip(held_out["got"], held_out["want"]))
        rms = spec.extra["rms"]
        differences = [g - w for g, w in pairs]
        difference = (max(differences) - min(differences)) / rms if differences and rms else None
        ratio = _spread([g / w for g, w in pairs if w != 0.0])
    tree, tree_reason = _source_tree(spec, entry)
    summary = {key: value for key, value in held_out.items() if key not in ("got", "want")}
    shift_summary = {key: value for key, value in shift.items() if key not in ("got", "want")}
    return {"held_out": summary, "shift": shift_summary, "difference_spread": difference, "ratio_spread": ratio,
            "units": _units(spec, equation, entry), "curve": _curve(equation, entry), "tree": tree,
            "tree_reason": tree_reason}
