"""The Boolean family's ``design-auto``: functional decomposition of the training table alone.

The generator reads only the spec's brief (:func:`sva.core.brief.brief_of`: signature, primitive
set, labelled training rows; never the oracle, the kind or the description; the name only to
name the artifact). For each output it builds a :class:`~.auto_table.Table` of the training
rows and decomposes it (:mod:`.auto_design`) by the first structure test that holds
(:mod:`.auto_steps`): some inputs selecting which other passes, XOR with an input, dropping
unneeded inputs, a threshold on the count of set inputs, a bound set acting through one bit
(Ashenhurst-Curtis), else a Shannon split on the most informative input. Each structure becomes
a named part (:mod:`.auto_parts`) with a story quoting its evidence and a contract; the entry
composes them over the spec's primitives, and a part two outputs share is written once.

Rows the training table leaves unknown (half of the table for the ``-half`` specs, for parity-6
and mux-11) are filled by the structures found: the simplest consistent with the rows, in the
order above. That is where design-auto can be wrong; it is judged, as search is, on the held-out
rows.

The manifest's ``search`` block records the cost and every decision: ``evaluations`` is the
number of candidate structures tried (each tested against the rows that reach it), ``details``
holds ``rows_examined`` (table rows read by those tests), ``training_errors``, the number of
``unknown_rows`` and ``decisions`` (step, inputs, rows, the part made, the evidence). There is no
timing, so the manifest, like the module and its tests, is the same on every run. The seed is
recorded and changes nothing.

Worked example, ``parity-4`` (16 rows): no input can be dropped; the output is not a threshold;
it flips with ``x0`` on all 8 pairs of rows differing in ``x0`` alone, then (the rest merged)
with ``x1``, ``x2``, ``x3``; what is left is always True, so the entry is ``not
odd_ones_4(x0, x1, x2, x3)`` and ``odd_ones_4`` the XOR chain, contract ``(x0 + x1 + x2 + x3) %
2 == 1``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

from sva.core.artifact import Artifact, SearchRecord
from sva.core.brief import Brief, brief_of
from sva.core.emitter import emit_program, emit_tests
from sva.core.program import Apply, Bind, Contract, Expr, Name, Program, Return, TupleOf
from sva.core.rng import check_seed
from sva.core.settings import integer, merge_config
from sva.core.spec import Spec
from sva.errors import InputError
from sva.families.boolean.auto_design import Designer, Part
from sva.families.boolean.auto_parts import index_text
from sva.families.boolean.auto_table import Table, assignment
from sva.families.boolean.primitives import PRIMITIVES

GENERATOR = "design-auto"


def default_config(spec: Spec) -> dict[str, Any]:
    """How many selector inputs and bound inputs the structure tests try, and how many examples
    each contract test draws."""
    return {"max_selectors": 3, "max_bound": 3, "contract_examples": 64}


def output_tables(brief: Brief) -> list[Table]:
    """One table per output of the brief's training rows."""
    count = len(brief.outputs)
    tables = []
    for output in range(count):
        table = Table.of(brief.params, ((tuple(case), bool(target if count == 1 else target[output]))
                                        for case, target in brief.training))
        if table is None:
            raise InputError(f"spec {brief.name}: two training rows with the same inputs disagree on output "
                             f"{brief.outputs[output]}")
        tables.append(table)
    return tables


def _written(part: Part, params: tuple[str, ...]) -> Expr:
    """A part as an expression; a constant becomes ``x OR NOT x`` (or ``x AND NOT x``)."""
    if not isinstance(part, bool):
        return part
    first = Name(params[0])
    return Apply("OR" if part else "AND", (first, Apply("NOT", (first,))))


def _entry_story(brief: Brief, designer: Designer, tables: list[Table]) -> str:
    rows, total = len(brief.training), 1 << brief.arity
    found = [designer.found.get(table, "") for table in tables]
    what = (f"the output is {found[0]}" if len(tables) == 1 else
            "; ".join(f"{name} is {phrase}" for name, phrase in zip(brief.outputs, found)))
    fill = (f" The other {total - rows} rows of the {total}-row table are filled by the structures found."
            if rows < total else " The training rows are the whole table.")
    return f"Built from the {rows} training rows alone: {what}.{fill}"


def _entry(brief: Brief, designer: Designer, tables: list[Table]) -> None:
    parts = [_written(designer.part(table), brief.params) for table in tables]
    story = _entry_story(brief, designer, tables)
    if len(parts) == 1:
        body: tuple = (Return(parts[0]),)
    else:
        taken = set(brief.params) | set(designer.parts.functions)
        targets = [name if name not in taken else f"{name}_out" for name in brief.outputs]
        body = tuple(Bind(target, part) for target, part in zip(targets, parts)) + (
            Return(TupleOf(tuple(Name(target) for target in targets))),)
    name = designer.parts.define(brief.entry, brief.params, body, story, None)
    if name != brief.entry:
        raise ValueError(f"spec {brief.name}: a part is already called {brief.entry}, the entry's name")
    masks = [sum(1 << row for row in range(1 << brief.arity)
                 if _bit(designer.parts.call(name, assignment(row, brief.arity)), output, len(tables)))
             for output in range(len(tables))]
    index = index_text(brief.params)
    expected = (f"bool({masks[0]:#x} >> ({index}) & 1)" if len(masks) == 1 else
                f"tuple(bool(mask >> ({index}) & 1) for mask in ({', '.join(f'{m:#x}' for m in masks)}))")
    designer.parts.functions[name] = replace(designer.parts.functions[name], contract=Contract(
        expected, "the truth table the design was built to: the training rows, and elsewhere the structures found"))


def _bit(value: Any, output: int, count: int) -> bool:
    return bool(value if count == 1 else value[output])


def design(brief: Brief, max_selectors: int, max_bound: int) -> tuple[Program, Designer]:
    """The program design-auto builds from ``brief``, and the designer (its ledger and decisions)."""
    designer = Designer(brief.primitives, max_selectors, max_bound)
    tables = output_tables(brief)
    _entry(brief, designer, tables)
    phrases = "; ".join(dict.fromkeys(designer.found.get(table, "") for table in tables))
    docstring = (f"{brief.name} designed automatically from its training table alone "
                 f"({len(brief.training)} rows): {phrases}.")
    return Program(docstring, tuple(designer.parts.functions.values()), brief.entry), designer


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The design-auto artifact for ``spec``: module, contract tests and the record of its making."""
    seed = check_seed(seed)
    resolved = merge_config(default_config(spec), config)
    brief = brief_of(spec)
    program, designer = design(brief, integer(resolved, "max_selectors", 1), integer(resolved, "max_bound", 2))
    errors = sum(designer.parts.call(brief.entry, tuple(case)) != target for case, target in brief.training)
    parameters = sorted({param for function in program.functions for param in function.params})
    tests = emit_tests(program, f"seed-{seed}.py", {param: "st.booleans()" for param in parameters},
                       max_examples=integer(resolved, "contract_examples", 1))
    details = {"training_cases": len(brief.training), "unknown_rows": (1 << brief.arity) - len(brief.training),
               "rows_examined": designer.ledger.rows_examined, "candidates_tried": designer.ledger.candidates_tried,
               "training_errors": errors, "parts": [function.name for function in program.functions],
               "decisions": [decision.to_json() for decision in designer.decisions]}
    record = SearchRecord(success=errors == 0, evaluations=designer.ledger.candidates_tried, details=details)
    return Artifact(spec=brief.name, generator=GENERATOR, seed=seed, entry=brief.entry,
                    source=emit_program(program, PRIMITIVES), config=resolved, search=record, tests_source=tests)
