"""The training table as design-auto reads it: a partial Boolean function and the counts of its use.

A :class:`Table` holds the ``variables`` a (sub-)function is over and its known ``rows``: an
input assignment (one bool per variable) and the output there. The rows of the whole table are
the brief's training cases with their labels (one table per output of a multi-output spec); a
sub-table is what a decomposition step leaves over fewer variables. A row not in ``rows`` is
unknown: the designer fills it by the structure it finds (:mod:`.auto_steps`).

Row ``r`` of a table over ``n`` variables sets variable ``i`` to bit ``i`` of ``r``, as the
family's truth tables do (:func:`sva.families.boolean.specs.row_index`), so rows are kept sorted
by that index and every operation below is deterministic whatever PYTHONHASHSEED is.

The operations, each counted in a :class:`Ledger` (rows examined, candidates tried):

- ``project(drop)``: the table without the variables at positions ``drop``; ``None`` when two
  rows that then share an input disagree (the function does depend on them);
- ``cofactor(i, v)``: the rows with variable ``i`` equal to ``v``, over the other variables;
- ``flip_pairs(i)``: the outputs of every pair of known rows that differ only in variable ``i``;
- ``information_gain(i)``: ``H(f) - sum_v p(x_i = v) H(f | x_i = v)`` in bits, over the rows.

Worked example: ``f = x0 AND x1`` known on rows 0, 1, 3 (``(F, F) -> F``, ``(T, F) -> F``,
``(T, T) -> T``). ``flip_pairs(1)`` is ``[(F, T)]`` (rows 1 and 3); ``project({1})`` is ``None``
(rows 1 and 3 both become ``(T,)`` with outputs F and T); ``information_gain(0)`` is
``H(1/3) - 2/3 * H(1/2) = 0.918 - 0.667 = 0.252`` bits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

Row = tuple[tuple[bool, ...], bool]


@dataclass
class Ledger:
    """What the designer spent: truth-table rows examined and candidate structures tried. It is
    the one mutable record of a design run, passed explicitly (never global)."""

    rows_examined: int = 0
    candidates_tried: int = 0

    def examine(self, rows: int, candidates: int = 0) -> None:
        self.rows_examined += rows
        self.candidates_tried += candidates


def index_of(inputs: tuple[bool, ...]) -> int:
    """The row number of an input assignment (variable ``i`` is bit ``i``)."""
    return sum(1 << bit for bit, value in enumerate(inputs) if value)


def assignment(index: int, width: int) -> tuple[bool, ...]:
    """The input assignment of row ``index`` over ``width`` variables."""
    return tuple(bool(index >> bit & 1) for bit in range(width))


def entropy(trues: int, total: int) -> float:
    """Binary entropy in bits of ``trues`` true outputs among ``total``."""
    if total == 0 or trues in (0, total):
        return 0.0
    share = trues / total
    return -(share * math.log2(share) + (1 - share) * math.log2(1 - share))


@dataclass(frozen=True)
class Table:
    """A partial Boolean function: ``variables`` and the known ``rows``, sorted by row number."""

    variables: tuple[str, ...]
    rows: tuple[Row, ...]

    @classmethod
    def of(cls, variables: tuple[str, ...], rows: Iterable[Row]) -> "Table | None":
        """The table of ``rows`` (duplicates merged); ``None`` when two rows share an input and disagree."""
        known: dict[tuple[bool, ...], bool] = {}
        for inputs, output in rows:
            if known.setdefault(inputs, output) != output:
                return None
        return cls(variables, tuple(sorted(known.items(), key=lambda row: index_of(row[0]))))

    @property
    def width(self) -> int:
        return len(self.variables)

    @property
    def outputs(self) -> frozenset[bool]:
        """The output values the known rows take."""
        return frozenset(output for _, output in self.rows)

    def lookup(self) -> dict[tuple[bool, ...], bool]:
        return dict(self.rows)

    def project(self, drop: Iterable[int], ledger: Ledger) -> "Table | None":
        """The table without the variables at positions ``drop`` (``None``: it depends on them)."""
        gone = set(drop)
        keep = [position for position in range(self.width) if position not in gone]
        ledger.examine(len(self.rows))
        return Table.of(tuple(self.variables[p] for p in keep),
                        ((tuple(inputs[p] for p in keep), output) for inputs, output in self.rows))

    def cofactor(self, position: int, value: bool, ledger: Ledger) -> "Table":
        """The rows with variable ``position`` equal to ``value``, over the other variables."""
        ledger.examine(len(self.rows))
        rest = self.variables[:position] + self.variables[position + 1:]
        return Table(rest, tuple((inputs[:position] + inputs[position + 1:], output)
                                 for inputs, output in self.rows if inputs[position] == value))

    def flip_pairs(self, position: int, ledger: Ledger) -> list[tuple[bool, bool]]:
        """(output with the variable clear, output with it set) for every pair of known rows
        that differ only in variable ``position``."""
        ledger.examine(len(self.rows))
        known = self.lookup()
        pairs = []
        for inputs, output in self.rows:
            if not inputs[position]:
                partner = inputs[:position] + (True,) + inputs[position + 1:]
                if partner in known:
                    pairs.append((output, known[partner]))
        return pairs

    def information_gain(self, position: int, ledger: Ledger) -> float:
        """Entropy of the outputs minus their expected entropy once variable ``position`` is known."""
        ledger.examine(len(self.rows), 1)
        total = len(self.rows)
        trues = sum(output for _, output in self.rows)
        remaining = 0.0
        for value in (False, True):
            side = [output for inputs, output in self.rows if inputs[position] == value]
            remaining += len(side) / total * entropy(sum(side), len(side))
        return entropy(trues, total) - remaining

    def weight_classes(self) -> dict[int, frozenset[bool]]:
        """For each number of set inputs among the known rows, the outputs rows with it take."""
        found: dict[int, set[bool]] = {}
        for inputs, output in self.rows:
            found.setdefault(sum(inputs), set()).add(output)
        return {weight: frozenset(values) for weight, values in sorted(found.items())}
