"""The Boolean family (Koza): parity, multiplexers, majority, an adder and a comparator.

Inputs are bits passed as positional ``bool`` arguments; outputs are a ``bool`` or a tuple of
``bool``. Row ``r`` of a truth table sets argument ``i`` to bit ``i`` of ``r`` (least significant
first), so the table order is fixed and the same for every tool that enumerates it.

Primitive sets, by kind of spec: parity and the adder use
{AND, OR, NOT, XOR}; multiplexers and the comparator {AND, OR, NOT, IF}; majority {AND, OR, NOT}.
Boolean specs have no meaningful distribution shift, so ``shifted`` is ``None``.

Training: the whole truth table, except parity-6 and mux-11 and the ``-half`` variants of the
others (``parity-5-half``, ``mux-6-half``, ...), which train on a half of the table chosen by a
generator seeded with the spec's name; the other half is held out. On a whole-table spec passing
training *is* being verified; on a half-table one, ``verified`` and the held-out pass rate measure
what search made of rows it never saw.
"""

from __future__ import annotations

import random
from typing import Any, Callable

from sva.core.spec import Case, Domain, Property, Spec, cases_in, oracle_property

FAMILY = "boolean"


def truth_table(arity: int) -> tuple[Case, ...]:
    """Every input row of an ``arity``-bit function, row ``r`` carrying bit ``i`` of ``r``."""
    return tuple(tuple(bool((row >> bit) & 1) for bit in range(arity)) for row in range(1 << arity))


def row_index(case: Case) -> int:
    """The truth-table row number of a case (inverse of :func:`truth_table`)."""
    return sum(1 << bit for bit, value in enumerate(case) if value)


def seeded_half(name: str, cases: tuple[Case, ...]) -> tuple[Case, ...]:
    """A fixed half of ``cases``, chosen by a generator seeded with the spec name.

    ``random.Random`` seeded with a string hashes it with SHA-512, so the choice does not
    depend on PYTHONHASHSEED. Returned in table order.
    """
    chooser = random.Random(f"training-half:{name}")
    chosen = set(chooser.sample(range(len(cases)), len(cases) // 2))
    return tuple(case for index, case in enumerate(cases) if index in chosen)


def _bits_strategy(arity: int) -> Callable[[], Any]:
    def build() -> Any:
        from hypothesis import strategies

        return strategies.tuples(*[strategies.booleans()] * arity)

    return build


def _flip(case: Case, position: int) -> Case:
    return case[:position] + (not case[position],) + case[position + 1:]


def _is_bits(value: Any, count: int) -> bool:
    if count == 1:
        return isinstance(value, bool)
    return isinstance(value, tuple) and len(value) == count and all(isinstance(v, bool) for v in value)


def _returns_bits(count: int) -> Property:
    what = "a bool" if count == 1 else f"a tuple of {count} bools"
    return Property(
        name="returns_bits",
        description=f"the output is {what}",
        check=lambda entry, case: _is_bits(entry(*case), count),
    )


def _make(
    kind: str,
    name: str,
    size: int,
    params: tuple[str, ...],
    outputs: tuple[str, ...],
    primitives: tuple[str, ...],
    oracle: Callable[..., Any],
    extra_properties: tuple[Property, ...],
    description: str,
    notes: str,
    train_on_half: bool = False,
) -> Spec:
    table = truth_table(len(params))
    training = seeded_half(name, table) if train_on_half else table
    return Spec(
        name=name,
        family=FAMILY,
        kind=kind,
        entry=name.replace("-", "_"),
        params=params,
        outputs=outputs,
        primitives=primitives,
        oracle=oracle,
        properties=(oracle_property(oracle), _returns_bits(len(outputs))) + extra_properties,
        domain=Domain(f"all {len(table)} rows of the {len(params)}-input truth table",
                      _bits_strategy(len(params)), table),
        training=training,
        held_out=cases_in(table, training),
        shifted=None,
        size=size,
        description=description,
        notes=notes,
    )


# --- even-k-parity -------------------------------------------------------------------------

def _even_parity(*bits: bool) -> bool:
    return sum(bits) % 2 == 0


def _flipping_any_bit_flips_parity(entry: Callable[..., Any], case: Case) -> bool:
    before = entry(*case)
    return all(entry(*_flip(case, position)) == (not before) for position in range(len(case)))


def _named(base: str, half: bool) -> str:
    return f"{base}-half" if half else base


def _training_note(half: bool) -> str:
    return ("Training: a seeded half of the truth table; the other half is held out." if half
            else "Training: the whole truth table.")


def parity(k: int, half: bool = False) -> Spec:
    """Even-k-parity: True when an even number of the k bits are set."""
    return _make(
        kind="parity",
        name=_named(f"parity-{k}", half),
        size=k,
        params=tuple(f"x{i}" for i in range(k)),
        outputs=("even",),
        primitives=("AND", "OR", "NOT", "XOR"),
        oracle=_even_parity,
        extra_properties=(Property("flip_flips", "flipping any one input bit flips the output",
                                   _flipping_any_bit_flips_parity),),
        description=f"True when an even number of the {k} input bits are set (even-{k}-parity).",
        notes=_training_note(half or k == 6),
        train_on_half=half or k == 6,
    )


# --- multiplexers --------------------------------------------------------------------------

def multiplexer(address_bits: int, half: bool = False) -> Spec:
    """The (a + 2^a)-multiplexer: the data bit named by the address bits."""
    data_bits = 1 << address_bits
    params = tuple(f"a{i}" for i in range(address_bits)) + tuple(f"d{i}" for i in range(data_bits))

    def oracle(*bits: bool) -> bool:
        address = row_index(bits[:address_bits])
        return bits[address_bits + address]

    def unaddressed_data_is_ignored(entry: Callable[..., Any], case: Case) -> bool:
        addressed = address_bits + row_index(case[:address_bits])
        before = entry(*case)
        return all(entry(*_flip(case, position)) == before
                   for position in range(address_bits, len(case)) if position != addressed)

    total = address_bits + data_bits
    return _make(
        kind="multiplexer",
        name=_named(f"mux-{total}", half),
        size=address_bits,
        params=params,
        outputs=("selected",),
        primitives=("AND", "OR", "NOT", "IF"),
        oracle=oracle,
        extra_properties=(Property("ignores_unaddressed",
                                   "changing a data bit that is not addressed leaves the output alone",
                                   unaddressed_data_is_ignored),),
        description=f"The data bit d[a] selected by the {address_bits}-bit address a "
                    f"({total}-multiplexer).",
        notes="a0 is the address's least significant bit. " + _training_note(half or total == 11),
        train_on_half=half or total == 11,
    )


# --- majority ------------------------------------------------------------------------------

def majority(k: int, half: bool = False) -> Spec:
    """Majority of k (odd) bits: True when more than half of them are set."""

    def oracle(*bits: bool) -> bool:
        return 2 * sum(bits) > len(bits)

    def monotone(entry: Callable[..., Any], case: Case) -> bool:
        before = entry(*case)
        return all(entry(*(case[:p] + (True,) + case[p + 1:])) >= before for p in range(len(case)))

    def symmetric(entry: Callable[..., Any], case: Case) -> bool:
        rotated = case[1:] + case[:1]
        return entry(*rotated) == entry(*case)

    return _make(
        kind="majority",
        name=_named(f"majority-{k}", half),
        size=k,
        params=tuple(f"x{i}" for i in range(k)),
        outputs=("majority",),
        primitives=("AND", "OR", "NOT"),
        oracle=oracle,
        extra_properties=(
            Property("monotone", "setting an input bit never turns the output off", monotone),
            Property("symmetric", "rotating the inputs leaves the output alone", symmetric),
        ),
        description=f"True when at least {k // 2 + 1} of the {k} input bits are set.",
        notes=_training_note(half),
        train_on_half=half,
    )


# --- adder ---------------------------------------------------------------------------------

def _number(bits: tuple[bool, ...]) -> int:
    return row_index(bits)


def adder(k: int, half: bool = False) -> Spec:
    """The k-bit ripple-carry adder: two k-bit numbers in, k + 1 bits of their sum out."""

    def oracle(*bits: bool) -> tuple[bool, ...]:
        total = _number(bits[:k]) + _number(bits[k:])
        return tuple(bool((total >> bit) & 1) for bit in range(k + 1))

    def commutative(entry: Callable[..., Any], case: Case) -> bool:
        return entry(*(case[k:] + case[:k])) == entry(*case)

    return _make(
        kind="adder",
        name=_named(f"adder-{k}", half),
        size=k,
        params=tuple(f"a{i}" for i in range(k)) + tuple(f"b{i}" for i in range(k)),
        outputs=tuple(f"s{i}" for i in range(k)) + ("carry",),
        primitives=("AND", "OR", "NOT", "XOR"),
        oracle=oracle,
        extra_properties=(Property("commutative", "swapping the two numbers leaves the sum alone",
                                   commutative),),
        description=f"The {k + 1}-bit sum (s0..s{k - 1}, carry) of two {k}-bit numbers a and b.",
        notes="a0 and b0 are the least significant bits; outputs are returned least significant "
              "first, the carry last. Search evolves one tree per output bit. " + _training_note(half),
        train_on_half=half,
    )


# --- comparator ----------------------------------------------------------------------------

def comparator(k: int, half: bool = False) -> Spec:
    """The k-bit comparator: True when the number a is less than the number b."""

    def oracle(*bits: bool) -> bool:
        return _number(bits[:k]) < _number(bits[k:])

    def asymmetric(entry: Callable[..., Any], case: Case) -> bool:
        return not (entry(*case) and entry(*(case[k:] + case[:k])))

    return _make(
        kind="comparator",
        name=_named(f"comparator-{k}", half),
        size=k,
        params=tuple(f"a{i}" for i in range(k)) + tuple(f"b{i}" for i in range(k)),
        outputs=("less",),
        primitives=("AND", "OR", "NOT", "IF"),
        oracle=oracle,
        extra_properties=(Property("asymmetric", "a < b and b < a never hold together", asymmetric),),
        description=f"True when the {k}-bit number a is less than the {k}-bit number b.",
        notes="a0 and b0 are the least significant bits. " + _training_note(half),
        train_on_half=half,
    )


def boolean_specs() -> tuple[Spec, ...]:
    """The Boolean specs, in the order ``sva specs`` lists them: the nine whole-table ones (parity-6
    and mux-11 train on half their table), then a half-table variant of each of the other seven."""
    return (
        parity(3), parity(4), parity(5), parity(6),
        multiplexer(2), multiplexer(3),
        majority(5),
        adder(2),
        comparator(3),
        parity(3, half=True), parity(4, half=True), parity(5, half=True),
        multiplexer(2, half=True),
        majority(5, half=True),
        adder(2, half=True),
        comparator(3, half=True),
    )
