"""The parts design-auto builds, written over the spec's primitives only, and how they are run.

:class:`Parts` keeps the functions of the program being built, in the order they were made, and
writes each structure the designer found (:mod:`.auto_steps`) as IR over the primitive set the
spec gives search (:mod:`sva.core.program`):

- ``a XOR b`` is ``XOR`` where the set has it, else ``IF(a, NOT b, b)``, else
  ``(a OR b) AND NOT (a AND b)``; ``IF(c, t, e)`` is ``IF`` where the set has it, else
  ``(c AND t) OR (NOT c AND e)``. Every Boolean primitive set has AND, OR and NOT.
- a threshold "at least t of x1..xn" is the recursion ``at_least(t, n) = at_least(t, n-1) OR
  (x_n AND at_least(t-1, n-1))``, ending in an OR chain (t = 1) or an AND chain (t = n), each
  step a helper over a prefix of the inputs;
- an odd number of set inputs is the XOR chain of the inputs;
- a selection is the selectors decoded from the last (the most significant) down, each choosing
  between the two halves of the passed inputs.

No constant is ever written: a constant part is folded into its parent (``IF(x, True, g)`` is
``x OR g``), and a constant entry is ``x OR NOT x`` (or ``x AND NOT x``).

A part's contract states what it must compute: the count (``x0 + x1 + x2 >= 2``), the parity
(``(x0 + x1) % 2 == 1``), the selection (``[d0, d1][a0]``); a part with no such formula (a
Shannon cofactor, a merged signal) states its truth table as a number, ``bool(0x8 >> (a + 2 * b)
& 1)``: bit ``r`` is the output on row ``r``, the training rows it covers and the rows its
structure filled. :meth:`Parts.evaluate` runs the IR directly (no source, no exec), to read
those tables and to count the training rows the artifact gets right.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Mapping

from sva.core.program import Apply, Bind, Call, Contract, Expr, Function, Name, Return, TupleOf
from sva.families.boolean.auto_steps import Selection
from sva.families.boolean.auto_table import assignment

_OPERATIONS: dict[str, Callable[..., bool]] = {"AND": lambda a, b: a and b, "OR": lambda a, b: a or b, "NOT": lambda a: not a,
               "XOR": lambda a, b: a != b, "IF": lambda c, t, e: t if c else e}


def index_text(params: tuple[str, ...]) -> str:
    """The row number of the parameters as a Python expression: ``a + 2 * b + 4 * c``."""
    return " + ".join(f"{1 << i} * {param}" if i else param for i, param in enumerate(params))


class Parts:
    """The functions made so far (by name, in order) and how to write IR over ``primitives``."""

    def __init__(self, primitives: tuple[str, ...]) -> None:
        self.primitives = frozenset(primitives)
        self.functions: dict[str, Function] = {}
        self._made: dict[tuple[Any, ...], str] = {}

    # --- expressions over the primitive set ---------------------------------------------------

    @staticmethod
    def negate(expr: Expr) -> Expr:
        if isinstance(expr, Apply) and expr.primitive == "NOT":
            return expr.args[0]
        return Apply("NOT", (expr,))

    def xor(self, left: Expr, right: Expr) -> Expr:
        if "XOR" in self.primitives:
            return Apply("XOR", (left, right))
        if "IF" in self.primitives:
            return Apply("IF", (left, self.negate(right), right))
        return Apply("AND", (Apply("OR", (left, right)), self.negate(Apply("AND", (left, right)))))

    def choose(self, condition: Expr, then: Expr | bool, otherwise: Expr | bool) -> Expr | bool:
        """``IF(condition, then, otherwise)``, a constant branch folded into AND/OR."""
        if isinstance(then, bool) and isinstance(otherwise, bool):
            return then if then == otherwise else (condition if then else self.negate(condition))
        if isinstance(then, bool):
            assert not isinstance(otherwise, bool)
            return Apply("OR", (condition, otherwise)) if then else Apply("AND", (self.negate(condition), otherwise))
        if isinstance(otherwise, bool):
            return Apply("OR", (self.negate(condition), then)) if otherwise else Apply("AND", (condition, then))
        if "IF" in self.primitives:
            return Apply("IF", (condition, then, otherwise))
        return Apply("OR", (Apply("AND", (condition, then)), Apply("AND", (self.negate(condition), otherwise))))

    @staticmethod
    def fold(primitive: str, operands: tuple[Expr, ...]) -> Expr:
        result = operands[0]
        for operand in operands[1:]:
            result = Apply(primitive, (result, operand))
        return result

    # --- functions ----------------------------------------------------------------------------

    def fresh(self, hint: str) -> str:
        """``hint``, or ``hint_2``, ``hint_3``... whichever no function has yet."""
        name, count = hint, 1
        while name in self.functions:
            count += 1
            name = f"{hint}_{count}"
        return name

    def define(self, hint: str, params: tuple[str, ...], body: tuple, story: str, contract: Contract | None) -> str:
        name = self.fresh(hint)
        self.functions[name] = Function(name, params, body, story, contract)
        return name

    def returning(self, hint: str, params: tuple[str, ...], expr: Expr, story: str) -> str:
        """A function returning ``expr``, its contract the truth table it computes."""
        name = self.define(hint, params, (Return(expr),), story, None)
        self.functions[name] = replace(self.functions[name], contract=self.table_contract(name))
        return name

    def annotate(self, name: str, sentence: str) -> None:
        """Add ``sentence`` to the story of function ``name`` (a part found again by another step)."""
        self.functions[name] = replace(self.functions[name], story=f"{self.functions[name].story} {sentence}")

    def at_least(self, least: int, variables: tuple[str, ...], story: str | None = None) -> str:
        """The helper "at least ``least`` of ``variables`` are set" (and those it counts through)."""
        key = ("at_least", least, variables)
        if key in self._made:
            return self._made[key]
        count, bits = len(variables), tuple(Name(v) for v in variables)
        body: tuple
        if least == 1 or least == count:
            body = (Return(self.fold("OR" if least == 1 else "AND", bits)),)
        else:
            before = variables[:-1]
            enough = self.at_least(least, before)
            short = self.at_least(least - 1, before)
            body = (Bind("enough_before", Call(enough, bits[:-1])), Bind("one_short_before", Call(short, bits[:-1])),
                    Return(Apply("OR", (Name("enough_before"), Apply("AND", (bits[-1], Name("one_short_before")))))))
        if story is None:
            story = (f"True when at least {least} of {', '.join(variables)} are set; a step of a larger count "
                     f"that adds the inputs one at a time.")
        contract = Contract(f"{' + '.join(variables)} >= {least}", f"at least {least} of the {count} inputs are set")
        self._made[key] = self.define(f"at_least_{least}_of_{count}", variables, body, story, contract)
        return self._made[key]

    def odd(self, variables: tuple[str, ...], story: str) -> Expr:
        """An odd number of ``variables`` are set: the input itself for one, else a helper."""
        if len(variables) == 1:
            return Name(variables[0])
        key = ("odd", variables)
        if key not in self._made:
            bits = tuple(Name(v) for v in variables)
            chain: Expr = bits[0]
            for bit in bits[1:]:
                chain = self.xor(chain, bit)
            contract = Contract(f"({' + '.join(variables)}) % 2 == 1", f"an odd number of the {len(variables)} inputs are set")
            self._made[key] = self.define(f"odd_ones_{len(variables)}", variables, (Return(chain),), story, contract)
        return Call(self._made[key], tuple(Name(v) for v in variables))

    def select(self, found: Selection, story: str) -> Expr:
        """The selection ``found``: the selectors decide which of the passed inputs is returned."""
        passed = tuple(dict.fromkeys(found.leaves))
        params = found.selectors + passed

        def decode(selectors: tuple[str, ...], leaves: tuple[str, ...]) -> Expr:
            if not selectors:
                return Name(leaves[0])
            half = len(leaves) // 2
            chosen = self.choose(Name(selectors[-1]), decode(selectors[:-1], leaves[half:]),
                                 decode(selectors[:-1], leaves[:half]))
            assert not isinstance(chosen, bool)
            return chosen

        contract = Contract(f"[{', '.join(found.leaves)}][{index_text(found.selectors)}]",
                            f"returns the input that {', '.join(found.selectors)} select")
        name = self.define(f"select_by_{'_'.join(found.selectors)}", params,
                           (Return(decode(found.selectors, found.leaves)),), story, contract)
        return Call(name, tuple(Name(p) for p in params))

    # --- running the IR -----------------------------------------------------------------------

    def evaluate(self, expr: Expr, env: Mapping[str, bool]) -> Any:
        """The value of ``expr`` with the parameters bound as in ``env``."""
        if isinstance(expr, Name):
            return env[expr.id]
        if isinstance(expr, Apply):
            return _OPERATIONS[expr.primitive](*(self.evaluate(arg, env) for arg in expr.args))
        if isinstance(expr, Call):
            return self.call(expr.function, tuple(self.evaluate(arg, env) for arg in expr.args))
        if isinstance(expr, TupleOf):
            return tuple(self.evaluate(item, env) for item in expr.items)
        raise TypeError(f"design-auto writes no {type(expr).__name__}")

    def call(self, name: str, args: tuple[Any, ...]) -> Any:
        function = self.functions[name]
        env = dict(zip(function.params, args))
        for statement in function.body:
            if isinstance(statement, Bind):
                env[statement.target] = self.evaluate(statement.value, env)
            elif isinstance(statement, Return):
                return self.evaluate(statement.value, env)
        raise ValueError(f"{name} returns nothing")

    def table_contract(self, name: str) -> Contract:
        """The contract "computes this truth table" for function ``name`` (one output)."""
        params = self.functions[name].params
        mask = sum(1 << row for row in range(1 << len(params)) if self.call(name, assignment(row, len(params))))
        return Contract(f"bool({mask:#x} >> ({index_text(params)}) & 1)",
                        f"the truth table the part was built to: bit r is its output on row r of "
                        f"{', '.join(params)}")
