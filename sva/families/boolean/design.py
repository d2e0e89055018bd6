"""Design templates for the Boolean family, each parameterised by problem size.

- parity: XOR folded over the bits by halving, in helpers ``odd_ones_<n>`` reused for equal
  halves; the entry negates the fold.
- multiplexer: the address decoded one bit at a time from the most significant, each bit
  choosing between two smaller multiplexers through ``select`` (the IF primitive).
- majority: partial counts as threshold helpers ``at_least_<t>_of_<n>``: t of the first n bits
  are set when t of the first n-1 are, or the last bit is and t-1 of the first n-1 are.
- adder: a half adder for the lowest bit, then full adders chained through the carries.
- comparator: a < b decided from the lowest bit up: equal bits defer to the verdict of the bits
  below; differing bits decide it.

Every helper carries a story (its docstring) and a contract (a property its tests check).
"""

from __future__ import annotations

from typing import Callable

from sva.core.program import (Apply, Bind, Call, Contract, Expr, Function, Name, Program, Return, Statement,
                              TupleOf)
from sva.core.spec import Spec


def AND(left: Expr, right: Expr) -> Expr:
    return Apply("AND", (left, right))


def OR(left: Expr, right: Expr) -> Expr:
    return Apply("OR", (left, right))


def NOT(operand: Expr) -> Expr:
    return Apply("NOT", (operand,))


def XOR(left: Expr, right: Expr) -> Expr:
    return Apply("XOR", (left, right))


def IF(condition: Expr, then: Expr, otherwise: Expr) -> Expr:
    return Apply("IF", (condition, then, otherwise))


def names(*identifiers: str) -> tuple[Name, ...]:
    return tuple(Name(identifier) for identifier in identifiers)


def chain(operator: Callable[[Expr, Expr], Expr], operands: tuple[Expr, ...]) -> Expr:
    """``operands[0] op operands[1] op ...``, grouped from the left."""
    result = operands[0]
    for operand in operands[1:]:
        result = operator(result, operand)
    return result


def weighted(prefix: str, count: int) -> str:
    """The number whose bits (least significant first) are ``prefix0 .. prefix<count-1>``."""
    return " + ".join(f"{1 << i} * {prefix}{i}" if i else f"{prefix}0" for i in range(count))


def _entry(spec: Spec, body: tuple, contract: str) -> Function:
    return Function(spec.entry, spec.params, body, story=spec.description,
                    contract=Contract(contract, spec.description))


def _program(spec: Spec, summary: str, helpers: list[Function], entry: Function) -> Program:
    docstring = f"{spec.name} solved by design: {summary}"
    return Program(docstring, tuple(helpers) + (entry,), spec.entry)


# --- parity ----------------------------------------------------------------------------------

def parity(spec: Spec) -> Program:
    helpers: dict[int, Function] = {}

    def odd_ones(count: int) -> str:
        """Name of the helper for ``count`` bits (count >= 2), defining it and its parts once."""
        name = f"odd_ones_{count}"
        if count in helpers:
            return name
        params = tuple(f"b{i}" for i in range(count))
        bits = names(*params)
        low_count = (count + 1) // 2
        parts = []
        for label, part in (("low_half", bits[:low_count]), ("high_half", bits[low_count:])):
            parts.append((label, part[0] if len(part) == 1 else Call(odd_ones(len(part)), part)))
        body: tuple[Statement, ...]
        if count == 2:
            body = (Return(XOR(bits[0], bits[1])),)
            story = "True when exactly one of the two bits is set."
        else:
            body = tuple(Bind(label, value) for label, value in parts if not isinstance(value, Name))
            halves = [Name(label) if not isinstance(value, Name) else value for label, value in parts]
            body += (Return(XOR(halves[0], halves[1])),)
            story = (f"True when an odd number of the {count} bits are set: the parities of the low "
                     f"{low_count} and the high {count - low_count} bits differ.")
        contract = f"({' + '.join(params)}) % 2 == 1"
        helpers[count] = Function(name, params, body, story,
                                  Contract(contract, f"an odd number of the {count} bits are set"))
        return name

    top = odd_ones(spec.size)
    entry = _entry(spec, (Return(NOT(Call(top, names(*spec.params)))),),
                   f"({' + '.join(spec.params)}) % 2 == 0")
    ordered = [helpers[count] for count in sorted(helpers)]
    return _program(spec, "the even-parity bit is the negated XOR fold of the inputs, computed "
                          "by halving.", ordered, entry)


# --- multiplexer -----------------------------------------------------------------------------

def multiplexer(spec: Spec) -> Program:
    address_bits = spec.size
    select = Function(
        "select", ("address_bit", "when_set", "when_clear"),
        (Return(IF(Name("address_bit"), Name("when_set"), Name("when_clear"))),),
        "One address bit's choice: when_set if the bit is 1, otherwise when_clear.",
        Contract("[when_clear, when_set][address_bit]", "picks when_set exactly when the bit is 1"))
    helpers = [select]

    def decode(width: int, address: tuple[Expr, ...], data: tuple[Expr, ...]) -> tuple:
        """Statements choosing among ``data`` (2**width bits) with ``address`` (LSB first)."""
        if width == 1:
            return (Return(Call("select", (address[0], data[1], data[0]))),)
        half = len(data) // 2
        sub = f"mux_of_{half}"
        return (
            Bind("lower", Call(sub, address[:-1] + data[:half])),
            Bind("upper", Call(sub, address[:-1] + data[half:])),
            Return(Call("select", (address[-1], Name("upper"), Name("lower")))),
        )

    for width in range(1, address_bits):
        count = 1 << width
        params = tuple(f"a{i}" for i in range(width)) + tuple(f"d{i}" for i in range(count))
        index = weighted("a", width)
        data_list = ", ".join(f"d{i}" for i in range(count))
        helpers.append(Function(
            f"mux_of_{count}", params,
            decode(width, names(*params[:width]), names(*params[width:])),
            "The data bit among 2 that the address bit names." if width == 1 else
            f"The data bit among {count} that the {width}-bit address names: the top address bit "
            f"picks a half, the lower address bits the bit within it.",
            Contract(f"[{data_list}][{index}]", "returns the data bit the address names")))

    data_count = 1 << address_bits
    index = weighted("a", address_bits)
    data_list = ", ".join(f"d{i}" for i in range(data_count))
    entry = _entry(spec, decode(address_bits, names(*spec.params[:address_bits]),
                                names(*spec.params[address_bits:])),
                   f"[{data_list}][{index}]")
    return _program(spec, "the address is decoded one bit at a time from the most significant, "
                          "each bit selecting between two smaller multiplexers.", helpers, entry)


# --- majority --------------------------------------------------------------------------------

def majority(spec: Spec) -> Program:
    helpers: dict[tuple[int, int], Function] = {}

    def at_least(threshold: int, count: int) -> str:
        name = f"at_least_{threshold}_of_{count}"
        if (threshold, count) in helpers:
            return name
        params = tuple(f"b{i}" for i in range(count))
        bits = names(*params)
        body: tuple[Statement, ...]
        if threshold == 1:
            body = (Return(chain(OR, bits)),)
            story = f"True when any of the {count} bits is set."
        elif threshold == count:
            body = (Return(chain(AND, bits)),)
            story = f"True when all {count} bits are set."
        else:
            before, last = bits[:-1], bits[-1]
            body = (
                Bind("enough_before", Call(at_least(threshold, count - 1), before)),
                Bind("one_short_before", Call(at_least(threshold - 1, count - 1), before)),
                Return(OR(Name("enough_before"), AND(last, Name("one_short_before")))),
            )
            story = (f"True when at least {threshold} of the {count} bits are set: {threshold} "
                     f"among the first {count - 1} already, or the last bit and "
                     f"{threshold - 1} among the first {count - 1}.")
        helpers[(threshold, count)] = Function(
            name, params, body, story,
            Contract(f"{' + '.join(params)} >= {threshold}",
                     f"at least {threshold} of the {count} bits are set"))
        return name

    needed = spec.size // 2 + 1
    top = at_least(needed, spec.size)
    entry = _entry(spec, (Return(Call(top, names(*spec.params))),),
                   f"{' + '.join(spec.params)} >= {needed}")
    ordered = [helpers[key] for key in sorted(helpers, key=lambda key: (key[1], key[0]))]
    return _program(spec, f"majority is 'at least {needed} of {spec.size}', counted through "
                          "partial threshold helpers over ever longer prefixes of the bits.",
                    ordered, entry)


# --- adder -----------------------------------------------------------------------------------

def adder(spec: Spec) -> Program:
    k = spec.size
    a, b, carry_in = Name("a"), Name("b"), Name("carry_in")
    helpers = [
        Function("half_adder_sum", ("a", "b"), (Return(XOR(a, b)),),
                 "The sum bit of a + b: set when exactly one of them is set.",
                 Contract("(a + b) % 2 == 1", "the low bit of a + b")),
        Function("half_adder_carry", ("a", "b"), (Return(AND(a, b)),),
                 "The carry of a + b: set when both are set.",
                 Contract("a + b == 2", "the high bit of a + b")),
    ]
    if k > 1:
        helpers += [
            Function("full_adder_sum", ("a", "b", "carry_in"), (Return(XOR(XOR(a, b), carry_in)),),
                     "The sum bit of a + b + carry_in: set when an odd number of the three are set.",
                     Contract("(a + b + carry_in) % 2 == 1", "the low bit of a + b + carry_in")),
            Function("full_adder_carry", ("a", "b", "carry_in"),
                     (Return(OR(AND(a, b), AND(carry_in, XOR(a, b)))),),
                     "The carry out of a + b + carry_in: both bits set, or the carry in set and "
                     "exactly one of the bits set.",
                     Contract("a + b + carry_in >= 2", "the high bit of a + b + carry_in")),
        ]
    body: list = [Bind("s0", Call("half_adder_sum", names("a0", "b0"))),
                  Bind("carry0", Call("half_adder_carry", names("a0", "b0")))]
    for bit in range(1, k):
        operands = names(f"a{bit}", f"b{bit}", f"carry{bit - 1}")
        body.append(Bind(f"s{bit}", Call("full_adder_sum", operands)))
        body.append(Bind(f"carry{bit}", Call("full_adder_carry", operands)))
    outputs = names(*(f"s{bit}" for bit in range(k))) + (Name(f"carry{k - 1}"),)
    body.append(Return(TupleOf(outputs)))
    a_value, b_value = weighted("a", k), weighted("b", k)
    contract = f"tuple(bool(({a_value} + {b_value}) >> bit & 1) for bit in range({k + 1}))"
    return _program(spec, "a half adder for the lowest bit, then full adders chained through "
                          "the carries (ripple carry).", helpers, _entry(spec, tuple(body), contract))


# --- comparator ------------------------------------------------------------------------------

def comparator(spec: Spec) -> Program:
    k = spec.size
    a, b, less_below = Name("a"), Name("b"), Name("less_below")
    helpers = [
        Function("bit_less", ("a", "b"), (Return(AND(NOT(a), b)),),
                 "True when bit a is 0 and bit b is 1: a < b on one bit.",
                 Contract("a < b", "a < b for one bit")),
        Function("bits_equal", ("a", "b"), (Return(IF(a, b, NOT(b))),),
                 "True when the two bits are the same.", Contract("a == b", "the bits are equal")),
        Function("less_at_bit", ("a", "b", "less_below"),
                 (Bind("same", Call("bits_equal", (a, b))), Return(IF(Name("same"), less_below, b))),
                 "Whether a < b once this bit position is added to the lower bits, whose verdict "
                 "is less_below: equal bits keep that verdict; differing bits decide it, and then "
                 "a < b exactly when b's bit is the set one.",
                 Contract("(a < b) or (a == b and less_below)",
                          "a < b decided at this bit, or tied here and less below")),
    ]
    body: list = [Bind("less_0", Call("bit_less", names("a0", "b0")))]
    for bit in range(1, k):
        body.append(Bind(f"less_{bit}", Call("less_at_bit", names(f"a{bit}", f"b{bit}", f"less_{bit - 1}"))))
    body.append(Return(Name(f"less_{k - 1}")))
    a_value, b_value = weighted("a", k), weighted("b", k)
    return _program(spec, "a < b is decided from the lowest bit up: each bit position either "
                          "keeps the verdict of the bits below (equal bits) or decides it.",
                    helpers, _entry(spec, tuple(body), f"{a_value} < {b_value}"))


#: kind -> (template name recorded in the manifest, template).
BOOLEAN_TEMPLATES: dict[str, tuple[str, Callable[[Spec], Program]]] = {
    "parity": ("parity/halving-xor-fold", parity),
    "multiplexer": ("multiplexer/address-decoder", multiplexer),
    "majority": ("majority/threshold-prefixes", majority),
    "adder": ("adder/ripple-carry", adder),
    "comparator": ("comparator/lsb-first-verdict", comparator),
}
