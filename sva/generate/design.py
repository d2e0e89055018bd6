"""The ``design`` generator: hand-style modular templates over the spec's primitive set.

A template is a function ``template(spec) -> Program`` chosen by the spec's ``kind``. It may use
only the spec's primitives, plus what design adds (the fair-comparison rule): helper functions,
named bindings, stories (docstrings), contracts, and parameterisation by problem size. The
program goes through the same emitter as search; the contracts become the artifact's tests
module. Design is deterministic: the seed is recorded but changes nothing.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from sva.core.artifact import Artifact
from sva.core.emitter import emit_program, emit_tests
from sva.core.program import Apply, Call, Contract, Do, Expr, Perform, Program, TupleOf
from sva.core.settings import merge_config
from sva.core.spec import Spec
from sva.errors import UsageError
from sva.families import family_of


def default_config(spec: Spec) -> dict[str, Any]:
    """The template used for ``spec`` and how many examples each contract test draws."""
    return {"template": _template(spec)[0], "contract_examples": 64}


def _template(spec: Spec) -> tuple[str, Callable[[Spec], Program]]:
    """The template of the spec's family for the spec's kind (a family states its templates)."""
    templates = family_of(spec).templates
    try:
        return templates[spec.kind]
    except KeyError:
        raise UsageError(f"no design template for spec {spec.name!r} (kind {spec.kind!r}) in family "
                         f"{spec.family!r}; templates exist for: {', '.join(sorted(templates)) or 'none'}") from None


def _primitives_used(expr: Expr, found: set[str]) -> None:
    if isinstance(expr, Apply):
        found.add(expr.primitive)
        for arg in expr.args:
            _primitives_used(arg, found)
    elif isinstance(expr, (Call, TupleOf)):
        for item in (expr.args if isinstance(expr, Call) else expr.items):
            _primitives_used(item, found)


def check_primitives(program: Program, spec: Spec) -> None:
    """Refuse a program that uses a primitive outside the spec's primitive set."""
    found: set[str] = set()
    for function in program.functions:
        for statement in function.body:
            if isinstance(statement, Do):
                found.add(statement.primitive)
                for arg in statement.args:
                    _primitives_used(arg, found)
            elif isinstance(statement, Perform):
                _primitives_used(statement.call, found)
            else:
                _primitives_used(statement.value, found)
    outside = sorted(found - set(spec.primitives))
    if outside:
        raise ValueError(f"design for {spec.name} uses {outside}, outside its primitive set "
                         f"{list(spec.primitives)}")


def generate(spec: Spec, seed: int, config: Mapping[str, Any] | None = None) -> Artifact:
    """The design artifact for ``spec``: module, tests module and manifest fields."""
    resolved = merge_config(default_config(spec), config)
    name, template = _template(spec)
    if resolved["template"] != name:
        raise UsageError(f"unknown template {resolved['template']!r} for {spec.name}; use {name!r}")
    program = template(spec)
    check_primitives(program, spec)
    if program.entry != spec.entry or program.functions[-1].params != spec.params:
        raise ValueError(f"template {name} broke the entry signature of {spec.name}")
    family = family_of(spec)
    strategy = family.contract_strategy(spec)
    parameters = {param for function in program.functions if isinstance(function.contract, Contract)
                  for param in function.params}
    tests = emit_tests(program, f"seed-{seed}.py", {param: strategy for param in sorted(parameters)},
                       max_examples=int(resolved["contract_examples"]))
    return Artifact(spec=spec.name, generator="design", seed=seed, entry=spec.entry,
                    source=emit_program(program, family.primitives), config=resolved, search=None, tests_source=tests)
