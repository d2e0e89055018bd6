"""Search's fast fitness: each tree compiled once to a Python function, run on every case.

A tree becomes the source of one Python function of the spec's parameters (nested calls of the
grammar's primitives, element functions as closures) compiled once with ``compile``; it then
runs on all training cases in one loop, and the per-case errors are memoized by the tree's text
within a run (a population holds many copies). The reference is the IR interpreter
(:func:`sva.families.psb.vocabulary.evaluate`) walking the emitted program's expression
case by case; :func:`reference_errors` gives its errors, which the conformance tests compare with
these. A case on which the program raises (an overflow, say) is wrong, with the largest error.

Per-case error (lexicase selects on these): 0 when the output equals the oracle's by the spec's
comparison; otherwise ``min(|got - want|, BIG)`` for numbers, 1 for a wrong bool or string, and
for lists ``1 + |length difference| + sum of min(|a - b|, 1000)`` over paired elements (capped
at ``BIG``); a value of the wrong type gets ``BIG``.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

from deap import gp

from sva.core.program import Expr
from sva.core.spec import Case, Spec
from sva.families.psb.grammar import Grammar
from sva.families.psb.vocabulary import evaluate

BIG = 10 ** 6


def tree_source(tree: Sequence[Any]) -> str:
    """The Python expression of a DEAP tree, calling the grammar's names."""
    stack: list[str] = []
    for node in reversed(tree):
        if isinstance(node, gp.Terminal):
            stack.append(node.format())
        else:
            parts = [stack.pop() for _ in range(node.arity)]
            stack.append(f"{node.name}({', '.join(parts)})")
    return stack[0]


def compile_tree(tree: Sequence[Any], grammar: Grammar) -> Callable[..., Any]:
    """The tree as a Python function of the spec's parameters."""
    source = f"def program({', '.join(grammar.params)}):\n    return {tree_source(tree)}\n"
    namespace: dict[str, Any] = dict(grammar.context)
    exec(compile(source, "<psb tree>", "exec"), namespace)  # noqa: S102 - our own grammar's names only
    return namespace["program"]


def case_error(spec: Spec, got: Any, want: Any) -> float:
    """How wrong ``got`` is on one case (0 when right); see the module docstring."""
    if spec.matches(got, want):
        return 0
    if isinstance(want, bool) or isinstance(want, str):
        return 1 if type(got) is type(want) else BIG
    if isinstance(want, (int, float)):
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return BIG
        difference = abs(got - want)
        if isinstance(difference, float) and math.isnan(difference):
            return BIG
        return min(difference, BIG) if difference > 0 else 1
    if isinstance(want, list):
        if not isinstance(got, list):
            return BIG
        total = 1 + abs(len(got) - len(want))
        for a, b in zip(got, want):
            total += min(abs(a - b), 1000) if isinstance(a, int) and not isinstance(a, bool) else 1000
            if total >= BIG:
                return BIG
        return total
    return BIG  # pragma: no cover - every PSB output is a bool, str, number or list


def errors_of(program: Callable[..., Any], spec: Spec, cases: Sequence[Case], expected: Sequence[Any]) -> tuple[float, ...]:
    """The per-case errors of a compiled program."""
    errors: list[float] = []
    for case, want in zip(cases, expected):
        try:
            got = program(*case)  # every primitive is pure: no copy needed
        except Exception:  # noqa: BLE001 - the program's failure on this case
            errors.append(BIG)
            continue
        errors.append(case_error(spec, got, want))
    return tuple(errors)


def reference_errors(expr: Expr, spec: Spec, cases: Sequence[Case], expected: Sequence[Any]) -> tuple[float, ...]:
    """The per-case errors of an IR expression by the reference interpreter."""
    errors: list[float] = []
    for case, want in zip(cases, expected):
        try:
            got = evaluate(expr, dict(zip(spec.params, case)))
        except Exception:  # noqa: BLE001
            errors.append(BIG)
            continue
        errors.append(case_error(spec, got, want))
    return tuple(errors)


class Evaluator:
    """Memoized fast fitness of trees on one spec's training cases."""

    def __init__(self, spec: Spec, grammar: Grammar) -> None:
        self.spec, self.grammar = spec, grammar
        self.cases = spec.training
        self.expected = tuple(spec.expected(case) for case in self.cases)
        self.memo: dict[str, tuple[float, ...]] = {}
        self.compiled = 0

    def errors(self, tree: Sequence[Any]) -> tuple[float, ...]:
        key = tree_source(tree)
        found = self.memo.get(key)
        if found is None:
            self.compiled += 1
            try:
                program = compile_tree(tree, self.grammar)
            except (SyntaxError, RecursionError, MemoryError):  # pragma: no cover - a tree too deep to compile
                found = (BIG,) * len(self.cases)
            else:
                found = errors_of(program, self.spec, self.cases, self.expected)
            self.memo[key] = found
        return found
