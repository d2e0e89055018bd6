"""The sorting family's factorization plan: all 0-1 inputs, and redundant comparators removed.

A network is checked on all ``2^n`` lists of zeros and ones. For comparator networks that check
is exact: a network commutes with every monotone map, so two networks that agree on every 0-1
input agree on every input (the 0-1 principle's argument), and one that sorts them sorts all.

The simplification removes every **redundant** comparator, one that swaps on no 0-1 input
where it stands (bit-sliced over all inputs at once, :func:`~sva.families.sorting.networks.initial_masks`:
comparator ``(i, j)`` swaps on input ``r`` iff wire ``i`` holds 1 and wire ``j`` holds 0 there).
By the same argument it then swaps on no input at all, so removing it changes nothing. Worked
example: in ``(0, 1), (0, 1)`` the second comparator never swaps and goes. Only a flat network
(the entry copying its input, compare-exchanges at constant positions, returning the copy, as
search writes it) is simplified; one with helpers is left as it was.

Intron removal and naming do not apply: a network's only expressions are the copy of its input
and its wire positions, and it has no sub-expressions to repeat. Repeated blocks of comparators
are not extracted into helpers.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from sva.core.factorize import DomainCheck, Plan, Unchanged
from sva.core.program import Bind, Constant, Do, Program, Return
from sva.core.spec import Spec
from sva.families.sorting.networks import initial_masks


def without_redundant(spec: Spec, program: Program) -> tuple[Program, int]:
    """The network without the comparators that never swap (see the module docstring), and
    how many were removed."""
    if len(program.functions) != 1:
        raise Unchanged("not applied: only a flat network (one function) is simplified")
    function = program.functions[0]
    wires = list(initial_masks(spec.size))
    kept = []
    for statement in function.body:
        if isinstance(statement, Do):
            positions = statement.args[1:]
            constant_wires = [p.value for p in positions
                              if isinstance(p, Constant) and isinstance(p.value, int) and 0 <= p.value < spec.size]
            if len(constant_wires) != len(positions):
                raise Unchanged("not applied: a compare-exchange at positions that are not constant wires")
            i, j = constant_wires
            if wires[i] & ~wires[j] == 0:
                continue
            wires[i], wires[j] = wires[i] & wires[j], wires[i] | wires[j]
        elif not isinstance(statement, (Bind, Return)):
            raise Unchanged("not applied: the network calls helpers")
        kept.append(statement)
    return replace(program, functions=(replace(function, body=tuple(kept)),)), len(function.body) - len(kept)


def plan(spec: Spec) -> Plan:
    inputs = tuple((list(bits),) for bits in itertools.product((0, 1), repeat=spec.size))
    check = DomainCheck(inputs, True, f"all {len(inputs)} lists of {spec.size} zeros and ones (exact for "
                                      f"comparator networks by the 0-1 principle)")
    return Plan(check=check, simplify=lambda program: without_redundant(spec, program),
                simplify_how="redundant comparators removed (those that swap on no 0-1 input)",
                introns="not applicable: a network's only expressions are its input's copy and its wire positions",
                naming="not applicable: a network of compare-exchanges has no repeated sub-expressions")
