"""How the sorting family's primitives and contracts are written.

``COPY(v)`` is ``list(v)``; ``COMPARE_EXCHANGE`` on wires ``i`` and ``j`` of a list is a
statement with one comparison and a swap, no copies::

    if wires[j] < wires[i]:
        wires[i], wires[j] = wires[j], wires[i]

:class:`WiresContract` is the promise of a helper ``f(wires, p0, p1, ...)`` that acts on a list
in place; its property test draws the list and the positions itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from sva.core.emitter import ATOM, Primitive, Renderer
from sva.core.program import Do, Expr, Function, Name

#: The name of the list every network function acts on.
WIRES = "wires"


def compare_exchange(wires: str, low: Expr, high: Expr) -> Do:
    """``COMPARE_EXCHANGE`` on the list ``wires``: afterwards position ``low`` holds the smaller
    and position ``high`` the larger of the two values. Positions are int constants (search) or
    parameter names (design's helpers)."""
    return Do("COMPARE_EXCHANGE", (Name(wires), low, high))


def _copy(args: tuple[Expr, ...], renderer: Renderer) -> tuple[cst.BaseExpression, int]:
    (operand,) = args
    return cst.Call(cst.Name("list"), [cst.Arg(renderer.expression(operand))]), ATOM


def _compare_exchange(args: tuple[Expr, ...], renderer: Renderer) -> cst.BaseStatement:
    """``if w[j] < w[i]: w[i], w[j] = w[j], w[i]``: one comparison, a swap, no copies."""
    wires, low_position, high_position = args

    def wire(position: Expr) -> cst.Subscript:
        return cst.Subscript(renderer.expression(wires), [cst.SubscriptElement(cst.Index(renderer.expression(position)))])

    swap = cst.Assign(
        [cst.AssignTarget(cst.Tuple([cst.Element(wire(low_position)), cst.Element(wire(high_position))],
                                    lpar=[], rpar=[]))],
        cst.Tuple([cst.Element(wire(high_position)), cst.Element(wire(low_position))], lpar=[], rpar=[]),
    )
    test = cst.Comparison(wire(high_position), [cst.ComparisonTarget(cst.LessThan(), wire(low_position))])
    return cst.If(test=test, body=cst.IndentedBlock([cst.SimpleStatementLine([swap])]))


#: The sorting primitives, by name.
PRIMITIVES: dict[str, Primitive] = {
    "COPY": Primitive("COPY", 1, render=_copy),
    "COMPARE_EXCHANGE": Primitive("COMPARE_EXCHANGE", 3, statement=_compare_exchange),
}


_WIRES_HELPERS = '''
from hypothesis import Phase

#: A failing wires contract is reported as found, not shrunk: shrinking lists of positions is
#: slow and every mutant a contract kills would pay for it.
_NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)


def _wires_case(data, runs):
    """A list, the positions a helper acts on, and the sorted values they must end up holding.

    Each run of positions gets sorted values (the helper's precondition); the positions are
    drawn in any order among a few more list slots, which hold strings the helper must leave
    alone (comparing one with a number raises TypeError).
    """
    values = []
    for length in runs:
        values += sorted(data.draw(st.lists(st.integers(-50, 50), min_size=length, max_size=length)))
    slots = len(values) + data.draw(st.integers(0, 3))
    positions = data.draw(st.permutations(range(slots)))[:len(values)]
    wires = [f"untouched {slot}" for slot in range(slots)]
    for position, value in zip(positions, values):
        wires[position] = value
    return wires, positions, sorted(values)


def _others(wires, positions):
    return [value for slot, value in enumerate(wires) if slot not in positions]
'''

_WIRES_TEST_FUNCTION = '''

@settings(max_examples={examples}, derandomize=True, database=None, deadline=None, phases=_NO_SHRINK)
@given(data=st.data())
def test_{name}(data):
    """Contract of {name}: {description}"""
    wires, positions, expected = _wires_case(data, {runs!r})
    others = _others(wires, positions)
    artifact.{name}(wires, *positions)
    assert [wires[position] for position in positions] == expected
    assert _others(wires, positions) == others
'''




@dataclass(frozen=True)
class WiresContract:
    """The promise of a function ``f(wires, p0, p1, ...)`` that acts on a list in place.

    ``runs`` are the lengths of the consecutive runs of position parameters that must already
    hold sorted values (``(4, 4)`` for a merge of two sorted fours; ``(1,) * 8`` for a sort of
    eight wires, which needs nothing). The promise: afterwards the positions, in parameter
    order, hold the same values sorted, and every other element of the list is untouched.
    """

    runs: tuple[int, ...]
    description: str

    def preamble(self) -> str:
        return _WIRES_HELPERS

    def test_source(self, function: Function, max_examples: int) -> str:
        if sum(self.runs) != len(function.params) - 1:
            raise ValueError(f"the runs {self.runs} of {function.name} do not cover its "
                             f"{len(function.params) - 1} position parameters")
        return _WIRES_TEST_FUNCTION.format(examples=max_examples, name=function.name, runs=tuple(self.runs),
                                           description=self.description)
