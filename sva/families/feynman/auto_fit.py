"""Step c of ``design-auto``: a small fit for what is left, a law F of the groups.

Each group g gets a **factor** ``g**p * f(g)**q``, ``f`` one of the forms the spec's
primitives can write (``1 - g**2`` needs SUB and MUL, ``exp(g)`` needs EXP, ...; an exponential or
periodic one also with an inner constant of :data:`INNER`, ``sin(g / 2)``) or none, and
the law is a product of factors, times a constant b, plus (second model) a constant a:

* **product model** ``F = b * prod g_i**p_i * f_i(g_i)**q_i``: for each choice of forms (every
  combination while there are at most :data:`EXHAUSTIVE` of them, else coordinate-wise, one group
  at a time, twice round) the exponents are fitted by least squares on logs,
  ``log|z| = c + sum p_i log|g_i| + q_i log|f_i(g_i)|``, rounded to the nearest half in [-4, 4],
  and b fitted in linear space (``b = sum(z m) / sum(m m)``);
* **offset model** ``F = a + b * prod f_i(g_i)**q_i``: every form and exponent in
  :data:`OFFSET_POWERS` (the plain forms exhaustively up to 3 x :data:`EXHAUSTIVE` choices, then,
  unless one fits, coordinate-wise over every form), a and b by least squares;
  tried only when no product law fits;
* the **constant** law ``F = b``.

A candidate **fits** when its largest relative error on the training points,
``max |F - z| / max(|z|, 0.001 RMS(z))``, is at most :data:`ACCEPT` (1e-6: the data carry no
noise, an exact law fits to rounding). Of the candidates that fit, the fewest nonzero exponents
win, then the smaller error; when none fits, the one with the smallest error is kept and the
designer says so (design-auto can lose). The constant b (and a) is then **rounded** to the
simplest ``r * sqrt(2)**i * sqrt(pi)**j`` (r = n/d, d <= 12; i in -1..1, j in -6..6) within
:data:`ROUND` (1e-9) of it, only when the rounded law still fits: the data support it.

Every candidate evaluated on the training points counts one **evaluation** (a log fit and its
rounded check are two), the figure compared with search's budget.

Worked example, feynman-I.10.7 (z = m / m_0, one group ``v_over_c`` in [0.10, 0.59]): the
product model tries no form and each of the 25 usable ones (``g - 1`` and ``g**2 - 1`` are
negative on every training value and left out), a log fit and a check each, and the constant law
is one more: 53 evaluations; ``1 - g**2``
with p = 0, q = -1/2 and b = 1 fits best, largest relative error 2.2e-16: ``F = (1 -
v_over_c**2) ** -0.5``. The constant is 1 within 1e-9, and one more evaluation confirms the
rounded law: 54 in all (search's default budget is 20,400).
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Sequence

__all__ = ["ACCEPT", "EXHAUSTIVE", "INNER", "Fit", "Form", "Law", "all_forms", "constant", "constant_text", "describe", "fit_law",
           "forms_for", "value_of"]

ACCEPT = 1e-6
ROUND = 1e-9
EXHAUSTIVE = 2000
OFFSET_POWERS = (-2.0, -1.0, -0.5, 0.5, 1.0, 2.0)


@dataclass(frozen=True)
class Form:
    """A one-group function the law may use: its text over ``g``, the primitives that write it,
    and its numpy evaluation."""

    text: str
    needs: tuple[str, ...]
    values: Callable[[Any], Any]


def _forms() -> tuple[Form, ...]:
    import numpy as np

    return (
        Form("1 - g", ("SUB",), lambda g: 1 - g), Form("g - 1", ("SUB",), lambda g: g - 1),
        Form("1 + g", ("ADD",), lambda g: 1 + g), Form("1 - g**2", ("SUB", "MUL"), lambda g: 1 - g * g),
        Form("g**2 - 1", ("SUB", "MUL"), lambda g: g * g - 1), Form("1 + g**2", ("ADD", "MUL"), lambda g: 1 + g * g),
        Form("exp(g)", ("EXP",), np.exp), Form("exp(g**2)", ("EXP", "MUL"), lambda g: np.exp(g * g)),
        Form("exp(g) - 1", ("EXP", "SUB"), lambda g: np.exp(g) - 1), Form("sin(g)", ("SIN",), np.sin),
        Form("cos(g)", ("COS",), np.cos), Form("tanh(g)", ("TANH",), np.tanh))


#: The inner constants an exponential or periodic form may carry (``sin(g / 2)``), with the
#: primitives each needs: a law's constant inside a function cannot be fitted outside it.
INNER: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("g / 2", 0.5, ("DIV",)), ("2 * g", 2.0, ("MUL",)), ("g / (2 * pi)", 1 / (2 * math.pi), ("DIV", "MUL", "PI")),
    ("2 * pi * g", 2 * math.pi, ("MUL", "PI")))


def _inner(form: Form, text: str, value: float, needs: tuple[str, ...]) -> Form:
    def values(g: Any) -> Any:
        return form.values(value * g)

    return Form(form.text.replace("(g)", f"({text})"), form.needs + needs, values)


def all_forms() -> tuple[Form, ...]:
    """The plain forms, then those of them with ``(g)`` inside a function with each inner constant."""
    plain = _forms()
    return plain + tuple(_inner(form, *inner) for form in plain if "(g)" in form.text for inner in INNER)


def forms_for(primitives: Sequence[str]) -> tuple[Form, ...]:
    """The forms the primitives can write, in :func:`all_forms`' order."""
    return tuple(form for form in all_forms() if set(form.needs) <= set(primitives))


@dataclass(frozen=True)
class Law:
    """A candidate law: per group (form text or None, p, q), the constants b and a."""

    factors: tuple[tuple[str | None, float, float], ...]
    scale: float
    offset: float

    @property
    def terms(self) -> int:
        return sum((p != 0) + (q != 0) for _, p, q in self.factors) + (self.offset != 0)


@dataclass(frozen=True)
class Fit:
    """The law chosen, its largest relative error on the training points, whether it fits, the
    evaluations spent, and a sentence per decision."""

    law: Law
    error: float
    fits: bool
    evaluations: int
    decisions: tuple[str, ...]


def _half(value: float) -> float:
    return max(-4.0, min(4.0, round(value * 2) / 2)) if math.isfinite(value) else 0.0


def _power(values: Any, power: float) -> Any:
    import numpy as np

    if power == 0:
        return np.ones_like(values)
    return np.abs(values) ** power if power != int(power) else values ** int(power)


def _product(groups: Sequence[Any], forms: Sequence[Form | None], powers: Sequence[tuple[float, float]]) -> Any:
    import numpy as np

    model = np.ones_like(groups[0]) if groups else None
    for values, form, (p, q) in zip(groups, forms, powers):
        model = model * _power(values, p)
        if form is not None:
            model = model * _power(form.values(values), q)
    return model


class _Scorer:
    """Evaluates candidates on the training points and counts them."""

    def __init__(self, z: Any) -> None:
        import numpy as np

        self.z = z
        self.floor = 1e-3 * math.sqrt(float(np.mean(z * z)))
        self.evaluations = 0

    def error(self, model: Any, scale: float, offset: float = 0.0) -> float:
        import numpy as np

        self.evaluations += 1
        with np.errstate(all="ignore"):
            relative = np.abs(offset + scale * model - self.z) / np.maximum(np.abs(self.z), self.floor)
        worst = float(np.max(relative))
        return worst if math.isfinite(worst) else math.inf

    def scale_of(self, model: Any) -> float:
        import numpy as np

        with np.errstate(all="ignore"):
            total = float(np.sum(model * model))
            return float(np.sum(self.z * model)) / total if math.isfinite(total) and total > 0 else 0.0


def _log_fit(scorer: _Scorer, groups: Sequence[Any], forms: Sequence[Form | None]) -> tuple[Law, float]:
    import numpy as np

    target = np.log(np.abs(scorer.z))
    columns = []
    with np.errstate(all="ignore"):
        for values, form in zip(groups, forms):
            columns.append(np.log(np.abs(values)))
            columns.append(np.log(np.abs(form.values(values))) if form is not None else np.zeros_like(values))
    matrix = np.column_stack([np.ones(len(target)), *columns])
    if not np.all(np.isfinite(matrix)):
        return Law((), 0.0, 0.0), math.inf
    scorer.evaluations += 1
    fitted, *_ = np.linalg.lstsq(matrix, target, rcond=None)
    powers = [(_half(fitted[1 + 2 * i]), _half(fitted[2 + 2 * i]) if forms[i] is not None else 0.0)
              for i in range(len(groups))]
    model = _product(groups, forms, powers)
    scale = scorer.scale_of(model)
    factors = tuple((None if form is None else form.text, p, q) for form, (p, q) in zip(forms, powers))
    return Law(factors, scale, 0.0), scorer.error(model, scale)


def _better(a: tuple[Law, float], b: tuple[Law, float] | None) -> bool:
    if b is None:
        return True
    (law_a, error_a), (law_b, error_b) = a, b
    fits_a, fits_b = error_a <= ACCEPT, error_b <= ACCEPT
    if fits_a != fits_b:
        return fits_a
    return (law_a.terms, error_a) < (law_b.terms, error_b) if fits_a else error_a < error_b


def _usable(values: Any, forms: Sequence[Form]) -> list[Form]:
    """The forms not negative on every training value of the group (``1 - g`` where g > 1
    everywhere is ``g - 1`` with a sign: the positive one is written)."""
    import numpy as np

    with np.errstate(all="ignore"):
        return [form for form in forms if not np.all(form.values(values) < 0)]


def _product_model(scorer: _Scorer, groups: Sequence[Any], forms: Sequence[Form]) -> tuple[Law, float] | None:
    import numpy as np

    if not groups or not (np.all(scorer.z > 0) or np.all(scorer.z < 0)):
        return None
    options: list[list[Form | None]] = [[None, *_usable(values, forms)] for values in groups]
    best: tuple[Law, float] | None = None
    if math.prod(map(len, options)) <= EXHAUSTIVE:
        for chosen in itertools.product(*options):
            found = _log_fit(scorer, groups, chosen)
            best = found if _better(found, best) else best
        return best
    chosen_list: list[Form | None] = [None] * len(groups)
    for _round, index in itertools.product(range(2), range(len(groups))):
        for option in options[index]:
            trial = chosen_list[:index] + [option] + chosen_list[index + 1:]
            found = _log_fit(scorer, groups, trial)
            if _better(found, best):
                best, chosen_list = found, trial
    return best


def _offset_law(scorer: _Scorer, groups: Sequence[Any],
                chosen: Sequence[tuple[Form | None, float]]) -> tuple[Law, float] | None:
    """``a + b * prod`` of the chosen (form, power) per group, a and b by least squares."""
    import numpy as np

    if all(power == 0.0 for _, power in chosen):
        return None
    with np.errstate(all="ignore"):
        model = _product(groups, [form for form, _ in chosen],
                         [(power, 0.0) if form is None else (0.0, power) for form, power in chosen])
        matrix = np.column_stack([np.ones(len(model)), model])
        if not np.all(np.isfinite(matrix)):
            return None
        (offset, scale), *_ = np.linalg.lstsq(matrix, scorer.z, rcond=None)
    law = Law(tuple((None if form is None else form.text, power if form is None else 0.0,
                     0.0 if form is None else power) for form, power in chosen), float(scale), float(offset))
    return law, scorer.error(model, float(scale), float(offset))


def _offset_model(scorer: _Scorer, groups: Sequence[Any], forms: Sequence[Form]) -> tuple[Law, float] | None:
    """The offset model: every choice of the plain forms while there are at most 3 x
    :data:`EXHAUSTIVE` of them, then coordinate-wise over every form (one group at a time, twice
    round) from the best found."""
    if not groups:
        return None
    usable = [_usable(values, forms) for values in groups]
    plain_texts = {form.text for form in _forms()}

    def options(allowed: Sequence[Form]) -> list[tuple[Form | None, float]]:
        return [(None, 0.0)] + [(form, power) for form in (None, *allowed) for power in OFFSET_POWERS]

    best: tuple[Law, float] | None = None
    current: list[tuple[Form | None, float]] = [(None, 0.0)] * len(groups)
    plain = [options([form for form in allowed if form.text in plain_texts]) for allowed in usable]
    if math.prod(map(len, plain)) <= EXHAUSTIVE * 3:
        for chosen in itertools.product(*plain):
            found = _offset_law(scorer, groups, chosen)
            if found is not None and _better(found, best):
                best, current = found, list(chosen)
    if best is not None and best[1] <= ACCEPT:
        return best
    for _round, index in itertools.product(range(2), range(len(groups))):
        for option in options(usable[index]):
            trial = current[:index] + [option] + current[index + 1:]
            found = _offset_law(scorer, groups, trial)
            if found is not None and _better(found, best):
                best, current = found, trial
    return best


def constant(value: float) -> tuple[Fraction, int, int] | None:
    """The simplest ``(r, i, j)`` with ``r * sqrt(2)**i * sqrt(pi)**j`` within :data:`ROUND` of
    ``value`` (see the module docstring), or ``None``."""
    if value == 0 or not math.isfinite(value):
        return None
    found = []
    for i, j in itertools.product((0, -1, 1), (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6)):
        ratio = Fraction(value / (math.sqrt(2) ** i * math.sqrt(math.pi) ** j)).limit_denominator(12)
        if ratio != 0 and abs(ratio.numerator) <= 100 and \
                abs(float(ratio) * math.sqrt(2) ** i * math.sqrt(math.pi) ** j / value - 1) <= ROUND:
            found.append((ratio.denominator + abs(i) + abs(j), abs(ratio.numerator), ratio, i, j))
    if not found:
        return None
    _, _, ratio, i, j = min(found, key=lambda item: (item[0], item[1], abs(item[3]), abs(item[4])))
    return ratio, i, j


def value_of(rounded: tuple[Fraction, int, int]) -> float:
    ratio, i, j = rounded
    return float(ratio) * math.sqrt(2) ** i * math.sqrt(math.pi) ** j


def fit_law(names: Sequence[str], groups: Sequence[Any], z: Any, primitives: Sequence[str]) -> Fit:
    """The law of ``groups`` (their ``names``) that best explains ``z`` (see the module docstring)."""
    forms = forms_for(primitives)
    scorer = _Scorer(z)
    decisions = [f"Forms the primitives can write: {', '.join(form.text for form in forms) or 'none'}."]
    product = _product_model(scorer, groups, forms)
    if product is not None and product[1] <= ACCEPT:  # a product law fits: no offset is needed
        candidates = [product]
    else:
        candidates = [found for found in (product, _offset_model(scorer, groups, forms)) if found is not None]
    ones = z * 0 + 1  # the constant law, always a candidate (it fits only a constant z)
    constant_law = Law(((None, 0.0, 0.0),) * len(groups), scorer.scale_of(ones), 0.0)
    candidates.append((constant_law, scorer.error(ones, constant_law.scale)))
    best = None
    for found in candidates:
        best = found if _better(found, best) else best
    assert best is not None
    law, error = best
    decisions.append(f"Best law over {scorer.evaluations} candidate evaluations: {describe(names, law)}, largest "
                     f"relative training error {error:.3g} ({'within' if error <= ACCEPT else 'outside'} the "
                     f"{ACCEPT:g} a fit needs).")
    law, error = _round_constants(scorer, names, groups, law, error, decisions)
    return Fit(law, error, error <= ACCEPT, scorer.evaluations, tuple(decisions))


def _round_constants(scorer: _Scorer, names: Sequence[str], groups: Sequence[Any], law: Law, error: float,
                     decisions: list[str]) -> tuple[Law, float]:
    import numpy as np

    if law.offset and abs(law.offset) <= ROUND * float(np.max(np.abs(scorer.z))):
        decisions.append(f"The fitted offset {law.offset:.3g} is below {ROUND:g} of the largest |y / scale|: it is 0.")
        law = Law(law.factors, law.scale, 0.0)
    scale, offset = constant(law.scale), constant(law.offset) if law.offset else None
    if scale is None and offset is None:
        decisions.append(f"The constant {law.scale:.10g} is no simple multiple of powers of sqrt(2) and sqrt(pi): "
                         f"kept as fitted, to ten digits.")
        return Law(law.factors, float(f"{law.scale:.10g}"), float(f"{law.offset:.10g}")), error
    rounded = Law(law.factors, value_of(scale) if scale else law.scale, value_of(offset) if offset else law.offset)
    forms = {form.text: form for form in all_forms()}
    model = _product(groups, [forms.get(text) if text else None for text, _, _ in law.factors],
                     [(p, q) for _, p, q in law.factors]) if groups else np.ones_like(scorer.z)
    rounded_error = scorer.error(model, rounded.scale, rounded.offset)
    if rounded_error <= max(ACCEPT, error * 2):
        decisions.append(f"The fitted constant {law.scale:.12g} is {constant_text(scale) if scale else law.scale} "
                         f"within {ROUND:g}, and the rounded law still fits (largest error {rounded_error:.3g}): "
                         f"rounded.")
        return rounded, rounded_error
    decisions.append(f"Rounding the constant {law.scale:.12g} would raise the error to {rounded_error:.3g}: kept.")
    return Law(law.factors, float(f"{law.scale:.10g}"), float(f"{law.offset:.10g}")), error


def constant_text(rounded: tuple[Fraction, int, int]) -> str:
    """``1/4 / pi``-style text of a rounded constant."""
    ratio, i, j = rounded
    pi = "" if not j else "pi" if j == 2 else f"pi**{j // 2}" if j % 2 == 0 else f"sqrt(pi)**{j}"
    parts = ([str(ratio)] if ratio != 1 or not (i or j) else []) + ([f"sqrt(2)**{i}"] if i else []) + \
        ([pi] if pi else [])
    return " * ".join(parts)


def _named(text: str, name: str) -> str:
    """A form's text with the group's name for ``g``."""
    return re.sub(r"\bg\b", name, text)


def describe(names: Sequence[str], law: Law) -> str:
    """The law as text: ``1 * (1 - v_over_c**2)**-0.5``."""
    factors = []
    for name, (text, p, q) in zip(names, law.factors):
        if p:
            factors.append(f"{name}**{p:g}")
        if q and text:
            factors.append(f"({_named(text, name)})**{q:g}")
    body = f"{law.scale:.10g}" + "".join(f" * {factor}" for factor in factors)
    return f"{law.offset:.10g} + {body}" if law.offset else body
