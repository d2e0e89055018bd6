"""The caller's side of mutation analysis: plan the batch, run it, score it.

:func:`plan_mutation` generates the mutants (:mod:`sva.trust.mutants.generation`) and orders the tests
usable on them (those with no failure on the original, so skipped and expected failures too, as
a mutant can make an expected failure pass, which a strict xfail counts as a failure; the spec
test on the inputs the original gets right)
by region size, smallest first, each with a budget of max(floor, factor x its time on the
original): a :class:`MutationPlan` holding the :class:`~sva.trust.protocol.MutantBatch`.
:func:`run_mutant_batch` runs it in one sandboxed worker (:mod:`sva.trust.worker.batch`),
reading the :class:`~sva.trust.protocol.MutantResult` records it streams; a mutant that
takes the worker down (``os._exit``, a hang the timers cannot interrupt) is counted killed by
the test that was running, and a new worker resumes after it. :func:`mutation_analysis` scores
the verdicts (the mutants whose effect happens at import time judged in a fresh import, the
rest swapped into the live module: :mod:`sva.trust.worker.batch`): mutation score, localization (mean over killed mutants of 1 - R/S, R the killer's
region and S the artifact's size) and the survivors, each *equivalent* when the spec test
checked a whole finite domain. A mutant no test killed that a test running past its time on the
original would have run (that test reaches its function, or it is judged in a fresh import) is
*unchecked*, not a survivor: no test that could judge it ran, and plain pytest, which has no time
limit, may kill it; the score leaves it out (killed over judged), and ``--test-seconds`` judges it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Sequence

from sva.errors import InputError
from sva.trust.protocol import (BaselineResult, MutantBatch, MutantResult, MutantSplice, PlanStep,
                                     TestMarker, progress_from_json)
from sva.trust.progress import MutantProgress, MutationOutlook
from sva.trust.regions import mutant_unit
from sva.trust.report import Survivor, TestRecord
from sva.trust.request import TrustConfig, TrustInput, sandbox_files, worker_request
from sva.sandbox import Completed, Crashed, Limits, run_job

__all__ = ["MutationPlan", "MutationSummary", "mutation_analysis", "plan_mutation", "run_mutant_batch"]

#: The sandbox job this side runs (:mod:`sva.trust.worker.jobs`), by dotted path.
_JOB = "sva.trust.worker.jobs:mutants"


@dataclass(frozen=True)
class MutationPlan:
    """What the mutant worker needs: the mutants, the batch request, the files and limits.

    ``batch.plan`` lists the tests usable on mutants, smallest region first, each with its time
    budget and the functions it executed; ``regions`` maps a test's name to its region size.
    """

    mutants: tuple[Any, ...]  #: the :class:`~sva.trust.mutants.generation.Mutant` records, by index
    batch: MutantBatch
    files: dict[str, str | bytes]
    limits: Limits
    regions: dict[str, int]
    exhaustive: bool  #: the spec test checks a whole finite domain and runs on mutants
    fresh: int = 0  #: how many mutants are judged in a fresh import
    #: by mutant index, the CPU seconds on the original of the tests it can run (the progress
    #: line's prior: :mod:`sva.trust.progress`)
    work: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class MutationSummary:
    """The mutation figures of one artifact, or the ``error`` that stopped the analysis."""

    total: int | None
    killed: int | None
    score: float | None
    localization: float | None
    survivors: tuple[Survivor, ...]
    error: str | None
    seconds: float
    #: of the killed, how many by a test running past its CPU budget or a hang, not by a failure
    timeouts: int | None = None
    fresh: int | None = None  #: how many mutants were judged in a fresh import
    #: the mutants no test killed that a test past its time on the original would have run
    unchecked: tuple[Survivor, ...] = ()


def plan_mutation(request: TrustInput, config: TrustConfig, baseline: BaselineResult,
                  records: Sequence[TestRecord]) -> MutationPlan:
    """Generate the mutants and order the tests for them, from the baseline's results."""
    from sva.measure.deep import run_deep
    from sva.trust.mutants.generation import generate_mutants

    from sva.trust.mutants.selection import select_mutants
    from sva.trust.worker.swap import code_tag

    mutants = run_deep(lambda: generate_mutants(request.source))  # deep input needs a deep stack
    mutants = select_mutants(mutants, request.source, None if config.lines is None else frozenset(config.lines),
                             config.module_level)
    passing_cases = baseline.spec.passing_cases if baseline.spec is not None else None
    executed = {run.name: run.executed for run in baseline.tests}
    ranked = []
    seconds = {record.name: record.seconds for record in records}
    for order, record in enumerate(records):
        usable = record.status in ("passed", "skipped") or (record.kind == "spec" and bool(passing_cases))
        if usable:
            budget = max(config.mutant_timeout_floor, config.mutant_timeout_factor * record.seconds)
            ranked.append((record.region_size, order, PlanStep(record.name, round(budget, 3), executed[record.name])))
    ranked.sort(key=lambda item: (item[0], item[1]))
    steps = tuple(step for _, _, step in ranked)
    regions = {step.name: region for region, _, step in ranked}
    finite = request.spec is not None and request.spec.domain.cases is not None
    exhaustive = finite and any(r.kind == "spec" and r.name in regions for r in records)
    fresh, codes = _fresh(request, mutants, set(baseline.import_executed))
    splices = tuple(MutantSplice(m.index, m.start, m.end, m.after, m.function, m.index in fresh, codes.get(m.index))
                    for m in mutants)
    # the fresh ones first: the worker judges them before it imports the artifact itself
    batch = MutantBatch(worker_request(request, config), steps, passing_cases,
                        tuple(sorted(splices, key=lambda splice: not splice.fresh)),
                        known=tuple(record.name for record in records), code_tag=code_tag())
    # the tests each mutant can run: all of them in a fresh import, else those that executed it
    runs = [[step for step in steps if _reaches(m, m.index in fresh, step.executed)] for m in mutants]
    worst = sum(sum(step.budget for step in run) for run in runs) + config.test_seconds * len(fresh)
    # A mutant stuck in C code (where the worker's timers cannot reach) is stopped when the
    # progress stream, which gets a record before every test, stays silent for 3 test budgets.
    idle = max(5.0, 3 * max((step.budget for step in steps), default=0.0))
    # the progress stream holds one marker (under 64 bytes) per test per mutant at most
    markers = sum(len(run) for run in runs) + 3 * len(mutants)
    limits = replace(config.limits, cpu_seconds=int(config.limits.cpu_seconds + worst) + 1,
                     wall_seconds=config.limits.wall_seconds + worst, idle_seconds=idle, python=request.python,
                     output_bytes=config.limits.output_bytes + 64 * markers)
    work = {m.index: round(sum(seconds[step.name] for step in run), 6) for m, run in zip(mutants, runs)}
    return MutationPlan(tuple(mutants), batch, sandbox_files(request), limits, regions, exhaustive, len(fresh), work)


def _fresh(request: TrustInput, mutants: Sequence[Any], at_import: set[str]) -> tuple[set[int], dict[int, str]]:
    """The mutants a fresh import must judge (:mod:`sva.trust.worker.fresh`): module-level code,
    functions that ran at import time or while the tests were collected, and mutants whose code
    cannot be swapped in exactly; and the others' module code as compiled here to decide that,
    packed for the worker (:func:`sva.trust.worker.swap.pack`), so no mutant is compiled twice.
    Compiling the mutants runs none of their code."""
    import warnings

    from sva.trust.worker.swap import codes_by_name, pack, swappable

    filename = request.place().module
    fresh: set[int] = set()
    codes: dict[int, str] = {}
    with warnings.catch_warnings():  # e.g. SyntaxWarning for ``True[i]``: a mutant all the same
        warnings.simplefilter("ignore")
        original = codes_by_name(compile(request.source, filename, "exec", dont_inherit=True))
        for m in mutants:
            code = None if m.function is None or m.function in at_import else \
                swappable(original, m.apply(request.source), filename)
            if code is None:
                fresh.add(m.index)
            else:
                codes[m.index] = pack(code)
    return fresh, codes


def _live(on_result: Callable[[MutantResult], None]) -> Callable[[Any], None]:
    """A progress-record reader that passes each mutant's result on."""
    def read(record: Any) -> None:
        result = progress_from_json(record)
        if isinstance(result, MutantResult):
            on_result(result)
    return read


def run_mutant_batch(plan: MutationPlan, indices: Sequence[int] | None = None,
                     on_result: Callable[[MutantResult], None] | None = None,
                     runner: Callable[..., Any] = run_job) -> tuple[dict[int, MutantResult], str | None]:
    """Check the mutants (all, or those whose index is in ``indices``) in one worker process.

    A mutant that takes the worker down (``os._exit``, a hang the timers cannot interrupt) is
    counted killed by the test that was running, and a new worker resumes after it. Returns
    the result per mutant index and an error when the worker cannot even start. ``on_result``
    hears of each mutant's result as the worker reports it (a progress line). ``runner`` runs
    each worker (:func:`sva.sandbox.run_job`'s call: a cold child, or a warm sandbox's).
    """
    batch = plan.batch
    if indices is not None:
        wanted = set(indices)
        batch = replace(batch, mutants=tuple(m for m in batch.mutants if m.index in wanted))
    order = [m.index for m in batch.mutants]
    results: dict[int, MutantResult] = {}
    start = 0
    while start < len(order):
        outcome = runner(_JOB, replace(batch, start=start).to_json(), plan.files, plan.limits,
                         _live(on_result) if on_result is not None else None)
        marker = None
        for record in map(progress_from_json, outcome.progress):
            if isinstance(record, MutantResult):
                results[record.mutant] = record
            elif isinstance(record, TestMarker):
                marker = record
        if isinstance(outcome, Completed):
            break
        position = next((p for p in range(start, len(order)) if order[p] not in results), None)
        if position is None:
            break
        in_flight = order[position]
        if outcome.overran and plan.limits.idle_seconds is not None:
            outcome, marker = _alone(plan, batch, position, results, on_result, outcome, marker, runner)
            if in_flight in results:
                start = position + 1
                continue
        if marker is None or marker.mutant != in_flight:
            return results, f"the mutation worker failed before mutant {in_flight}: {outcome.reason}"
        killer = batch.plan[marker.step].name if marker.step >= 0 else "<import>"
        results[in_flight] = MutantResult(in_flight, True, killer, f"took the worker down: {outcome.reason}",
                                          timeout=outcome.overran)
        if on_result is not None:
            on_result(results[in_flight])
        start = position + 1
    return results, None


def _alone(plan: MutationPlan, batch: MutantBatch, position: int, results: dict[int, MutantResult],
           on_result: Callable[[MutantResult], None] | None, outcome: Any, marker: Any,
           runner: Callable[..., Any] = run_job) -> tuple[Any, Any]:
    """Judge the mutant at ``position`` again, alone, after the silence watch stopped its batch.

    The watch runs on the wall clock, so on a busy machine a slow but finite test can look hung;
    alone, the mutant has no watch, only a CPU limit (its tests' budgets twice, plus start-up)
    and the wall-clock backstop, so its verdict does not depend on how busy the machine is. Its
    result lands in ``results`` when the worker reports one; otherwise the new crash and marker
    are returned, and the caller counts the mutant as killed by the test that was running."""
    lone = replace(batch, mutants=(batch.mutants[position],), start=0)
    cpu = min(plan.limits.cpu_seconds, int(10 + 2 * sum(step.budget for step in batch.plan)) + 1)
    again = runner(_JOB, lone.to_json(), plan.files, replace(plan.limits, idle_seconds=None, cpu_seconds=cpu))
    for record in map(progress_from_json, again.progress):
        if isinstance(record, MutantResult) and record.mutant == lone.mutants[0].index:
            results[record.mutant] = record
            if on_result is not None:
                on_result(record)
        elif isinstance(record, TestMarker):
            marker = record
    if isinstance(again, Crashed):
        # its CPU limit stopping it is a timeout too (a hang in C code spends CPU)
        return replace(again, overran=again.overran or "CPU time limit exceeded" in again.reason), marker
    return outcome, marker


def mutation_analysis(request: TrustInput, config: TrustConfig, baseline: BaselineResult,
                      records: tuple[TestRecord, ...], graph: Any, size: int,
                      progress: MutantProgress | None = None, runner: Callable[..., Any] = run_job) -> MutationSummary:
    """Run every mutant and score: mutation score, localization, survivors. ``progress`` is told
    the plan before any mutant runs and each result as it comes (``sva trust``'s progress line);
    ``runner`` runs the workers (:func:`run_mutant_batch`)."""
    started = time.monotonic()
    try:
        plan = plan_mutation(request, config, baseline, records)
    except (InputError, RecursionError, MemoryError) as error:
        reason = str(error) if isinstance(error, InputError) else type(error).__name__
        return MutationSummary(None, None, None, None, (), f"cannot generate mutants: {reason}", 0.0)
    total = len(plan.mutants)
    if progress is not None:
        fresh = frozenset(splice.index for splice in plan.batch.mutants if splice.fresh)
        progress.planned(MutationOutlook(total, fresh, plan.work))
    results, failure = run_mutant_batch(plan, on_result=progress.result if progress is not None else None,
                                        runner=runner)
    seconds = round(time.monotonic() - started, 3)
    if failure is not None:
        return MutationSummary(None, None, None, None, (), failure, seconds)
    regions = plan.regions
    smallest = min(regions.values(), default=size)
    shares = []
    killed = 0
    for mutant in plan.mutants:
        result = results.get(mutant.index)
        if result is not None and result.killed:
            killed += 1
            # a mutant that breaks the module's loading fails every test, the smallest region first
            region = smallest if result.by == "<import>" else regions.get(result.by, size) if result.by else size
            shares.append(1 - region / size if size else 0.0)
    slow = _slow_reach(plan, records, baseline)
    left = tuple(
        Survivor(index=m.index, line=m.line, column=m.column, operator=m.operator,
                 unit=mutant_unit(graph, m.function, m.binding), before=m.before, after=m.after,
                 equivalent=plan.exhaustive, slow_tests=slow.get(m.index, ()))
        for m in plan.mutants if not (m.index in results and results[m.index].killed))
    survivors = tuple(s for s in left if not s.slow_tests)
    unchecked = tuple(s for s in left if s.slow_tests)
    judged = total - len(unchecked)
    timeouts = sum(1 for result in results.values() if result.killed and result.timeout)
    return MutationSummary(total, killed, killed / judged if judged else None,
                           sum(shares) / len(shares) if shares else None, survivors, None, seconds, timeouts,
                           plan.fresh, unchecked)


def _slow_reach(plan: MutationPlan, records: Sequence[TestRecord], baseline: BaselineResult
                ) -> dict[int, tuple[str, ...]]:
    """By mutant index, the tests that ran past their time on the original and would have run
    on it: all of them for a mutant judged in a fresh import, else those that reached its
    function before they were stopped (what the plan would give it, had they passed)."""
    slow = [record.name for record in records if record.status == "timeout"]
    if not slow:
        return {}
    executed = {run.name: run.executed for run in baseline.tests}
    fresh = {splice.index for splice in plan.batch.mutants if splice.fresh}
    reach = {}
    for mutant in plan.mutants:
        names = tuple(name for name in slow if _reaches(mutant, mutant.index in fresh, executed.get(name, ())))
        if names:
            reach[mutant.index] = names
    return reach


def _reaches(mutant: Any, fresh: bool, executed: Sequence[str]) -> bool:
    """Whether a test that executed ``executed`` on the original runs on ``mutant``: every test
    does in a fresh import; otherwise those that executed the mutant's function."""
    return fresh or mutant.function in executed
