"""The structure tests of design-auto: each reads a training table and says what it found, or None.

Every test below is run on a :class:`~.auto_table.Table` (a partial function: the known rows
only) and accepts a structure only when every known row agrees with it; the unknown rows are then
whatever that structure says (the fill rule: the simplest structure consistent with the rows).
The designer (:mod:`.auto_design`) tries them in this order, the first that holds wins (a
constant table and a one-input table are settled before any of them):

1. ``selection``: ``k`` inputs (``k = 1 .. max_selectors``, fewest first, then in input order)
   select which other input passes: for each setting of them, the output equals one other input
   on every known row with that setting (at least two such rows per setting, at least two
   different inputs passed). (Fill: the selected input passes on unknown rows.)
2. ``parity``: ``f = g XOR x_i`` when every pair of known rows that differs only in ``x_i`` has
   different outputs (at least one such pair); then ``g`` is the rows with ``x_i`` set flipped
   and merged with the others, and the test repeats on ``g``. (Fill: the flip holds everywhere.)
3. ``support``: drop every input the rows do not need. Inputs are tried from the least
   informative up; one is dropped when the rows, with it removed, still never disagree on the
   same input. (Fill: an input with no evidence of mattering does not matter.)
4. ``threshold``: the output depends only on the number ``w`` of set inputs, as ``w >= t`` (or
   its negation). Every consistent ``t`` lies between the heaviest row below and the lightest
   row above; the one halfway (rounded up) is taken. (Fill: the threshold with the widest margin.)
5. ``merge`` (Ashenhurst-Curtis): a bound set ``B`` of 2 to ``max_bound`` inputs acts only
   through one bit: the columns of the table (one per setting of ``B``, a column being the
   outputs over the free inputs) fall into two classes of mutually consistent columns, so
   ``f = F(g(B), free)`` (column multiplicity 2). Columns are 2-coloured through their conflicts
   (two columns conflict when they disagree on a known row); a column with no known row, or none
   in conflict, joins the first class it agrees with. (Fill: unknown columns behave as their
   class.)
6. ``split`` (Shannon): ``f = IF(x, f1, f0)`` on the most informative input (information gain on
   the known rows; ties to the earliest input). Always applies to a table of two or more inputs.

Selection and parity come before support because they can use an input that the known rows
never show mattering on its own (a data bit whose address is rare in the rows), which support
would drop.

Worked example, ``mux-6`` (address ``a0, a1``, data ``d0..d3``, all 64 rows): no single input
is a selector (for each, one of its settings has rows on which no other input equals the
output); among pairs, ``(a0, a1)`` is the first for which every setting passes one data input on
all 16 of its rows: ``d0, d1, d2, d3`` for settings 0..3. Seven candidates, 448 rows read.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from sva.families.boolean.auto_table import Ledger, Table, assignment, index_of


@dataclass(frozen=True)
class Support:
    """The table over the inputs it needs; ``dropped`` the inputs it did not."""

    kept: Table
    dropped: tuple[str, ...]


@dataclass(frozen=True)
class Threshold:
    """``f = (number of set inputs >= least)``, negated when ``negated``; ``below`` is the largest
    number of set inputs among the known rows under the threshold, ``above`` the smallest over it."""

    least: int
    negated: bool
    below: int
    above: int


@dataclass(frozen=True)
class Parity:
    """``f = residue XOR peeled[0] XOR peeled[1] ...``; ``pairs[i]`` row pairs showed each flip."""

    peeled: tuple[str, ...]
    pairs: tuple[int, ...]
    residue: Table


@dataclass(frozen=True)
class Selection:
    """Setting ``s`` of the ``selectors`` (row number, first selector least significant) passes
    input ``leaves[s]``, seen on ``rows[s]`` known rows; ``rivals[s]`` other inputs fit as well."""

    selectors: tuple[str, ...]
    leaves: tuple[str, ...]
    rows: tuple[int, ...]
    rivals: tuple[int, ...]


@dataclass(frozen=True)
class Merge:
    """``f = outer(g(bound), free)`` with ``g`` = ``inner``: ``ones`` are the settings of the
    bound inputs (row numbers) in the class ``g`` maps to True; ``conflicts`` the column pairs
    that told the classes apart."""

    bound: tuple[str, ...]
    ones: tuple[int, ...]
    conflicts: int
    inner: Table
    outer: Table


@dataclass(frozen=True)
class Split:
    """``f = IF(variable, when_set, when_clear)``, the variable with information ``gain`` bits."""

    variable: str
    gain: float
    when_set: Table
    when_clear: Table


def support(table: Table, ledger: Ledger) -> Support:
    """Drop, least informative first, every input the known rows do not need."""
    gains = [(table.information_gain(position, ledger), position) for position in range(table.width)]
    dropped: list[int] = []
    for _, position in sorted(gains):
        ledger.examine(0, 1)
        if table.width - len(dropped) > 1 and table.project(dropped + [position], ledger) is not None:
            dropped.append(position)
    kept = table.project(dropped, ledger) if dropped else table
    assert kept is not None  # the last projection accepted was consistent
    return Support(kept, tuple(table.variables[position] for position in sorted(dropped)))


def threshold(table: Table, ledger: Ledger) -> Threshold | None:
    """The threshold on the number of set inputs that every known row agrees with, if any."""
    ledger.examine(len(table.rows), 1)
    classes = table.weight_classes()
    if any(len(values) > 1 for values in classes.values()):
        return None
    trues = [weight for weight, values in classes.items() if True in values]
    falses = [weight for weight, values in classes.items() if False in values]
    if not trues or not falses:
        return None
    if max(falses) < min(trues):
        return Threshold((max(falses) + min(trues) + 1) // 2, False, max(falses), min(trues))
    if max(trues) < min(falses):
        return Threshold((max(trues) + min(falses) + 1) // 2, True, max(trues), min(falses))
    return None


def _peel(table: Table, position: int, ledger: Ledger) -> tuple[int, Table] | None:
    """(pairs seen, residue) when the output flips with input ``position`` on every known pair."""
    ledger.examine(0, 1)
    pairs = table.flip_pairs(position, ledger)
    if not pairs or any(clear == set_ for clear, set_ in pairs):
        return None
    rest = table.variables[:position] + table.variables[position + 1:]
    residue = Table.of(rest, ((inputs[:position] + inputs[position + 1:], output != inputs[position])
                              for inputs, output in table.rows))
    return None if residue is None else (len(pairs), residue)


def parity(table: Table, ledger: Ledger) -> Parity | None:
    """Every input the output flips with, peeled one at a time from the first, and what is left."""
    peeled: list[str] = []
    pairs: list[int] = []
    position = 0
    while position < table.width:
        found = _peel(table, position, ledger)
        if found is None:
            position += 1
            continue
        peeled.append(table.variables[position])
        pairs.append(found[0])
        table = found[1]
    return Parity(tuple(peeled), tuple(pairs), table) if peeled else None


def _passed(table: Table, selectors: tuple[int, ...], ledger: Ledger) -> Selection | None:
    ledger.examine(len(table.rows), 1)
    others = [position for position in range(table.width) if position not in selectors]
    leaves, rows, rivals = [], [], []
    for setting in range(1 << len(selectors)):
        wanted = assignment(setting, len(selectors))
        block = [(inputs, output) for inputs, output in table.rows
                 if tuple(inputs[p] for p in selectors) == wanted]
        fits = [p for p in others if all(inputs[p] == output for inputs, output in block)]
        if len(block) < 2 or not fits:
            return None
        leaves.append(table.variables[fits[0]])
        rows.append(len(block))
        rivals.append(len(fits) - 1)
    if len(set(leaves)) < 2:
        return None
    return Selection(tuple(table.variables[p] for p in selectors), tuple(leaves), tuple(rows), tuple(rivals))


def selection(table: Table, ledger: Ledger, max_selectors: int) -> Selection | None:
    """The first set of selector inputs (fewest first, then in input order) that passes inputs."""
    for count in range(1, min(max_selectors, table.width - 2) + 1):
        for selectors in combinations(range(table.width), count):
            found = _passed(table, selectors, ledger)
            if found is not None:
                return found
    return None


def _columns(table: Table, bound: tuple[int, ...]) -> list[dict[tuple[bool, ...], bool]]:
    free = [p for p in range(table.width) if p not in bound]
    columns: list[dict[tuple[bool, ...], bool]] = [{} for _ in range(1 << len(bound))]
    for inputs, output in table.rows:
        columns[index_of(tuple(inputs[p] for p in bound))][tuple(inputs[p] for p in free)] = output
    return columns


def _agree(column: dict, other: dict) -> bool:
    return all(other.get(key, value) == value for key, value in column.items())


def _component(start: int, conflicts: list[list[int]]) -> dict[int, int] | None:
    """The columns reachable from ``start`` through conflicts, each with its class relative to
    ``start``'s (breadth first, in column order); None when a conflict joins two of one class."""
    queue, relative = [start], {start: 0}
    while queue:
        column = queue.pop(0)
        for other in conflicts[column]:
            if other not in relative:
                relative[other] = 1 - relative[column]
                queue.append(other)
            elif relative[other] == relative[column]:
                return None
    return relative


def _two_classes(columns: list[dict]) -> tuple[list[int], int] | None:
    """A class (0 or 1) per column, no two conflicting columns alike; None if impossible or if
    no two columns conflict (the bound inputs would not matter). Also the number of conflicts.
    Each group of columns joined by conflicts is oriented to agree with the classes so far."""
    conflicts = [[other for other in range(len(columns)) if other != column
                  and not _agree(columns[column], columns[other])] for column in range(len(columns))]
    edges = sum(len(found) for found in conflicts) // 2
    colour: dict[int, int] = {}
    merged: list[dict] = [{}, {}]
    for start in range(len(columns)):
        if start in colour:
            continue
        relative = _component(start, conflicts)
        if relative is None:
            return None
        flip = next((flip for flip in (0, 1)
                     if all(_agree(columns[c], merged[side ^ flip]) for c, side in relative.items())), None)
        if flip is None:
            return None
        for column, side in relative.items():
            colour[column] = side ^ flip
            merged[side ^ flip].update(columns[column])
    return ([colour[c] for c in range(len(columns))], edges) if edges else None


def _merge(table: Table, bound: tuple[int, ...], ledger: Ledger) -> Merge | None:
    ledger.examine(len(table.rows), 1)
    classes = _two_classes(_columns(table, bound))
    if classes is None:
        return None
    colour, conflicts = classes
    names = tuple(table.variables[p] for p in bound)
    free = [p for p in range(table.width) if p not in bound]
    inner = Table(names, tuple((assignment(setting, len(bound)), bool(colour[setting]))
                               for setting in range(len(colour))))
    rows = (((bool(colour[index_of(tuple(inputs[p] for p in bound))]),) + tuple(inputs[p] for p in free), output)
            for inputs, output in table.rows)
    outer = Table.of(("_".join(names),) + tuple(table.variables[p] for p in free), rows)
    assert outer is not None  # the classes hold no conflicting columns
    return Merge(names, tuple(s for s in range(len(colour)) if colour[s]), conflicts, inner, outer)


def merge(table: Table, ledger: Ledger, max_bound: int) -> Merge | None:
    """The first bound set (smallest first, then in input order) whose columns fall into two classes."""
    for count in range(2, min(max_bound, table.width - 1) + 1):
        for bound in combinations(range(table.width), count):
            found = _merge(table, bound, ledger)
            if found is not None:
                return found
    return None


def split(table: Table, ledger: Ledger) -> Split:
    """The Shannon expansion on the most informative input (ties: the earliest)."""
    gains = [(table.information_gain(position, ledger), -position) for position in range(table.width)]
    gain, negative = max(gains)
    position = -negative
    return Split(table.variables[position], gain, table.cofactor(position, True, ledger),
                 table.cofactor(position, False, ledger))
