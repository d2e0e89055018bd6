"""The ``design`` generator: hand-style modular templates over the spec's primitive set.

A template is a function ``template(spec) -> Program`` chosen by the spec's ``kind``. It may use
only the spec's primitives, plus what design adds (the fair-comparison rule): helper functions,
named bindings, stories (docstrings), contracts, and parameterisation by problem size. The
program goes through the same emitter as search; the contracts become the artifact's tests
module. Design is deterministic: the seed is recorded but changes nothing.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from analyzer.errors import UsageError
from analyzer.generate.artifact import Artifact
from analyzer.generate.design_boolean import BOOLEAN_TEMPLATES
from analyzer.generate.design_sorting import SORTING_TEMPLATES
from analyzer.generate.emitter import emit_program, emit_tests
from analyzer.generate.program import Apply, Call, CompareExchange, Contract, Expr, Perform, Program, TupleOf
from analyzer.specs import Spec

#: Templates by spec kind. A new family adds its templates here.
TEMPLATES: dict[str, tuple[str, Callable[[Spec], Program]]] = {**BOOLEAN_TEMPLATES, **SORTING_TEMPLATES}

#: Hypothesis strategy expression for every parameter of a family's functions with a plain
#: :class:`Contract` (``{size}`` is the spec's size); functions with a ``WiresContract`` draw
#: their own inputs.
_PARAMETER_STRATEGY = {"boolean": "st.booleans()",
                       "sorting": "st.lists(st.integers(-1000, 1000), min_size={size}, max_size={size})"}


def default_config(spec: Spec) -> dict[str, Any]:
    """The template used for ``spec`` and how many examples each contract test draws."""
    return {"template": _template(spec)[0], "contract_examples": 64}


def _template(spec: Spec) -> tuple[str, Callable[[Spec], Program]]:
    try:
        return TEMPLATES[spec.kind]
    except KeyError:
        raise UsageError(f"no design template for spec {spec.name!r} (kind {spec.kind!r}); "
                         f"templates exist for: {', '.join(sorted(TEMPLATES))}") from None


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
            if isinstance(statement, CompareExchange):
                found.add("COMPARE_EXCHANGE")
                _primitives_used(statement.low, found)
                _primitives_used(statement.high, found)
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
    from analyzer.generate import merge_config

    resolved = merge_config(default_config(spec), config)
    name, template = _template(spec)
    if resolved["template"] != name:
        raise UsageError(f"unknown template {resolved['template']!r} for {spec.name}; use {name!r}")
    program = template(spec)
    check_primitives(program, spec)
    if program.entry != spec.entry or program.functions[-1].params != spec.params:
        raise ValueError(f"template {name} broke the entry signature of {spec.name}")
    strategy = _PARAMETER_STRATEGY[spec.family].format(size=spec.size)
    parameters = {param for function in program.functions if isinstance(function.contract, Contract)
                  for param in function.params}
    tests = emit_tests(program, f"seed-{seed}.py", {param: strategy for param in sorted(parameters)},
                       max_examples=int(resolved["contract_examples"]))
    return Artifact(spec=spec.name, generator="design", seed=seed, entry=spec.entry,
                    source=emit_program(program), config=resolved, search=None, tests_source=tests)
