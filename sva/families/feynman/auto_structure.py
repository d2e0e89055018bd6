"""Step b of ``design-auto``: tests of structure on the training data, in the reduced variables.

After dimensional analysis (:mod:`sva.families.feynman.auto_units`) the law is ``y = scale *
F(g_1, ..., g_k)``; the data give ``z = y / scale`` at the training points and each group's
values there. Each test fits a **surrogate** (a linear least-squares model over a fixed basis of
functions of the groups, not a candidate formula: it is never emitted) and compares how much of
z's variance it leaves unexplained, ``u = 1 - R^2``:

* **dependence**: the full surrogate (each group's standardized value t to the powers 1..3, and
  every product ``t_i t_j`` of two groups) against the same without one group. A group is dropped
  when leaving it out raises u by less than :data:`DROP` (1e-6): F does not depend on it.
* **product separability** (when z keeps one sign and there are two or more groups): the
  additive surrogate of ``log|z|`` (per group, powers 1..5 of t and 1..3 of the standardized
  ``log|g|`` where g keeps one sign), with no cross terms. Found when it leaves at most
  :data:`SEPARABLE` (1e-4) of ``log|z|``'s variance: then F is a product of one-group factors.
* **sum separability**: the same additive surrogate of z itself: F is a sum of one-group terms.

Every test states its numbers (:class:`Finding`), and the designer's story of the part a
finding shapes quotes them. Worked example: on feynman-I.15.3x (groups ``u_over_c`` and
``x_over_u_t``) the additive surrogate of log|z| leaves 3.7e-07 of its variance: product
separable; on a law ``1 / (1 + g_1 g_2)`` (groups uniform in [1, 3]) it leaves 2.1e-3: not separable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

__all__ = ["DROP", "SEPARABLE", "Finding", "dependence", "log_target", "separability", "unexplained"]

#: A group is dropped when leaving it out of the surrogate raises the unexplained share by less.
DROP = 1e-6
#: An additive surrogate that leaves at most this share of the variance finds separability.
SEPARABLE = 1e-4


@dataclass(frozen=True)
class Finding:
    """One structure test: its name (``"product"``, ``"sum"``, ``"depends on v_over_c"``), whether
    the structure was found, the unexplained share it measured, the threshold, and its sentence."""

    test: str
    found: bool
    unexplained: float
    threshold: float
    sentence: str

    def to_json(self) -> dict[str, Any]:
        return {"test": self.test, "found": self.found, "unexplained": float(f"{self.unexplained:.3g}"),
                "threshold": self.threshold, "sentence": self.sentence}


def _standard(values: Any) -> Any:
    import numpy as np

    spread = float(np.std(values))
    return (values - float(np.mean(values))) / (spread if spread > 0 else 1.0)


def _basis(values: Any, powers: int, logs: int) -> list[Any]:
    import numpy as np

    t = _standard(values)
    columns = [t ** power for power in range(1, powers + 1)]
    if logs and (np.all(values > 0) or np.all(values < 0)):
        s = _standard(np.log(np.abs(values)))
        columns += [s ** power for power in range(1, logs + 1)]
    return columns


def unexplained(columns: Sequence[Any], target: Any) -> float:
    """``1 - R^2`` of the least-squares fit of ``target`` on a constant and ``columns``."""
    import numpy as np

    variance = float(np.var(target))
    if variance == 0.0:
        return 0.0
    matrix = np.column_stack([np.ones(len(target)), *columns]) if columns else np.ones((len(target), 1))
    coefficients, *_ = np.linalg.lstsq(matrix, target, rcond=None)
    residual = target - matrix @ coefficients
    return max(0.0, float(np.mean(residual * residual)) / variance)


def _full(groups: Sequence[Any]) -> list[Any]:
    columns = [column for values in groups for column in _basis(values, 3, 0)]
    standard = [_standard(values) for values in groups]
    columns += [standard[i] * standard[j] for i in range(len(groups)) for j in range(i + 1, len(groups))]
    return columns


def log_target(z: Any) -> Any | None:
    """``log|z|`` when z keeps one sign and never vanishes; ``None`` otherwise."""
    import numpy as np

    if np.all(z > 0) or np.all(z < 0):
        return np.log(np.abs(z))
    return None


def dependence(names: Sequence[str], groups: Sequence[Any], z: Any) -> tuple[Finding, ...]:
    """For each group, whether F depends on it (see the module docstring)."""
    target = log_target(z)
    target = z if target is None else target
    everything = unexplained(_full(groups), target)
    found = []
    for index, name in enumerate(names):
        rest = [values for other, values in enumerate(groups) if other != index]
        without = unexplained(_full(rest), target)
        depends = without - everything >= DROP
        verdict = "depends on it" if depends else "does not depend on it: it is dropped"
        found.append(Finding(f"depends on {name}", depends, without, DROP, (
            f"Leaving {name} out of a cubic surrogate of the reduced output leaves {without:.3g} of its variance "
            f"unexplained against {everything:.3g} with it (a rise of {without - everything:.3g}; the test asks "
            f"for {DROP:g}): the law {verdict}.")))
    return tuple(found)


def separability(names: Sequence[str], groups: Sequence[Any], z: Any) -> tuple[Finding, ...]:
    """Product and sum separability of F over ``groups`` (two or more; see the module docstring)."""
    if len(groups) < 2:
        return ()
    additive = [column for values in groups for column in _basis(values, 5, 3)]
    found = []
    target = log_target(z)
    listed = ", ".join(names)
    if target is not None:
        share = unexplained(additive, target)
        product = share <= SEPARABLE
        found.append(Finding("product", product, share, SEPARABLE, (
            f"A sum of one-group functions of {listed} fitted to log|y / scale| leaves {share:.3g} of its variance "
            f"unexplained ({'at most' if product else 'more than'} the {SEPARABLE:g} the test allows): the law "
            f"{'is' if product else 'is not'} a product of one-group factors.")))
    share = unexplained(additive, z)
    total = share <= SEPARABLE
    found.append(Finding("sum", total, share, SEPARABLE, (
        f"A sum of one-group functions of {listed} fitted to y / scale leaves {share:.3g} of its variance "
        f"unexplained ({'at most' if total else 'more than'} the {SEPARABLE:g} the test allows): the law "
        f"{'is' if total else 'is not'} a sum of one-group terms.")))
    return tuple(found)
