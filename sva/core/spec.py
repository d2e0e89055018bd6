"""The spec record: one engineering problem, stated once for every generator and check.

A spec says what the entry function is called and takes, what correct means (an oracle and
named properties), which inputs search may train on, which inputs are held out or shifted, and
the primitive set: the only operations either generator may compose. Specs are frozen; the
callables inside them are pure functions of their arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

#: One input case: the positional arguments of the entry function.
Case = tuple[Any, ...]


@dataclass(frozen=True)
class Property:
    """A named statement of what correct means.

    ``check(entry, case)`` calls the entry function as often as it needs (metamorphic
    properties compare several calls) and returns True when the property holds at ``case``.
    """

    name: str
    description: str
    check: Callable[[Callable[..., Any], Case], bool]


@dataclass(frozen=True)
class Domain:
    """A set of inputs: a Hypothesis strategy factory and, where finite, an enumeration.

    ``strategy`` is a zero-argument factory so that importing a spec does not build strategies.
    ``cases`` lists every element of a finite domain in a fixed order; ``None`` when infinite.
    """

    description: str
    strategy: Callable[[], Any]
    cases: tuple[Case, ...] | None = None

    @property
    def size(self) -> int | None:
        """Number of elements of a finite domain, else ``None``."""
        return None if self.cases is None else len(self.cases)


@dataclass(frozen=True)
class Spec:
    """One engineering problem.

    Attributes:
        name: registry key, e.g. ``"parity-4"``.
        family: e.g. ``"boolean"``; evaluators and search representations are chosen per family.
        kind: the problem within the family, e.g. ``"parity"``; design templates are chosen per kind.
        entry: the entry function's name in every artifact, e.g. ``"parity_4"``.
        params: the entry function's positional parameter names.
        outputs: names of the outputs; one name means the entry returns a single value,
            more mean it returns a tuple in this order.
        primitives: names of the primitive set, e.g. ``("AND", "OR", "NOT", "XOR")``.
        oracle: the reference implementation, ``oracle(*case) -> output``.
        properties: named properties; the oracle agreement is always the first.
        domain: every valid input.
        training: the cases search is allowed to see.
        held_out: cases kept from search to measure generalisation (may be empty).
        shifted: a shifted domain, or ``None`` where the family has no meaningful shift.
        size: the problem size the family is parameterised by (k bits, n wires, ...).
        description: one sentence a reader can check an artifact against.
        notes: anything a reader needs about encodings (bit order, argument roles).
    """

    name: str
    family: str
    kind: str
    entry: str
    params: tuple[str, ...]
    outputs: tuple[str, ...]
    primitives: tuple[str, ...]
    oracle: Callable[..., Any]
    properties: tuple[Property, ...]
    domain: Domain
    training: tuple[Case, ...]
    held_out: tuple[Case, ...]
    shifted: Domain | None
    size: int
    description: str
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    #: how an output is compared with the oracle's: exact ``==`` unless the spec states a
    #: tolerance (:func:`within`)
    equal: Callable[[Any, Any], bool] = field(default=None, compare=False, hash=False)  # type: ignore[assignment]
    #: the physical units of each parameter and output, by name (exponent vectors over the
    #: family's base units), where the family has units; ``None`` otherwise
    units: dict[str, tuple[int, ...]] | None = field(default=None, compare=False, hash=False)
    #: the oracle's output on each training case, in ``training``'s order, where the family
    #: labelled them when it built the spec; ``None``: :func:`sva.core.brief.brief_of` asks the
    #: oracle for them (the judge labels the training data; no generator calls the oracle)
    targets: tuple[Any, ...] | None = field(default=None, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.equal is None:
            object.__setattr__(self, "equal", exact)

    def matches(self, got: Any, want: Any) -> bool:
        """True when output ``got`` counts as the oracle's ``want`` (the spec's comparison)."""
        return bool(self.equal(got, want))

    @property
    def arity(self) -> int:
        """Number of positional arguments of the entry function."""
        return len(self.params)

    @property
    def multi_output(self) -> bool:
        """True when the entry returns a tuple of outputs."""
        return len(self.outputs) > 1

    def expected(self, case: Case) -> Any:
        """The oracle's answer for one case."""
        return self.oracle(*case)

    def summary(self) -> dict[str, Any]:
        """A JSON-ready description (what ``sva specs --json`` prints)."""
        return {
            "name": self.name,
            "family": self.family,
            "kind": self.kind,
            "entry": self.entry,
            "arity": self.arity,
            "params": list(self.params),
            "outputs": list(self.outputs),
            "primitives": list(self.primitives),
            "domain_size": self.domain.size,
            "training_cases": len(self.training),
            "held_out_cases": len(self.held_out),
            "shifted": None if self.shifted is None else self.shifted.description,
            "description": self.description,
            "notes": self.notes,
        }


def exact(got: Any, want: Any) -> bool:
    """Exact comparison: ``got == want`` (the default of every spec)."""
    return got == want


def within(relative: float, absolute: float = 0.0) -> Callable[[Any, Any], bool]:
    """A tolerance a spec may state: numbers (or equal-length sequences of numbers) agree when
    ``|got - want| <= max(absolute, relative * |want|)``; NaN agrees with NaN only, an infinity
    with the same infinity only. ``within(1e-6)(1.0000001, 1.0)`` is True."""
    import math

    def close(got: Any, want: Any) -> bool:
        if isinstance(want, (list, tuple)):
            return (isinstance(got, (list, tuple)) and len(got) == len(want)
                    and all(close(g, w) for g, w in zip(got, want)))
        if isinstance(got, bool) or isinstance(want, bool) or not isinstance(got, (int, float)) \
                or not isinstance(want, (int, float)):
            return got == want
        if math.isnan(want) or math.isnan(got):
            return math.isnan(want) and math.isnan(got)
        if math.isinf(want) or math.isinf(got):
            return got == want
        return abs(got - want) <= max(absolute, relative * abs(want))

    return close


def oracle_property(oracle: Callable[..., Any], equal: Callable[[Any, Any], bool] = exact) -> Property:
    """The property every spec has first: the output equals the reference oracle's (by
    ``equal``: exact unless the spec states a tolerance)."""
    return Property(
        name="matches_oracle",
        description="the output equals the reference oracle's output",
        check=lambda entry, case: bool(equal(entry(*case), oracle(*case))),
    )


def cases_in(domain_cases: Iterable[Case], excluded: Iterable[Case]) -> tuple[Case, ...]:
    """The cases of a domain not in ``excluded``, in the domain's order."""
    skip = set(excluded)
    return tuple(case for case in domain_cases if case not in skip)
