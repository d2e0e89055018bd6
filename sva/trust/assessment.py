"""How far an artifact can be trusted: spec checks, its own tests, mutation analysis, coverage.

:func:`trust` is the library entry point (``sva trust`` is a thin layer over it). It works on a
generated artifact (spec, entry and tests come from the manifest beside it) and on any module a
user brings with ``--tests`` files (and optionally a spec). Static facts (unit graph, sizes,
stories) come from :mod:`sva.measure`; everything that executes the artifact runs in the
sandbox: one job for the baseline (:mod:`sva.trust.baseline`), one for the whole mutant batch
(:mod:`sva.trust.batch`, resumed after any mutant that takes it down), both in one warm
sandboxed interpreter per artifact (:mod:`sva.sandbox.warm`: each job forked from a server
that imported the worker, Hypothesis, pytest and the spec registry once; the same modules,
files and limits as a cold child, so the same verdicts). The request is checked by :mod:`sva.trust.request`; the records the
sandbox sends back are those of :mod:`sva.trust.protocol`; the report's are in
:mod:`sva.trust.report`.

Definitions (worked examples in ``docs/trust.md``):

* ``verified``: every property holds on every element of a finite domain (exhaustive check);
  for a comparator-network spec (infinite domain), the traced network sorts every 0-1 input and
  the artifact behaves as that network on the held-out and shifted inputs
  (:mod:`sva.families.sorting.trace`); ``None`` when the domain is infinite otherwise, when a
  network spec's artifact is not a comparator network, or when there is no spec.
* ``trusted``: the trust outcome every family has: ``verified``, unless the family's judgement
  states its own standard (:class:`~sva.core.family.Judgement`; the Feynman family's:
  agreement within tolerance everywhere it was checked plus SRBench's symbolic solution).
* ``held_out_pass_rate`` / ``shift_pass_rate``: share of held-out / shifted inputs on which
  every property holds; ``None`` where the spec has none. ``training_pass_rate``: share of
  the training cases search saw on which the artifact agrees with the oracle (what search was
  scored on: how well it fits them; not a trust outcome).
* ``counterexample``: the shrunk minimal failing input: Hypothesis's, else the first failing
  element of the exhaustive check, with expected and actual output (JSON data, the values in
  the exact codec of :mod:`sva.core.values`), else the family's.
* ``mutation_score`` = killed / judged. A mutant is killed when a test that passed on the
  original fails, errors or times out on it (the spec test only uses inputs on which the
  original is correct). Judged is total less the *unchecked*: mutants no test killed that a
  test past its time on the original would have run (``unchecked``; usually none).
* ``localization`` = mean over killed mutants of 1 - R/S, where R is the size of the smallest
  region among the tests that kill it (a test's region: the units it calls directly, found by
  tracing, plus everything they reference, transitively) and S the artifact's size (audit
  length). 0 for a monolith.
* ``line_coverage``, ``branch_coverage``: coverage.py under every test (branch coverage 1.0
  when the code has no branch, as coverage.py counts it).
* ``domain_coverage``: distinct inputs tried / domain size (1.0 when exhaustive; ``None`` for
  an infinite domain).
* ``verified_explanation_length``: the explanation length crediting only the stories of units
  that have a contract (a test calling them directly) and whose contracts all passed.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from sva.families import family_of
from sva.sandbox.records import bounded
from sva.core.spec import Spec
from sva.trust.protocol import BaselineResult, SpecChecks
from sva.trust.baseline import run_baseline
from sva.trust.batch import MutationSummary, mutation_analysis
from sva.trust.progress import MutantProgress
from sva.trust.report import TestRecord, TrustReport
from sva.trust.request import TrustConfig, TrustInput, prepare, sandbox_files
from sva.sandbox import run_job
from sva.sandbox.warm import WarmSandbox

#: The library's trust API in one place: this module's two functions with the request and
#: report records they take and give (defined in :mod:`sva.trust.request` and
#: :mod:`sva.trust.report`).
__all__ = ["evaluate", "preload_of", "trust"]


def evaluate(request: TrustInput, config: TrustConfig | None = None, analysis: Any = None,
             progress: MutantProgress | None = None, warm: bool = True) -> TrustReport:
    """Run the baseline and the mutation analysis of a prepared request; return the report.
    ``analysis``: the request's static analysis when the caller has it already; ``progress``
    (:class:`~sva.trust.progress.MutantProgress`): told the plan before any mutant runs and each
    mutant's result as it comes; ``warm`` (default): every job in one warm sandbox
    (:mod:`sva.sandbox.warm`), else each in a cold child of its own (the same report, slower)."""
    config = config or TrustConfig()
    started = time.monotonic()
    if not warm:
        return _evaluate(request, config, analysis, progress, run_job, started)
    limits = replace(config.limits, python=request.python)
    with WarmSandbox(sandbox_files(request), limits, preload_of(request)) as box:
        return _evaluate(request, config, analysis, progress, box.run_job, started)


#: Hypothesis's scan of the loaded modules of the tool for constants to draw from ("local
#: constants"): about 0.3 s per job, done by the server once for the modules it loaded; a job
#: scans only the modules it loads after the fork, and draws from the same union.
_CONSTANTS_SCAN = "hypothesis.internal.conjecture.providers:_get_local_constants"


def preload_of(request: TrustInput) -> tuple[str, ...]:
    """What both trust jobs import anyway before their first test, for the warm sandbox to
    import once (:mod:`sva.sandbox.warm`): the worker, Hypothesis, pytest when there are tests
    files, the spec registry (every family loaded, no spec built: a job builds its own spec in
    milliseconds) when there is a spec; then Hypothesis's scan of them for constants. Nothing more, so a job sees the same modules as a cold one
    (Hypothesis draws from the constants of the loaded local modules; sva's own are excluded by
    :mod:`sva.sandbox.constants`, a plug-in family's are not)."""
    return ("sva.trust.worker.jobs", "hypothesis", *(("pytest", "_pytest.runner") if request.tests else ()),
            *(("sva.families:spec_names",) if request.spec is not None else ()), _CONSTANTS_SCAN)


def _evaluate(request: TrustInput, config: TrustConfig, analysis: Any, progress: MutantProgress | None,
              runner: Callable[..., Any], started: float) -> TrustReport:
    """:func:`evaluate`'s work, each sandboxed job run by ``runner``."""
    baseline = run_baseline(request, config, analysis, runner)
    analysis, records, result = baseline.analysis, baseline.records, baseline.result
    graph = analysis.graph
    timings = {"baseline_s": baseline.seconds}
    base = dict(artifact=str(request.path), spec=request.spec.name if request.spec else None, entry=request.entry,
                explanation_length=analysis.metrics.get("explanation_length"),
                config={**asdict(config), **({"python": request.python} if request.python else {})},
                versions=_versions())
    finite = request.spec is not None and request.spec.domain.cases is not None
    if baseline.failure is not None or result is None:
        return _failed_report(base, baseline.failure or "no result", finite, request, timings)
    verdict = _judged(request.spec, result, _from_spec_checks(result.spec, _notes(records)))
    verified_e = _verified_explanation_length(graph, records, request.entry)
    coverage = result.coverage
    size = sum(unit.size for unit in graph.units)
    mutation = (mutation_analysis(request, config, result, records, graph, size, progress, runner)
                if config.mutate else None)
    timings["total_s"] = round(time.monotonic() - started, 3)
    if mutation is not None:
        timings["mutants_s"] = mutation.seconds
    return TrustReport(
        **base, failure=None, **{field.name: getattr(verdict, field.name) for field in fields(verdict)},
        line_coverage=coverage.line_coverage if coverage else None,
        branch_coverage=coverage.branch_coverage if coverage else None, **_mutation_fields(mutation),
        verified_explanation_length=verified_e, tests=records, timings=timings)


@dataclass(frozen=True)
class _Verdict:
    """The report's fields that the spec checks and the family's judgement decide."""

    verified: bool | None = None
    trusted: bool | None = None
    held_out_pass_rate: float | None = None
    shift_pass_rate: float | None = None
    training_pass_rate: float | None = None
    counterexample: Any = None
    domain_coverage: float | None = None
    properties: tuple[dict[str, Any], ...] = ()
    family_fields: dict[str, Any] | None = None
    notes: tuple[str, ...] = ()


def _from_spec_checks(checks: SpecChecks | None, notes: tuple[str, ...]) -> _Verdict:
    """The verdict of the spec checks alone (all None without a spec): the exhaustive check,
    the pass rates, and the first counterexample (a property's shrunk one, else the exhaustive's)."""
    if checks is None:
        return _Verdict(notes=notes)
    exhaustive = checks.exhaustive
    found = next((p.counterexample for p in checks.properties if p.counterexample), None)
    if found is None and exhaustive is not None:
        found = exhaustive.first_failure
    verified = None if exhaustive is None else exhaustive.reason is None and exhaustive.passed == exhaustive.cases
    return _Verdict(
        verified=verified, trusted=verified,
        held_out_pass_rate=checks.held_out.pass_rate if checks.held_out else None,
        shift_pass_rate=checks.shifted.pass_rate if checks.shifted else None,
        training_pass_rate=checks.training.pass_rate if checks.training else None,
        counterexample=None if found is None else found.to_json(),
        domain_coverage=None if exhaustive is None else exhaustive.tried / exhaustive.cases,
        properties=tuple(p.to_json() for p in checks.properties), notes=notes)


def _judged(spec: Spec | None, result: BaselineResult, verdict: _Verdict) -> _Verdict:
    """``verdict`` with the family's judgement of its probe (judged on data, here) folded in:
    its verification overrides when it decided (and with it ``trusted``, unless the family
    decided that too), its counterexample fills a gap, its note adds."""
    if spec is None or result.spec is None or not family_of(spec).has_probe(spec):
        return verdict
    judgement = family_of(spec).judge(spec, result.probe)
    if judgement is None:
        return verdict
    decided = judgement.verified is not None or bool(judgement.reason)
    verified = judgement.verified if decided else verdict.verified
    return replace(verdict, verified=verified, trusted=verified if judgement.trusted is None else judgement.trusted,
                   family_fields=None if judgement.fields is None else dict(judgement.fields),
                   counterexample=verdict.counterexample or bounded(judgement.counterexample),
                   notes=verdict.notes + ((judgement.note,) if judgement.note else ()))


def _verified_explanation_length(graph: Any, records: Sequence[TestRecord], entry: str | None) -> Any:
    """The entry's explanation length crediting only the stories of units whose contracts (the
    tests calling them directly) all passed; None without an entry unit."""
    from sva.measure.metrics.explanation import explanation_values
    from sva.measure.unitgraph import choose_entry

    credited: set[int] = set()
    failed_units: set[int] = set()
    for record in records:
        for name in record.direct_units:
            unit = graph.by_qualname.get(name)
            if unit is not None:
                (credited if record.status == "passed" else failed_units).add(unit.index)
    entry_index = choose_entry(graph, entry)  # prepare() made sure the entry exists
    if entry_index is None:
        return None
    return explanation_values(graph, entry_index, credited - failed_units)[0][entry_index]


def _mutation_fields(mutation: MutationSummary | None) -> dict[str, Any]:
    """The report's mutation fields: all None (no survivors) when mutation analysis did not run."""
    if mutation is None:
        return dict(mutants_total=None, mutants_killed=None, mutation_score=None, localization=None,
                    survivors=(), mutation_error=None, mutants_timeout=None, mutants_fresh=None, unchecked=())
    return dict(mutants_total=mutation.total, mutants_killed=mutation.killed, mutation_score=mutation.score,
                localization=mutation.localization, survivors=mutation.survivors, mutation_error=mutation.error,
                mutants_timeout=mutation.timeouts, mutants_fresh=mutation.fresh, unchecked=mutation.unchecked)


def _notes(records: Sequence[TestRecord]) -> tuple[str, ...]:
    """Warnings about the checks themselves: tests that never reach the artifact, or none that pass."""
    notes = []
    if any(r.kind == "test" for r in records) and not any(r.kind == "test" and r.direct_units for r in records):
        notes.append("no test calls into the artifact: tests must import it by its module name "
                     "(e.g. `from mymodule import f` for mymodule.py, `from pkg.mod import f` for a module "
                     "of a package), not from an installed copy")
    if records and not any(r.status == "passed" for r in records):
        notes.append("no test passes on the artifact as it is, so mutants are judged by the spec test "
                     "on the inputs it gets right, if any")
    return tuple(notes)


def _versions() -> dict[str, str]:
    from sva.core.artifact import versions
    from sva.sandbox.containment import label

    return {**versions(("libcst", "hypothesis", "pytest", "coverage")), "sandbox": label()}


def _failed_report(base: dict[str, Any], reason: str, finite: bool, request: TrustInput,
                   timings: dict[str, float]) -> TrustReport:
    """The artifact could not run at all: nothing verified, every input failed."""
    spec = request.spec
    return TrustReport(
        **base, failure=reason, verified=False if finite else None, trusted=False if finite else None,
        held_out_pass_rate=0.0 if spec is not None and spec.held_out else None,
        shift_pass_rate=0.0 if spec is not None and spec.shifted is not None else None,
        training_pass_rate=0.0 if spec is not None and spec.training else None,
        counterexample=None, domain_coverage=None, line_coverage=None, branch_coverage=None,
        mutants_total=None, mutants_killed=None, mutation_score=None, localization=None,
        verified_explanation_length=None, timings=timings)


def trust(artifact: str | Path, spec: str | None = None, entry: str | None = None, tests: Sequence[str | Path] = (),
          config: TrustConfig | None = None, progress: MutantProgress | None = None,
          python: str | None = None) -> TrustReport:
    """Check and evaluate one artifact: :func:`~sva.trust.request.prepare` then :func:`evaluate`."""
    return evaluate(prepare(artifact, spec, entry, tests, python), config, progress=progress)
