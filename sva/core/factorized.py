"""The ``factorized`` artifact: a search artifact read back statically, factorized, re-emitted.

:func:`factorized_artifact` takes the artifact of the family's ``search`` for (spec, seed,
configuration), reads its module into the IR (:mod:`sva.core.reconstruct`, no execution),
runs the steps of :mod:`sva.core.factorize` with the family's :class:`~sva.core.factorize.Plan`
and writes the result through the one emitter. The manifest's ``search`` record (a
:class:`~sva.core.artifact.SearchRecord`) keeps what the experiment reads of a search
(``success``, ``evaluations``, ``best_fitness_per_generation``), the search artifact's hash and
size, the factorized size, and every step with its sizes before and after and its evidence.
:func:`factorize_source` is the same on any module's text (``sva factorize FILE``).

The module docstring is mechanical: it says which steps changed what and on which inputs they
were checked, never what the code means. The entry function keeps the spec's description as
its docstring, exactly as search writes it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sva.core.artifact import Artifact, SearchRecord
from sva.core.factorize import Step, factorize_program, size
from sva.core.program import Program
from sva.core.reconstruct import implicit_names, read_program

if TYPE_CHECKING:
    from sva.core.spec import Spec

__all__ = ["GENERATOR", "factorize_source", "factorized_artifact"]

GENERATOR = "factorized"


def _docstring(spec: "Spec", origin: str, steps: tuple[Step, ...]) -> str:
    applied = [f"{step.name.replace('_', ' ')} ({step.size_before} -> {step.size_after})"
               for step in steps if step.applied]
    done = ", ".join(applied) if applied else "no step changed it"
    evidence = next((step.evidence for step in steps if step.evidence is not None), None)
    checked = "" if evidence is None else (
        f" Each step was checked equivalent on {evidence.inputs} inputs "
        f"({'the whole domain' if evidence.exhaustive else 'a sample'}: {evidence.description}).")
    return (f"{spec.name}: {origin}, factorized mechanically: {done}.{checked} Names are mechanical; "
            f"nothing is explained.")


def factorize_source(source: str, filename: str, spec: "Spec", family: Any,
                     origin: str | None = None) -> tuple[Program, tuple[Step, ...], Program]:
    """``family`` is the spec's :class:`~sva.core.family.Family` (its primitives and plan):
    (the factorized program, its steps, the program as read) for a module's text; the program
    carries a mechanical docstring and the entry keeps the spec's description."""
    primitives = {name: family.primitives[name] for name in spec.primitives if name in family.primitives}
    read = read_program(source, filename, spec.entry, primitives, family.imports)
    program, steps = factorize_program(read, primitives, family.factorize_plan(spec), implicit_names(primitives))
    functions = tuple(replace(function, story=spec.description if function.name == spec.entry else None)
                      for function in program.functions)
    program = replace(program, docstring=_docstring(spec, origin or filename, steps), functions=functions)
    return program, steps, read


def _sizes(read: Program, program: Program, source: str, emitted: str) -> dict[str, Any]:
    return {"ir_nodes": size(read), "functions": len(read.functions), "source_lines": len(source.splitlines()),
            "factorized_ir_nodes": size(program), "factorized_functions": len(program.functions),
            "factorized_source_lines": len(emitted.splitlines())}


def factorized_artifact(spec: "Spec", seed: int, config: Any, family: Any) -> Artifact:
    """Run the family's search for (spec, seed, configuration) and factorize its artifact."""
    from sva.core.emitter import emit_program

    searched = family.search(spec, seed, config)
    origin = f"the search artifact of seed {seed}"
    program, steps, read = factorize_source(searched.source, f"{spec.name} search seed {seed}", spec, family, origin)
    source = emit_program(program, family.primitives)
    factorization = {
        "source_generator": searched.generator,
        "source_sha256": searched.sha256,
        "sizes": _sizes(read, program, searched.source, source),
        "steps": [step.record() for step in steps],
        "size_unit": ("IR nodes: one per expression node, statement, function and parameter "
                      "(sva.core.factorize.size)"),
    }
    found = searched.search or SearchRecord()
    search_record = SearchRecord(success=found.success, evaluations=found.evaluations,
                                 best_fitness_per_generation=found.best_fitness_per_generation,
                                 details={"training_errors": found.details.get("training_errors"),
                                          "factorization": factorization, "search": found.to_json()})
    return Artifact(spec=spec.name, generator=GENERATOR, seed=seed, entry=spec.entry, source=source,
                    config=searched.config, search=search_record)
