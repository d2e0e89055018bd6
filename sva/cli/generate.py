"""``sva generate`` (one artifact), ``sva generate-all`` (every spec, both generators) and
``sva factorize`` (any module read statically, factorized, re-emitted: :mod:`sva.core.factorized`)."""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from sva.core.family import Judgement
from sva.errors import Exit, InputError, UsageError, os_reason, print_error
from sva.generate import COMMITTED, GENERATORS, generate, get_generator, write_artifact
from sva.core.rng import check_seed
from sva.core.spec import Spec
from sva.families import all_specs, get_spec


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an int, got seed={text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative seed, got seed={value}")
    return value


def _setting(text: str) -> tuple[str, Any]:
    key, separator, value = text.partition("=")
    if not separator or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(value)
    except ValueError:
        return key, value


def generate_parser(one: argparse.ArgumentParser) -> None:
    one.description = "Generate the artifact of one spec with one generator and seed."
    one.add_argument("spec", help="spec name (see 'sva specs')")
    one.add_argument("--generator", required=True, help=f"one of: {', '.join(GENERATORS)}")
    one.add_argument("--seed", type=_seed, default=0, help="non-negative int (default 0)")
    one.add_argument("--out", default="artifacts", help="output folder (default: artifacts)")
    one.add_argument("--set", dest="settings", type=_setting, action="append", default=[], metavar="KEY=VALUE",
                     help="override one configuration value, e.g. --set population=200")
    one.set_defaults(handler=run_one)


def generate_all_parser(every: argparse.ArgumentParser) -> None:
    every.description = ("Generate every spec with every generator for one seed, verify each artifact on its "
                         "whole domain in the sandbox, and print where they are.")
    every.add_argument("--seed", type=_seed, default=0, help="non-negative int (default 0)")
    every.add_argument("--out", default="artifacts", help="output folder (default: artifacts)")
    every.add_argument("--specs", default=None, help="comma-separated spec names (default: all)")
    every.set_defaults(handler=run_all)


def factorize_parser(factorize: argparse.ArgumentParser) -> None:
    factorize.description = (
        "Read a Python module statically into the spec's primitives (it is never run), remove introns, simplify "
        "and name repeated parts, each step checked equivalent on the spec's domain, and write the result as an "
        "artifact with a manifest of the steps.")
    factorize.add_argument("file", help="the Python module (its function bodies must use only the spec's primitives)")
    factorize.add_argument("--spec", required=True, help="spec name (see 'sva specs')")
    factorize.add_argument("--out", default="factorized", help="output folder (default: factorized)")
    factorize.set_defaults(handler=run_factorize)


def probe_and_annotate(path: Path, spec: Spec) -> Judgement | None:
    """Run the spec family's probe on the artifact once (in the sandbox) and record what it
    measured in the manifest (:mod:`sva.sandbox.probe`); None for a family without a probe."""
    from sva.sandbox.probe import annotate, probe_artifact

    judgement = probe_artifact(path, spec)
    annotate(path, spec, judgement)
    return judgement


def run_one(args: argparse.Namespace) -> int:
    spec = get_spec(args.spec)
    get_generator(args.generator)
    artifact = generate(spec, args.generator, check_seed(args.seed), dict(args.settings) or None)
    path = write_artifact(artifact, args.out)
    probe_and_annotate(path, spec)
    print(path)
    return 0


def run_all(args: argparse.Namespace) -> int:
    from sva.sandbox.cases import CaseCheck, check_cases

    specs = all_specs() if args.specs is None else tuple(get_spec(name.strip()) for name in args.specs.split(","))
    if not specs:
        raise UsageError("--specs named no spec")
    failures = 0
    width = max(14, 2 + max(len(spec.name) for spec in specs))
    print(f"{'spec':<{width}}{'generator':<10}{'right/all rows':>14}  {'search (on training rows)':<27}path")
    for spec in specs:
        for name in COMMITTED:
            artifact = generate(spec, name, args.seed)
            path = write_artifact(artifact, args.out)
            try:
                judgement = probe_and_annotate(path, spec)
            except InputError as error:  # the probe measured nothing: say why, go on with the others
                failures += 1
                print_error(str(error))
                continue
            if judgement is not None and judgement.checked is not None:  # the family's own domain check
                passed, cases = judgement.checked
                check = CaseCheck(cases=cases, passed=passed, first_failure=judgement.counterexample)
            else:
                check = check_cases(artifact.source, spec, spec.domain.cases or ())  # () when infinite
            if check.crash:
                failures += 1
                print_error(f"{path}: {check.crash}")
            cost = ""
            if artifact.search is not None:
                state = "perfect" if artifact.search.success else "imperfect"
                cost = f"{state}, {artifact.search.evaluations} evals"
            print(f"{spec.name:<{width}}{name:<10}{check.passed:>7}/{check.cases:<6}  {cost:<27}{path}", flush=True)
    return Exit.PARTIAL if failures else Exit.OK


def run_factorize(args: argparse.Namespace) -> int:
    from sva.core.artifact import Artifact, SearchRecord
    from sva.core.emitter import emit_program
    from sva.core.factorized import GENERATOR, factorize_source
    from sva.core.factorize import size
    from sva.families import family_of

    spec = get_spec(args.spec)
    path = Path(args.file)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = os_reason(error) if isinstance(error, OSError) else str(error)
        raise InputError(f"{path}: cannot read the module: {reason}") from None
    family = family_of(spec)
    program, steps, read = factorize_source(source, str(path), spec, family)
    emitted = emit_program(program, family.primitives)
    record = {"source_file": str(path), "source_sha256": hashlib.sha256(source.encode("utf-8")).hexdigest(),
              "sizes": {"ir_nodes": size(read), "factorized_ir_nodes": size(program)},
              "steps": [step.record() for step in steps]}
    artifact = Artifact(spec=spec.name, generator=GENERATOR, seed=0, entry=spec.entry, source=emitted, config={},
                        search=SearchRecord(details={"factorization": record}), name=path.stem)
    written = write_artifact(artifact, args.out)
    applied = ", ".join(f"{step.name} {step.size_before}->{step.size_after}" for step in steps if step.applied)
    print(f"{written}: size {size(read)} -> {size(program)} ({applied or 'no step changed it'})")
    return 0
