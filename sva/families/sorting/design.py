"""Design template for sorting networks: Batcher's odd-even merge sort as recursive helpers.

Every helper acts in place on the list ``wires`` at the positions it is given as parameters, so
one helper serves every place it is needed (``sort_8_wires`` calls ``sort_4_wires`` for both
halves) and the recursion is visible in the unit graph:

* ``sort_<m>_wires(wires, w0, ..., w<m-1>)`` sorts m wires: it sorts the first h wires (h the
  largest power of two below m) and the last m - h on their own, then merges the two runs. A run
  of two is one compare-exchange, a run of one needs nothing.
* ``merge_<p>_<q>(wires, a0, ..., a<p-1>, b0, ..., b<q-1>)`` is Batcher's odd-even merge of a
  sorted run of p (a power of two) and a sorted run of q <= p: merge the wires in even places
  (a0, a2, ..., b0, b2, ...) and those in odd places (a1, a3, ..., b1, b3, ...) separately, then
  compare-exchange each odd-place wire with the even-place wire after it. Merging 1 with 1 is one
  compare-exchange; merging with an empty run needs nothing.

For n a power of two this is Batcher's network (19 comparators, depth 6 at n = 8; 63 and 10 at
n = 16). For other n it is Batcher's network on the next power of two with the missing wires
read as +infinity, minus every comparator that touches them (they never move a value) and minus
the merges with an empty run (a sorted run merged with nothing is already sorted). Sizes and
depths: 5/3, 9/5, 12/6, 16/6, 19/6, 32/10, 41/10 and 63/10 at n = 4, 5, 6, 7, 8, 10, 12, 16 (the
best known sizes at n <= 8; 29, 39 and 60 at n = 10, 12, 16).

Each helper carries a story (what it promises) and a contract (a property test that builds a list,
puts sorted runs where the helper expects them, calls the helper alone and checks the result).
"""

from __future__ import annotations

from typing import Callable

from sva.core.program import (Apply, Bind, Call, Constant, Contract, Do, Expr, Function, Name, Perform,
                                   Program, Return, Statement)
from sva.families.sorting.primitives import WIRES, WiresContract, compare_exchange
from sva.core.spec import Spec


def _largest_power_below(m: int) -> int:
    power = 1
    while power * 2 < m:
        power *= 2
    return power


def _listing(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{names[0]}..{names[-1]}"


class _Builder:
    """Defines each helper once, sub-helpers before the helpers that call them."""

    def __init__(self) -> None:
        self.functions: dict[str, Function] = {}

    def merge(self, p: int, q: int, low: tuple[Expr, ...], high: tuple[Expr, ...]) -> tuple[Statement, ...]:
        """Statements that merge the sorted runs ``low`` (p wires) and ``high`` (q wires)."""
        if p == 0 or q == 0:
            return ()
        if p == 1 and q == 1:
            return (compare_exchange(WIRES, low[0], high[0]),)
        name = f"merge_{p}_{q}"
        if name not in self.functions:
            self._define_merge(name, p, q)
        return (Perform(Call(name, (Name(WIRES),) + low + high)),)

    def _define_merge(self, name: str, p: int, q: int) -> None:
        a = tuple(f"a{i}" for i in range(p))
        b = tuple(f"b{i}" for i in range(q))
        a_names, b_names = tuple(map(Name, a)), tuple(map(Name, b))
        body: list[Statement] = []
        body += self.merge(len(a_names[0::2]), len(b_names[0::2]), a_names[0::2], b_names[0::2])
        body += self.merge(len(a_names[1::2]), len(b_names[1::2]), a_names[1::2], b_names[1::2])
        even, odd = a_names[0::2] + b_names[0::2], a_names[1::2] + b_names[1::2]
        body += [compare_exchange(WIRES, odd[i], even[i + 1]) for i in range(min(len(odd), len(even) - 1))]
        promise = (f"Given wires {_listing(a)} sorted and wires {_listing(b)} sorted, leaves all {p + q} values "
                   f"sorted in the order {_listing(a)}, {_listing(b)}.")
        even_list, odd_list = ", ".join(a[0::2] + b[0::2]), ", ".join(a[1::2] + b[1::2])
        how = (f"It merges the wires in even places ({even_list}) and those in odd places ({odd_list}) "
               f"separately, then compare-exchanges each wire in an odd place with the wire in the next "
               f"even place (Batcher's odd-even merge).")
        self.functions[name] = Function(name, (WIRES,) + a + b, tuple(body), f"{promise} {how}",
                                        WiresContract((p, q), promise))

    def sort(self, m: int, positions: tuple[Expr, ...]) -> tuple[Statement, ...]:
        """Statements that sort the m wires at ``positions``."""
        if m <= 1:
            return ()
        if m == 2:
            return (compare_exchange(WIRES, positions[0], positions[1]),)
        name = f"sort_{m}_wires"
        if name not in self.functions:
            self._define_sort(name, m)
        return (Perform(Call(name, (Name(WIRES),) + positions)),)

    def _define_sort(self, name: str, m: int) -> None:
        w = tuple(f"w{i}" for i in range(m))
        names = tuple(map(Name, w))
        h = _largest_power_below(m)
        body = self.sort(h, names[:h]) + self.sort(m - h, names[h:]) + self.merge(h, m - h, names[:h], names[h:])
        promise = f"Sorts the {m} values on wires {_listing(w)} in place, smallest on {w[0]}."
        first = "one compare-exchange" if h == 2 else f"sort_{h}_wires"
        rest = {1: "needs nothing", 2: "takes one compare-exchange"}.get(m - h, f"uses sort_{m - h}_wires")
        how = (f"It sorts the first {h} wires ({first}) and the last {m - h} on their own (which {rest}), "
               f"then merges the two sorted runs with merge_{h}_{m - h}.")
        self.functions[name] = Function(name, (WIRES,) + w, tuple(body), f"{promise} {how}",
                                        WiresContract((1,) * m, promise))


def batcher(spec: Spec) -> Program:
    """The odd-even merge sort program for ``spec`` (n = spec.size wires)."""
    n = spec.size
    builder = _Builder()
    (values,) = spec.params
    body = ((Bind(WIRES, Apply("COPY", (Name(values),))),)
            + builder.sort(n, tuple(Constant(i) for i in range(n)))
            + (Return(Name(WIRES)),))
    entry = Function(spec.entry, spec.params, body, story=spec.description,
                     contract=Contract(f"sorted({values})", spec.description))
    docstring = (f"{spec.name} solved by design: Batcher's odd-even merge sort. The entry copies the "
                 f"values onto {n} wires and sorts them with sort_{n}_wires, which sorts two parts "
                 f"recursively and merges them; each merge merges the even- and odd-place wires "
                 f"recursively and finishes with one layer of compare-exchanges.")
    return Program(docstring, tuple(builder.functions.values()) + (entry,), spec.entry)


def program_network(program: Program) -> list[tuple[int, int]]:
    """The comparators a network program performs, in execution order, read from the IR alone.

    Walks the entry function, following :class:`Perform` calls with their position arguments
    bound to the callee's parameters. No generated code runs; the trust side measures emitted
    artifacts by tracing them in the sandbox instead (:mod:`sva.families.sorting.trace`).
    """
    functions = {function.name: function for function in program.functions}
    network: list[tuple[int, int]] = []

    def position(expr: Expr, bound: dict[str, int]) -> int:
        if isinstance(expr, Constant) and isinstance(expr.value, int) and not isinstance(expr.value, bool):
            return expr.value
        if isinstance(expr, Name) and expr.id in bound:
            return bound[expr.id]
        raise ValueError(f"not a wire position: {expr!r}")

    def walk(name: str, bound: dict[str, int]) -> None:
        for statement in functions[name].body:
            if isinstance(statement, Do) and statement.primitive == "COMPARE_EXCHANGE":
                _, low, high = statement.args
                network.append((position(low, bound), position(high, bound)))
            elif isinstance(statement, Perform):
                callee = functions[statement.call.function]
                positions = [position(arg, bound) for arg in statement.call.args[1:]]
                walk(callee.name, dict(zip(callee.params[1:], positions)))

    walk(program.entry, {})
    return network


SORTING_TEMPLATES: dict[str, tuple[str, Callable[[Spec], Program]]] = {
    "network": ("network/batcher-odd-even-merge", batcher),
}
