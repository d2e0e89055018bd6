"""Bit-parallel fitness for Boolean GP trees, and the per-row reference it must agree with.

A truth table (or any subset of its rows) is packed into Python ints: input variable ``i``
becomes an int whose bit ``j`` is argument ``i`` of the ``j``-th row considered, and each output
becomes an int whose bit ``j`` is the expected value on that row. One walk over a DEAP tree's
prefix list, right to left with a stack, then computes the tree's output on every row at once:
AND, OR and XOR are ``&``, ``|`` and ``^``; ``NOT x`` is ``~x & mask`` and ``IF(c, a, b)`` is
``(c & a) | (~c & b & mask)``, where ``mask`` has one bit per row (computed as the equal but
cheaper ``x ^ mask`` and ``b ^ (c & (a ^ b))``, since every value stays inside the mask). The
error count is ``((out ^ target) & mask).bit_count()``. No ``gp.compile``, no ``eval``, no loop
over rows: this is why search can afford Koza-sized populations (``benchmarks/bench_evaluate.py``
measures the speed-up).

:func:`reference_errors` is the slow, obvious evaluator in the style DEAP's documentation uses
(compile the tree to a lambda and call it once per row). It exists only so that tests and the
benchmark can check that both give the same fitness.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from deap import gp

from sva.errors import UsageError
from sva.core.spec import Case, Spec


def _if_then_else(condition: bool, then: bool, otherwise: bool) -> bool:
    """Row-wise IF: ``then`` when ``condition`` holds, else ``otherwise``."""
    return then if condition else otherwise


#: Each primitive's arity and its row-wise (one bool per argument) meaning, used by
#: ``gp.compile`` in the reference evaluator. The bit-parallel meaning lives in :func:`evaluate`.
ROW_PRIMITIVES: dict[str, tuple[int, Callable[..., bool]]] = {
    "AND": (2, operator.and_),
    "OR": (2, operator.or_),
    "NOT": (1, operator.not_),
    "XOR": (2, operator.xor),
    "IF": (3, _if_then_else),
}


def primitive_set(primitives: Sequence[str], params: Sequence[str], name: str = "main") -> gp.PrimitiveSet:
    """A DEAP primitive set with ``primitives`` (added in the given order) over ``params``.

    Arguments are renamed from DEAP's ``ARG0..`` to ``params``, so a tree prints and compiles
    with the spec's parameter names. There are no constants (no terminals besides the inputs,
    no ephemeral constants): Koza's Boolean problems use none, and the spec's primitive set
    offers none. The order of ``primitives`` matters for reproducibility, because DEAP draws
    primitives with ``random.choice`` over the list.
    """
    unknown = [primitive for primitive in primitives if primitive not in ROW_PRIMITIVES]
    if unknown:
        raise UsageError(f"unknown Boolean primitive(s) {unknown}; known: {', '.join(ROW_PRIMITIVES)}")
    if not params:
        raise UsageError(f"a primitive set needs at least one input, got params={list(params)!r}")
    pset = gp.PrimitiveSet(name, len(params))
    for primitive in primitives:
        arity, function = ROW_PRIMITIVES[primitive]
        pset.addPrimitive(function, arity, name=primitive)
    pset.renameArguments(**{f"ARG{index}": param for index, param in enumerate(params)})
    return pset


@dataclass(frozen=True)
class PackedTable:
    """Rows of a truth table packed into ints, one bit per row.

    Attributes:
        inputs: variable name -> int whose bit ``j`` is that variable on row ``j``.
        targets: per output, the int whose bit ``j`` is the expected output on row ``j``.
        outputs: the output names, in the order of ``targets``.
        rows: number of rows packed.
        mask: ``(1 << rows) - 1``, one bit per row.
    """

    inputs: Mapping[str, int]
    targets: tuple[int, ...]
    outputs: tuple[str, ...]
    rows: int
    mask: int


def pack_rows(params: Sequence[str], cases: Sequence[Case], expected: Sequence[Any],
              outputs: Sequence[str]) -> PackedTable:
    """Pack ``cases`` (tuples of bools, one per param) and their ``expected`` outputs.

    ``expected[j]`` is the output on ``cases[j]``: a bool when there is one output, else a
    tuple of bools in the order of ``outputs``.
    """
    if len(cases) != len(expected):
        raise UsageError(f"got {len(cases)} cases but {len(expected)} expected outputs")
    if not cases:
        raise UsageError("cannot pack an empty set of cases")
    inputs = [0] * len(params)
    targets = [0] * len(outputs)
    for row, (case, answer) in enumerate(zip(cases, expected)):
        if len(case) != len(params):
            raise UsageError(f"case {case!r} has {len(case)} values for {len(params)} params")
        bit = 1 << row
        for index, value in enumerate(case):
            if value:
                inputs[index] |= bit
        values = (answer,) if len(outputs) == 1 else tuple(answer)
        if len(values) != len(outputs):
            raise UsageError(f"expected output {answer!r} does not have {len(outputs)} values")
        for index, value in enumerate(values):
            if value:
                targets[index] |= bit
    return PackedTable(
        inputs=dict(zip(params, inputs)),
        targets=tuple(targets),
        outputs=tuple(outputs),
        rows=len(cases),
        mask=(1 << len(cases)) - 1,
    )


def pack_spec(spec: Spec, cases: Sequence[Case] | None = None) -> PackedTable:
    """Pack a Boolean spec's ``cases`` (its training cases by default) with the oracle's answers."""
    chosen = spec.training if cases is None else tuple(cases)
    return pack_rows(spec.params, chosen, [spec.expected(case) for case in chosen], spec.outputs)


def evaluate(tree: Sequence[Any], table: PackedTable) -> int:
    """The tree's output on every packed row at once: bit ``j`` is its value on row ``j``.

    ``tree`` is a DEAP prefix list (a ``gp.PrimitiveTree``); it is walked once, right to left,
    so each primitive finds its first argument on top of the stack.
    """
    inputs, mask = table.inputs, table.mask
    terminal = gp.Terminal
    stack: list[int] = []
    push, pop = stack.append, stack.pop
    for node in reversed(tree):
        if node.__class__ is terminal:
            push(inputs[node.value])
            continue
        name = node.name
        if name == "AND":
            push(pop() & pop())
        elif name == "OR":
            push(pop() | pop())
        elif name == "NOT":
            push(pop() ^ mask)  # = ~x & mask, one operation fewer
        elif name == "IF":
            condition = pop()
            then = pop()
            otherwise = pop()
            # = (condition & then) | (~condition & otherwise & mask), in three operations:
            # where condition is set, otherwise ^ (then ^ otherwise) = then; elsewhere, otherwise.
            push(otherwise ^ (condition & (then ^ otherwise)))
        elif name == "XOR":
            push(pop() ^ pop())
        else:
            raise ValueError(f"the bit-parallel evaluator has no meaning for node {name!r}")
    if len(stack) != 1:
        raise ValueError(f"not a complete tree: {len(stack)} values left after the walk")
    return stack[0]


def count_errors(tree: Sequence[Any], table: PackedTable, output: int = 0) -> int:
    """Number of packed rows on which ``tree`` differs from output number ``output``."""
    return ((evaluate(tree, table) ^ table.targets[output]) & table.mask).bit_count()


def reference_errors(tree: gp.PrimitiveTree, pset: gp.PrimitiveSet, cases: Sequence[Case],
                     expected: Sequence[bool]) -> int:
    """Errors counted one row at a time, as DEAP's documentation does it (for checks only).

    The tree is compiled with ``gp.compile`` into a lambda over the inputs, called once per
    case; a row is wrong when the result differs from ``expected``. The row-wise primitives
    of :func:`primitive_set` map bools to bools, so no conversion is needed.
    """
    function = gp.compile(tree, pset)
    return sum(function(*case) != answer for case, answer in zip(cases, expected))
