"""The design-auto recursion: a training table in, named parts with stories and decisions out.

:class:`Designer` decomposes a :class:`~.auto_table.Table` by the first structure test of
:mod:`.auto_steps` that holds (selection, parity, support, threshold, merge, split), recursing
into what the structure leaves (the residue of a parity, the inner and outer functions of a
merge, the two cofactors of a split). Each step that makes a part names it after what it is
(``at_least_3_of_5``, ``odd_ones_4``, ``select_by_a0_a1``, ``combine_a0_b0``, ``when_x3_set``)
and writes its story from the evidence the step saw (rows, pairs, conflicts, information gain),
and records a :class:`Decision`. A part found again (the same table: same inputs, same known
rows, as the adder's low carry is both the inner function of the carry and what the high sum bit
is left with once its own inputs are peeled) is reused, and its story says so.

Worked example, ``adder-2`` (inputs ``a0, a1, b0, b1``; all 16 rows). ``s0``: the output flips
with ``a0`` on all 8 pairs and then with ``b0``; nothing is left, so ``s0 = odd_ones_2(a0, b0)``.
``carry``: no selection, no flip, every input needed, no threshold; the bound set ``(a0, b0)``
is the first whose four columns fall into two classes (``11`` against the rest), so ``carry =
F(g(a0, b0), a1, b1)`` where ``g`` is "at least 2 of a0, b0" and ``F`` "at least 2 of its 3
inputs" (the full adder's carry). ``s1``: flips with ``a1`` and ``b1``; what is left over ``a0, b0`` is the table of ``g``
again, so it is the same part.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sva.core.program import Apply, Call, Expr, Name, TupleOf
from sva.families.boolean import auto_steps as steps
from sva.families.boolean.auto_parts import Parts
from sva.families.boolean.auto_table import Ledger, Table, assignment

Part = Expr | bool


@dataclass(frozen=True)
class Decision:
    """One step the designer took: which ``step`` on which ``variables`` made ``made`` (a
    function's name, or the expression kind written in place), and what it saw."""

    step: str
    variables: tuple[str, ...]
    rows: int
    made: str
    evidence: str

    def to_json(self) -> dict:
        return {**asdict(self), "variables": list(self.variables)}


def _rows(count: int) -> str:
    return f"{count} training row{'s' if count != 1 else ''}"


def _setting(selectors: tuple[str, ...], setting: int) -> str:
    return " ".join(f"{name}={int(bit)}" for name, bit in zip(selectors, assignment(setting, len(selectors))))


def _uses(expr: Expr, name: str) -> int:
    if isinstance(expr, Name):
        return int(expr.id == name)
    items = expr.items if isinstance(expr, TupleOf) else expr.args if isinstance(expr, (Apply, Call)) else ()
    return sum(_uses(item, name) for item in items)


def _substitute(expr: Expr, name: str, value: Expr) -> Expr:
    if isinstance(expr, Name):
        return value if expr.id == name else expr
    if isinstance(expr, Apply):
        return Apply(expr.primitive, tuple(_substitute(arg, name, value) for arg in expr.args))
    if isinstance(expr, Call):
        return Call(expr.function, tuple(_substitute(arg, name, value) for arg in expr.args))
    return expr


class Designer:
    """Decomposes training tables over ``primitives`` into parts (see the module docstring)."""

    def __init__(self, primitives: tuple[str, ...], max_selectors: int, max_bound: int) -> None:
        self.parts = Parts(primitives)
        self.ledger = Ledger()
        self.decisions: list[Decision] = []
        self.max_selectors, self.max_bound = max_selectors, max_bound
        self._memo: dict[Table, Part] = {}
        #: what each table was found to be, in a phrase (the entry's story quotes the top ones)
        self.found: dict[Table, str] = {}

    def _decide(self, step: str, table: Table, made: str, evidence: str) -> None:
        self.decisions.append(Decision(step, table.variables, len(table.rows), made, evidence))

    def _named(self, part: Part, hint: str, table: Table, story: str) -> Part:
        """``part`` as a function of its own with ``story``, unless it is already one call, an
        input or a constant (then a called part's story gains the sentence)."""
        if isinstance(part, bool) or isinstance(part, Name) or (
                isinstance(part, Apply) and part.primitive == "NOT" and isinstance(part.args[0], (Name, Call))):
            return part
        if isinstance(part, Call):
            self.parts.annotate(part.function, story)
            return part
        used = tuple(v for v in table.variables if _uses(part, v))
        return Call(self.parts.returning(hint, used, part, story), tuple(Name(v) for v in used))

    def part(self, table: Table) -> Part:
        """The expression computing ``table`` (a constant when its rows all agree)."""
        if table in self._memo:
            made = self._memo[table]
            self._decide("reuse", table, made.function if isinstance(made, Call) else "inline",
                         f"the same {_rows(len(table.rows))} over {', '.join(table.variables)} were met before")
            return made
        self._memo[table] = self._decompose(table)
        return self._memo[table]

    def _decompose(self, table: Table) -> Part:
        outputs = table.outputs
        if len(outputs) < 2:
            value = bool(outputs and max(outputs))
            self.found[table] = f"always {value}"
            self._decide("constant", table, "inline", f"{value} on all {_rows(len(table.rows))}" if table.rows else
                         "no training row reaches here: False, the simplest fill")
            return value
        if table.width == 1:
            positive = table.lookup()[(True,)]  # two outputs on one input: both rows are known
            self.found[table] = f"{'' if positive else 'not '}{table.variables[0]}"
            self._decide("literal", table, "inline", f"the output is {self.found[table]} on all {_rows(len(table.rows))}")
            return Name(table.variables[0]) if positive else self.parts.negate(Name(table.variables[0]))
        found_selection = steps.selection(table, self.ledger, self.max_selectors)
        if found_selection is not None:
            return self._selection(table, found_selection)
        found_parity = steps.parity(table, self.ledger)
        if found_parity is not None:
            return self._parity(table, found_parity)
        kept = steps.support(table, self.ledger)
        if kept.dropped:
            self._decide("support", table, "inline", f"{', '.join(kept.dropped)} can be dropped: with them removed "
                         f"no two of the {_rows(len(table.rows))} share an input and disagree")
            part = self.part(kept.kept)
            self.found[table] = self.found.get(kept.kept, "")
            return part
        found_threshold = steps.threshold(table, self.ledger)
        if found_threshold is not None:
            return self._threshold(table, found_threshold)
        found_merge = steps.merge(table, self.ledger, self.max_bound)
        if found_merge is not None:
            return self._merge(table, found_merge)
        return self._split(table, steps.split(table, self.ledger))

    def _threshold(self, table: Table, found: steps.Threshold) -> Part:
        low, high = (True, False) if found.negated else (False, True)
        count = table.width
        story = (f"True when at least {found.least} of the {count} inputs {', '.join(table.variables)} are set. "
                 f"The output depends only on how many inputs are set on all {_rows(len(table.rows))} it covers: "
                 f"{high} with {found.above} or more set, {low} with {found.below} or fewer"
                 + ("" if found.above - found.below == 1 else
                    f"; the threshold is taken halfway, as no row has between {found.below} and {found.above} set") + ".")
        name = self.parts.at_least(found.least, table.variables, story)
        self.found[table] = (f"true when {'fewer than' if found.negated else 'at least'} {found.least} of its "
                             f"{count} inputs are set")
        self._decide("threshold", table, name, story)
        call = Call(name, tuple(Name(v) for v in table.variables))
        return self.parts.negate(call) if found.negated else call

    def _parity(self, table: Table, found: steps.Parity) -> Part:
        flips = ", ".join(f"{v}: {pairs}" for v, pairs in zip(found.peeled, found.pairs))
        story = (f"True when an odd number of {', '.join(found.peeled)} are set: flipping any one of them flips "
                 f"the output on every training row pair that shows it ({flips} pairs).")
        odd = self.parts.odd(found.peeled, story)
        rest = self.part(found.residue)
        made = odd.function if isinstance(odd, Call) else odd.id if isinstance(odd, Name) else "inline"
        self._decide("parity", table, made, f"{story} What is left is over "
                     f"{', '.join(found.residue.variables) or 'no input'} ({_rows(len(found.residue.rows))}).")
        what = f"number of {', '.join(found.peeled)} are set"
        if isinstance(rest, bool):
            self.found[table] = f"true when an {'even' if rest else 'odd'} {what}"
            return self.parts.negate(odd) if rest else odd
        self.found[table] = f"the rest of its inputs, flipped when an odd {what}"
        return self._named(self.parts.xor(rest, odd), f"flips_with_{'_'.join(found.peeled)}", table,
                           f"The output flips with {', '.join(found.peeled)} (pairs: {flips}); the rest decides it "
                           f"when they are all clear.")

    def _selection(self, table: Table, found: steps.Selection) -> Part:
        settings = ", ".join(f"{leaf} at {' '.join(found.selectors) + ' = ' if not s else ''}"
                             f"{''.join(str(int(bit)) for bit in assignment(s, len(found.selectors)))}"
                             for s, leaf in enumerate(found.leaves))
        counts = (f"{found.rows[0]} rows each" if len(set(found.rows)) == 1 else
                  "rows " + ", ".join(str(rows) for rows in found.rows))
        ties = sum(1 for rivals in found.rivals if rivals)
        story = (f"{', '.join(found.selectors)} select which input passes, on all {_rows(len(table.rows))}: "
                 f"{settings} ({counts})."
                 + (f" At {ties} setting{'s' if ties > 1 else ''} another input fits as well; the first is taken."
                    if ties else ""))
        expr = self.parts.select(found, story)
        assert isinstance(expr, Call)
        self.found[table] = (f"the input that {', '.join(found.selectors)} select among "
                             f"{', '.join(dict.fromkeys(found.leaves))}")
        self._decide("selection", table, expr.function, story)
        return expr

    def _merge(self, table: Table, found: steps.Merge) -> Part:
        variable = found.outer.variables[0]
        ones = ", ".join(_setting(found.bound, s) for s in found.ones)
        story = (f"{', '.join(found.bound)} act on the output only through this one bit: their "
                 f"{1 << len(found.bound)} settings fall into two classes ({ones}, against the rest) with no "
                 f"disagreement inside a class on the {_rows(len(table.rows))}, and {found.conflicts} pairs of "
                 f"settings that disagree somewhere.")
        inner = self._named(self.part(found.inner), f"combine_{variable}", found.inner, story)
        outer = self.part(found.outer)
        self.found[table] = f"a function of the other inputs and one bit of {', '.join(found.bound)}"
        self._decide("merge", table, inner.function if isinstance(inner, Call) else "inline", story)
        if isinstance(outer, bool) or isinstance(inner, bool):
            return outer
        if _uses(outer, variable) == 1:
            return _substitute(outer, variable, inner)
        params = found.outer.variables
        name = self.parts.returning(f"using_{variable}", params, outer,
                                    f"The output given the one bit {variable} that {', '.join(found.bound)} "
                                    f"act through, and the other inputs.")
        return Call(name, (inner,) + tuple(Name(v) for v in params[1:]))

    def _split(self, table: Table, found: steps.Split) -> Part:
        made = []
        for side, cofactor in (("set", found.when_set), ("clear", found.when_clear)):
            story = (f"The output on the {_rows(len(cofactor.rows))} with {found.variable} {side}: {found.variable} "
                     f"is the most informative input of the {_rows(len(table.rows))} over "
                     f"{', '.join(table.variables)} (information gain {found.gain:.3f} bits).")
            made.append(self._named(self.part(cofactor), f"when_{found.variable}_{side}", cofactor, story))
        self.found[table] = f"one function of the other inputs when {found.variable} is set, another when clear"
        self._decide("split", table, ", ".join(m.function for m in made if isinstance(m, Call)) or "inline",
                     f"{found.variable} has the largest information gain, {found.gain:.3f} bits, on the "
                     f"{_rows(len(table.rows))}")
        chosen = self.parts.choose(Name(found.variable), made[0], made[1])
        return chosen
