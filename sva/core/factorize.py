"""Post-hoc factorization: mechanical steps that keep behaviour, each checked on the spec's domain.

The ``factorized`` generator and ``sva factorize`` take a program (read statically from a search
artifact's source by :mod:`sva.core.reconstruct`) and apply, in order:

1. **intron removal** (:func:`remove_introns`): a compound sub-expression is replaced by one of
   its children, or by a constant when it takes one value on every input of the check;
2. **simplification**: the family's own (Boolean minimisation, sympy ``simplify``, redundant
   comparators), given as :attr:`Plan.simplify`;
3. **naming** (:func:`extract_helpers`, :func:`bind_common`): a shape repeated with different
   leaves becomes a helper ``helper_<k>``; a sub-expression repeated within a function is bound
   once to ``shared_<k>``. A helper or binding is made only when the program does not grow;
4. **stories**: none. Names are mechanical and no docstring is invented.

Every step's result is compared with the *original* program's outputs on the :class:`DomainCheck`
(exhaustive where the domain is finite, otherwise the stated sample) before the next step; a
step whose result differs is not applied and its :class:`Step` says so. Comparing with the
original, not the previous step, keeps a tolerance (Feynman) from accumulating.

The check runs OUR reconstruction: the program IR, made only of the family's primitives, is
written by the one emitter and compiled here, as a search evaluates its own candidate trees. The
file the IR was read from is never run. Size is counted on the IR (:func:`size`): one per
expression node, one per statement, one per function and per parameter; worked example:
``def f(a, b): return a and b`` has size 1 + 2 + 1 + 3 = 7.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping, Sequence

from sva.core.program import (Apply, Constant, Expr, Program, Return, TupleOf)
from sva.core.spec import Case, exact

__all__ = ["DomainCheck", "Evidence", "Plan", "Step", "Unchanged", "bind_common", "extract_helpers",
           "factorize_program", "remove_introns", "size"]


class Unchanged(Exception):
    """A step that cannot apply to this program; the message says why (recorded, not raised on)."""


@dataclass(frozen=True)
class Evidence:
    """What a step's equivalence rests on: how many inputs, and whether they are the whole domain."""

    inputs: int
    exhaustive: bool
    description: str

    def record(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "exhaustive": self.exhaustive, "description": self.description}


@dataclass(frozen=True)
class DomainCheck:
    """The inputs every step is checked on and how two outputs are compared (the spec's ``equal``)."""

    cases: tuple[Case, ...]
    exhaustive: bool
    description: str
    equal: Callable[[Any, Any], bool] = exact

    @property
    def evidence(self) -> Evidence:
        return Evidence(len(self.cases), self.exhaustive, self.description)


@dataclass(frozen=True)
class Plan:
    """What a family does at each step: its domain check, its simplification (``None``: none,
    with ``simplify_how`` saying why), and whether intron removal applies (``introns`` is the
    reason it does not, or ``None``)."""

    check: DomainCheck
    #: the simplified program, or (program, how many changes); raises Unchanged when it cannot
    simplify: Callable[[Program], Any] | None
    simplify_how: str
    introns: str | None = None
    naming: str | None = None


@dataclass(frozen=True)
class Step:
    """One step as the manifest records it."""

    name: str
    applied: bool
    size_before: int
    size_after: int
    changes: int
    note: str
    evidence: Evidence | None

    def record(self) -> dict[str, Any]:
        return {"step": self.name, "applied": self.applied, "size_before": self.size_before,
                "size_after": self.size_after, "changes": self.changes, "note": self.note,
                "evidence": None if self.evidence is None else self.evidence.record()}


# -- the IR as trees ----------------------------------------------------------------------------


from sva.core.factorize_tree import (_map_function, _put, _statement_exprs, _subtrees, _with_exprs, size)
from sva.core.factorize_naming import bind_common, extract_helpers


# -- behaviour ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Raised:
    """An output that is an exception: two programs agree on it when they raise the same type."""

    kind: str


class Behaviour:
    """Runs programs of one family on the check's inputs: each program emitted by the one emitter
    and compiled in a fresh namespace (our IR of known primitives, never the file's text)."""

    def __init__(self, primitives: Mapping[str, Any], check: DomainCheck) -> None:
        self.primitives = primitives
        self.check = check

    def entry(self, program: Program) -> Callable[..., Any]:
        from sva.core.emitter import emit_program

        namespace: dict[str, Any] = {"__name__": "factorized_candidate"}
        exec(compile(emit_program(program, self.primitives), "<factorized>", "exec"), namespace)  # noqa: S102
        return namespace[program.entry]

    def outputs(self, program: Program) -> list[Any]:
        entry = self.entry(program)
        found = []
        for case in self.check.cases:
            try:
                found.append(entry(*copy.deepcopy(case)))
            except Exception as error:  # an output of the program, compared like any other
                found.append(_Raised(type(error).__name__))
        return found

    def agrees(self, program: Program, reference: Sequence[Any]) -> bool:
        try:
            got = self.outputs(program)
        except (ValueError, SyntaxError, RecursionError):  # not emittable: not equivalent
            return False
        return all(self._same(g, w) for g, w in zip(got, reference))

    def _same(self, got: Any, want: Any) -> bool:
        if isinstance(got, _Raised) or isinstance(want, _Raised):
            return got == want
        try:
            return bool(self.check.equal(got, want))
        except (TypeError, ValueError):
            return False


def _constant_value(values: Sequence[Any]) -> Constant | None:
    first = values[0] if values else None
    if isinstance(first, _Raised) or not isinstance(first, (bool, int, float, str)):
        return None
    if isinstance(first, float) and not math.isfinite(first):
        return None
    if all(type(value) is type(first) and value == first for value in values):
        return Constant(first)
    return None


# -- step 1: introns ----------------------------------------------------------------------------


def remove_introns(program: Program, behaviour: Behaviour, reference: Sequence[Any]) -> tuple[Program, int]:
    """Top-down over every compound sub-expression: replace it by the first of its children, or
    by the constant it always takes, that leaves every output unchanged. Returns the program and
    how many replacements were made."""
    changes = 0
    for f_index in range(len(program.functions)):
        s_index = 0
        while s_index < len(program.functions[f_index].body):
            e_index = 0
            while e_index < len(_statement_exprs(program.functions[f_index].body[s_index])):
                program, made = _introns_in(program, f_index, s_index, e_index, behaviour, reference)
                changes += made
                e_index += 1
            s_index += 1
    return program, changes


def _introns_in(program: Program, f_index: int, s_index: int, e_index: int, behaviour: Behaviour,
                reference: Sequence[Any]) -> tuple[Program, int]:
    changes, position = 0, 0
    while True:
        function = program.functions[f_index]
        statement = function.body[s_index]
        exprs = _statement_exprs(statement)
        applications = [(path, node) for path, node in _subtrees(exprs[e_index])
                        if isinstance(node, Apply) and node.args]
        if position >= len(applications):
            return program, changes
        path, node = applications[position]

        def trial(new: Expr) -> Program:
            new_exprs = list(exprs)
            new_exprs[e_index] = _put(exprs[e_index], path, new)
            body = list(function.body)
            body[s_index] = _with_exprs(statement, tuple(new_exprs))
            return _map_function(program, f_index, replace(function, body=tuple(body)))

        candidates = list(dict.fromkeys(child for child in node.args if not isinstance(child, TupleOf)))
        if program.functions[f_index].name == program.entry:
            probe = replace(function, body=function.body[:s_index] + (Return(node),))
            try:
                folded = _constant_value(behaviour.outputs(_map_function(program, f_index, probe)))
            except (ValueError, SyntaxError, RecursionError):
                folded = None
            if folded is not None:
                candidates.insert(0, folded)
        for candidate in candidates:
            attempt = trial(candidate)
            if behaviour.agrees(attempt, reference):
                program, changes = attempt, changes + 1
                break
        else:
            position += 1


def factorize_program(program: Program, primitives: Mapping[str, Any], plan: Plan,
                      implicit: frozenset[str] = frozenset()) -> tuple[Program, tuple[Step, ...]]:
    """Apply the four steps to ``program``, each checked against the original's outputs on
    ``plan.check``; the factorized program and one :class:`Step` per step, in order."""
    behaviour = Behaviour(primitives, plan.check)
    reference = behaviour.outputs(program)
    evidence = plan.check.evidence
    steps: list[Step] = []

    def attempt(name: str, skip: str | None, run: Callable[[Program], tuple[Program, int]], note: str) -> None:
        nonlocal program
        before = size(program)
        if skip is not None:
            steps.append(Step(name, False, before, before, 0, skip, None))
            return
        try:
            candidate, changes = run(program)
        except Unchanged as reason:
            steps.append(Step(name, False, before, before, 0, str(reason), None))
            return
        if changes and not behaviour.agrees(candidate, reference):
            steps.append(Step(name, False, before, before, 0,
                              f"not applied: the result differs from the search artifact on the check", evidence))
            return
        program = candidate
        steps.append(Step(name, bool(changes), before, size(program), changes,
                          note if changes else f"nothing to change ({note})", evidence))

    attempt("intron_removal", plan.introns, lambda p: remove_introns(p, behaviour, reference),
            "sub-expressions replaced by a child or by the constant they always take")

    def simplify(current: Program) -> tuple[Program, int]:
        assert plan.simplify is not None
        simpler = plan.simplify(current)
        simpler, changes = simpler if isinstance(simpler, tuple) else (simpler, 1)
        if size(simpler) >= size(current):
            raise Unchanged(f"not applied: {plan.simplify_how} gives size {size(simpler)}, "
                            f"not smaller than {size(current)}")
        return simpler, changes

    attempt("simplification", None if plan.simplify is not None else plan.simplify_how, simplify, plan.simplify_how)
    attempt("helpers", plan.naming, extract_helpers,
            "shapes repeated with different leaves extracted into helper_<k> functions")
    attempt("common_subexpressions", plan.naming, lambda p: bind_common(p, implicit),
            "sub-expressions repeated in a function bound once to shared_<k>")
    steps.append(Step("stories", False, size(program), size(program), 0,
                      "none: names are mechanical and no docstring is invented", None))
    return program, tuple(steps)
