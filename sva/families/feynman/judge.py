"""The caller's verdict on a probe (:mod:`sva.families.feynman.probe`): pure data in, fields out.

The declared fields (stored per cell, in the manifest under ``formula``): ``r2_held_out``,
``r2_shift``, ``symbolic_solution`` (SRBench's rule, :mod:`sva.families.feynman.symbolic`),
``accuracy_solution`` (SRBench's other success: R^2 > 0.999 on the held-out points, its test
set), ``units_kept`` (dimensional homogeneity held on every Hypothesis example),
``nonfinite_outputs`` (held-out and shifted points where the output is not a finite number, or
raised), ``curve`` (the extrapolation curve's values) and ``expression`` (the formula as the
reader read it). A non-finite output is a failure with its reason in the note, never a crash;
R^2 is then undefined (``None``) on that set of points.

Two trust outcomes, one exact and one that measures trust:

* ``verified`` is exact symbolic equality with the true formula (:func:`~sva.families.feynman.
  symbolic.is_equal`): a proof over the whole domain. A fitted constant is never exact, so
  ``0.0795775 * Pwr / r / r`` (II.3.24 seed 3, 1/(4 pi) to six digits) is not verified.
* ``trusted`` (:func:`trusted`) is what a user relying on the formula needs:

      trusted = (every held-out and every shifted point agrees with the oracle within the
                 spec's tolerance: |got - want| <= max(0.01 |want|, 0.001 RMS), no output
                 non-finite)
                and (SRBench's symbolic solution, or verified)

  The first half is the whole checked domain, in the box and beyond it; the second says the
  agreement is the formula's form and not a fit that happens to hold there. II.3.24 seed 3 is
  trusted: every held-out and shifted point passes, and its ratio to the true formula is constant.
  A verified formula is trusted whenever its points pass: SRBench's rule says no to I.10.7's
  exact design formula, whose ``1.0`` it holds at three significant digits. ``checked`` counts the held-out and
  shifted points within tolerance.
"""

from __future__ import annotations

from typing import Any, Mapping

from sva.core.family import Judgement
from sva.families.feynman.equations import Equation

__all__ = ["ACCURACY_R2", "judge", "tree_text", "trusted"]

#: SRBench's accuracy solution: test R^2 above this.
ACCURACY_R2 = 0.999


def tree_text(tree: Any) -> str | None:
    """A tree written in infix, for the manifest and the report."""
    if tree is None:
        return None
    kind = tree[0]
    if kind == "var":
        return str(tree[1])
    if kind == "const":
        return f"{tree[1]:.6g}"
    if kind == "pi":
        return "pi"
    if len(tree) == 2:
        inner = tree_text(tree[1])
        return f"-({inner})" if kind == "neg" else f"{kind}({inner})"
    symbol = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**"}[kind]
    return f"({tree_text(tree[1])} {symbol} {tree_text(tree[2])})"


def _nonfinite_note(part: str, data: Mapping[str, Any]) -> str | None:
    if not data["nonfinite"]:
        return None
    first = data["first_nonfinite"] or {}
    where = ", ".join(f"{name}={value:.4g}" for name, value in (first.get("args") or {}).items())
    return (f"non-finite output on {data['nonfinite']} of {data['cases']} {part} points (first at {where}: it "
            f"{first.get('got')}), so R^2 is undefined there")


def judge(spec: Any, equation: Equation, probe: Any) -> Judgement | None:
    """The fields, note and counterexample of one probe."""
    from sva.families.feynman.symbolic import is_equal, is_symbolic_solution

    if probe is None:
        return None
    if probe.get("reason"):
        return Judgement(reason=str(probe["reason"]), note=f"not measured: {probe['reason']}")
    held, shift, units = probe["held_out"], probe["shift"], probe["units"]
    symbolic = is_symbolic_solution(equation, probe.get("tree"), probe.get("difference_spread"),
                                    probe.get("ratio_spread"), held["r2"])
    fields = {
        "r2_held_out": held["r2"], "r2_shift": shift["r2"], "symbolic_solution": symbolic,
        "accuracy_solution": held["r2"] is not None and held["r2"] > ACCURACY_R2,
        "units_kept": units["kept"], "nonfinite_outputs": held["nonfinite"] + shift["nonfinite"],
        "curve": probe["curve"], "expression": tree_text(probe.get("tree")),
    }
    headline = _headline(held, shift, symbolic, units["kept"])
    verified = is_equal(equation, probe.get("tree"), probe.get("difference_spread"))
    if verified:
        headline = "verified: the formula simplifies to the true one (sympy); " + headline
    checked = (held["passed"] + shift["passed"], held["cases"] + shift["cases"])
    return Judgement(verified=verified, trusted=trusted(held, shift, symbolic, verified), fields=fields,
                     counterexample=units["counterexample"], note="; ".join([headline, *_notes(probe, symbolic)]),
                     checked=checked)


def trusted(held: Mapping[str, Any], shift: Mapping[str, Any], symbolic: bool | None,
            verified: bool | None) -> bool | None:
    """The module docstring's rule: every held-out and shifted point within tolerance, and a
    symbolic solution or verified. None only when that is undecided: every point passes and
    neither check could decide (a formula too large, or unreadable)."""
    everywhere = all(part["cases"] > 0 and part["passed"] == part["cases"] for part in (held, shift))
    if not everywhere:
        return False
    if symbolic or verified:
        return True
    return None if symbolic is None and verified is None else False


def _headline(held: Mapping[str, Any], shift: Mapping[str, Any], symbolic: bool | None, kept: bool | None) -> str:
    """R^2 on the held-out and shifted points, the symbolic verdict and the units'."""
    r2 = "undefined" if held["r2"] is None else f"{held['r2']:.6f}"
    r2s = "undefined" if shift["r2"] is None else f"{shift['r2']:.4f}"
    return (f"R^2 {r2} held out, {r2s} shifted; symbolic solution: "
            f"{'unknown' if symbolic is None else 'yes' if symbolic else 'no'}; units "
            f"{'undecided' if kept is None else 'kept' if kept else 'broken'}")


def _notes(probe: Mapping[str, Any], symbolic: bool | None) -> list[str]:
    """What the headline leaves out: non-finite outputs, the units' failure, a check not made."""
    held, shift, units = probe["held_out"], probe["shift"], probe["units"]
    notes = [note for note in (_nonfinite_note("held-out", held), _nonfinite_note("shifted", shift)) if note]
    if units["kept"] is None:
        notes.append(f"dimensional homogeneity not decided: {units.get('reason')}")
    elif not units["kept"]:
        found = units["counterexample"] or {}
        scales = ", ".join(f"{base} x{factor:.3g}" for base, factor in (found.get("scales") or {}).items()
                           if factor != 1.0)
        notes.append(f"dimensional homogeneity fails: rescaling the units ({scales or 'none'}) should give "
                     f"{found.get('expected')!r:.30}, the artifact gives {found.get('got')!r:.30}")
    if symbolic is None and probe.get("tree") is None:
        notes.append(f"symbolic check not made: {probe.get('tree_reason')}")
    return notes
