"""What every generator sees of a spec, and nothing more: the :class:`Brief`.

A spec holds two kinds of thing. Some state the problem: the entry's name and parameters, the
primitive set, the training cases with their labels, the physical units, the declared
properties. Others are the answer: the oracle (a reference implementation), the formula a
Feynman spec was made from, anything in ``spec.extra``. A generator that reads the answer
cannot lose on trust, so a comparison of it with search could only come out as a tie or a win.
:func:`brief_of` keeps the first kind and drops the second; a generator that is judged against
search builds from the brief alone (``design-auto``), and the judge keeps the rest.

What the brief holds, field by field:

- the signature (``entry``, ``params``, ``outputs``) and the ``primitives``;
- ``training``: (case, target) pairs, the only labelled data. The targets come from
  ``spec.targets`` where the family labelled the cases when it built the spec, else from the
  oracle on the training cases alone (the judge labels the data search also trains on);
- ``units``: each parameter's and output's units, where the family has them;
- ``properties``: the declared properties other than agreement with the oracle (a metamorphic
  property such as "symmetric in the two points" states the problem, not its answer);

It holds neither the spec's ``kind`` nor its ``description``: a Boolean spec's kind is "parity"
and its sentence "True when an even number of the input bits are set", which is the answer, and
a Feynman spec's kind names its equation. The ``name`` is there only to name the artifact; a
generator built from the brief never branches on it.

Worked example: feynman-I.10.7's brief has entry ``m``'s parameters ``m_0, v, c`` with units
kg, m s^-1, m s^-1 and output kg, and its training points with their targets; it has no oracle
and no ``m_0/sqrt(1-v**2/c**2)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sva.core.spec import Case, Property, Spec

__all__ = ["Brief", "brief_of"]

#: The name of the property every spec has first (:func:`sva.core.spec.oracle_property`); it
#: calls the oracle, so no brief carries it.
ORACLE_PROPERTY = "matches_oracle"


@dataclass(frozen=True)
class Brief:
    """What a generator judged against search may read of a spec (see the module docstring)."""

    name: str
    family: str
    entry: str
    params: tuple[str, ...]
    outputs: tuple[str, ...]
    primitives: tuple[str, ...]
    training: tuple[tuple[Case, Any], ...]
    properties: tuple[Property, ...]
    units: dict[str, tuple[int, ...]] | None
    size: int

    @property
    def arity(self) -> int:
        """Number of positional arguments of the entry function."""
        return len(self.params)


def brief_of(spec: Spec) -> Brief:
    """The brief of ``spec``: its statement without its answer (see the module docstring)."""
    targets = spec.targets if spec.targets is not None else tuple(spec.oracle(*case) for case in spec.training)
    if len(targets) != len(spec.training):
        raise ValueError(f"spec {spec.name}: {len(targets)} targets for {len(spec.training)} training cases; "
                         f"give one target per training case")
    return Brief(
        name=spec.name, family=spec.family, entry=spec.entry, params=spec.params,
        outputs=spec.outputs, primitives=spec.primitives, training=tuple(zip(spec.training, targets)),
        properties=tuple(prop for prop in spec.properties if prop.name != ORACLE_PROPERTY),
        units=None if spec.units is None else dict(spec.units), size=spec.size)
