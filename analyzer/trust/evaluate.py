"""How far an artifact can be trusted: spec checks, its own tests, mutation analysis, coverage.

:func:`trust` is the library entry point (``sva trust`` is a thin layer over it). It works on a
generated artifact (spec, entry and tests come from the manifest beside it) and on any module a
user brings with ``--tests`` files (and optionally a spec). Static facts (unit graph, sizes,
stories) come from :mod:`analyzer.measure`; everything that executes the artifact runs in
:mod:`analyzer.trust.sandbox` through :mod:`analyzer.trust.worker`: one process for the
baseline, one for the whole mutant batch (resumed after any mutant that takes it down).

Definitions (field names from the brief; worked examples in ``docs/trust.md``):

* ``verified``: every property holds on every element of a finite domain (exhaustive check);
  for a comparator-network spec (infinite domain), the traced network sorts every 0-1 input and
  the artifact behaves as that network on the held-out and shifted inputs
  (:mod:`analyzer.families.sorting.trace`); ``None`` when the domain is infinite otherwise, when a
  network spec's artifact is not a comparator network, or when there is no spec.
* ``held_out_pass_rate`` / ``shift_pass_rate``: share of held-out / shifted inputs on which
  every property holds; ``None`` where the spec has none.
* ``counterexample``: the shrunk minimal failing input: Hypothesis's, else the first failing
  element of the exhaustive check, with expected and actual output.
* ``mutation_score`` = killed / total. A mutant is killed when a test that passed on the
  original fails, errors or times out on it (the spec test only uses inputs on which the
  original is correct).
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

import ast
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping, Sequence

from analyzer.errors import InputError
from analyzer.specs import Spec, get_spec
from analyzer.families import family_of
from analyzer.trust.sandbox import Completed, Crashed, Limits, run_job

__all__ = ["TrustConfig", "TrustInput", "TrustReport", "Survivor", "TestRecord", "MutationPlan", "prepare",
           "evaluate", "trust", "Baseline", "run_baseline", "plan_mutation", "run_mutant_batch", "TRUST_FIELDS"]

#: The brief's field names this module fills, in report order.
TRUST_FIELDS = ("verified", "held_out_pass_rate", "shift_pass_rate", "counterexample", "domain_coverage",
                "line_coverage", "branch_coverage", "mutants_total", "mutants_killed", "mutation_score",
                "localization", "explanation_length", "verified_explanation_length")

#: File names the sandbox folder uses itself; a tests file may not take them.
_RESERVED = {"payload.json", "result.json", "progress.jsonl", "stdout.txt", "stderr.txt", "coverage.json",
             "pytest.ini", "conftest.py"}


@dataclass(frozen=True)
class TrustConfig:
    """How hard to look. Presets (#5) set ``examples``; the limits bound every child process.

    ``mutant_timeout_factor`` and ``mutant_timeout_floor`` give each test's budget on a mutant:
    max(floor, factor x its time on the original).
    """

    examples: int = 100
    shifted_examples: int = 200
    test_seconds: float = 10.0
    mutate: bool = True
    mutant_timeout_factor: float = 10.0
    mutant_timeout_floor: float = 0.25
    limits: Limits = field(default_factory=Limits)

    def settings(self) -> dict[str, Any]:
        return {"examples": self.examples, "shifted_examples": self.shifted_examples,
                "test_seconds": self.test_seconds}


@dataclass(frozen=True)
class TrustInput:
    """A checked request: the artifact's text, its spec and entry (or none), its tests."""

    path: Path
    source: str
    spec: Spec | None
    entry: str | None
    tests: tuple[Path, ...]
    manifest: Mapping[str, Any] | None = None
    test_sources: tuple[str, ...] = ()  #: the tests files' text, read once, aligned with ``tests``


@dataclass(frozen=True)
class TestRecord:
    """One test on the original artifact: outcome, time, and the units it calls directly."""

    __test__ = False  # not a pytest test class, whatever its name

    name: str
    kind: str  #: "spec" (the spec's properties on the check cases) or "test" (a pytest item)
    status: str  #: passed, failed, skipped or timeout
    reason: str | None
    seconds: float
    direct_units: tuple[str, ...]
    region_size: int


@dataclass(frozen=True)
class Survivor:
    """A mutant no test killed: where it is, what it changed."""

    index: int
    line: int
    column: int
    operator: str
    unit: str | None
    before: str
    after: str
    equivalent: bool  #: exhaustively checked: indistinguishable wherever the original is correct


@dataclass(frozen=True)
class TrustReport:
    """Everything ``sva trust`` reports for one artifact (JSON via :meth:`as_json`)."""

    artifact: str
    spec: str | None
    entry: str | None
    failure: str | None  #: why the artifact could not be run at all, else None
    verified: bool | None
    held_out_pass_rate: float | None
    shift_pass_rate: float | None
    counterexample: dict[str, Any] | None
    domain_coverage: float | None
    line_coverage: float | None
    branch_coverage: float | None
    mutants_total: int | None
    mutants_killed: int | None
    mutation_score: float | None
    localization: float | None
    explanation_length: int | None
    verified_explanation_length: int | None
    properties: tuple[dict[str, Any], ...] = ()
    tests: tuple[TestRecord, ...] = ()
    survivors: tuple[Survivor, ...] = ()
    mutation_error: str | None = None
    notes: tuple[str, ...] = ()  #: what a reader should know to read the figures right
    #: what the spec family's probe measured (the sorting family: comparators, depth, best
    #: known, the traced pairs, 0-1 counts); None for a family without a probe
    family_fields: dict[str, Any] | None = None
    timings: dict[str, float] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)  #: the TrustConfig used, limits included
    versions: dict[str, str] = field(default_factory=dict)  #: of everything that ran the checks

    @property
    def mutants_per_s(self) -> float | None:
        seconds = self.timings.get("mutants_s")
        return self.mutants_total / seconds if self.mutants_total and seconds else None

    def fields(self) -> dict[str, Any]:
        """The brief's trust fields only (what the results database stores)."""
        return {name: getattr(self, name) for name in TRUST_FIELDS}

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["mutants_per_s"] = self.mutants_per_s
        return data


# --------------------------------------------------------------------------------------------
# Checking the request


def _entry_signature(tree: ast.Module, entry: str) -> ast.FunctionDef | None:
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == entry:
            return node  # type: ignore[return-value]
    return None


def _check_signature(path: Path, node: ast.FunctionDef, spec: Spec) -> None:
    args = node.args
    positional = len(args.posonlyargs) + len(args.args)
    required = positional - len(args.defaults)
    takes = spec.arity if args.vararg is not None else positional
    if not (required <= spec.arity <= takes):
        expected = f"{spec.entry}({', '.join(spec.params)})"
        raise InputError(f"{path}: spec {spec.name} calls the entry as {expected} ({spec.arity} arguments), "
                         f"but {node.name} takes {positional}{' or more' if args.vararg else ''}; "
                         f"pick the matching --spec or --entry")


def prepare(artifact: str | Path, spec: str | None = None, entry: str | None = None,
            tests: Sequence[str | Path] = ()) -> TrustInput:
    """Check a trust request and gather its parts; :class:`InputError` names what is wrong.

    The spec comes from ``spec`` or the manifest beside a generated artifact; the entry from
    ``entry``, the manifest, the spec, or the one top-level function nothing else calls; the
    tests from the manifest plus ``tests``.
    """
    from analyzer.core.artifact import read_manifest
    from analyzer.measure.source import read_source

    path = Path(artifact)
    if path.name in _RESERVED:
        raise InputError(f"{path}: an artifact may not be called {path.name!r}; rename it")
    try:
        source = read_source(str(path))
    except InputError as error:
        raise InputError(f"{path}: {error}") from None
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as error:
        raise InputError(f"{path}: syntax error at line {error.lineno}: {error.msg}") from None
    try:
        manifest = read_manifest(path)
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: unreadable manifest beside it: {error}") from None
    spec_name = spec or (manifest or {}).get("spec")
    spec_record = None
    if spec_name:
        spec_record = get_spec(spec_name)  # UsageError naming the known specs
    entry_name = entry or (manifest or {}).get("entry")
    if entry_name is None and spec_record is not None and _entry_signature(tree, spec_record.entry) is not None:
        entry_name = spec_record.entry
    if entry_name is None:
        entry_name = _default_entry(source)
    if entry_name is not None:
        node = _entry_signature(tree, entry_name)
        if node is None:
            raise InputError(f"{path}: no top-level function {entry_name!r}; name the entry with --entry")
        if spec_record is not None:
            _check_signature(path, node, spec_record)
    elif spec_record is not None:
        raise InputError(f"{path}: no entry function found for spec {spec_record.name}; name it with --entry")
    test_paths = []
    if manifest and manifest.get("tests"):
        bundled = path.with_name(manifest["tests"])
        if bundled.is_file():
            test_paths.append(bundled)
    for name in tests:
        test_path = Path(name)
        if not test_path.is_file():
            raise InputError(f"{test_path}: no such tests file")
        if test_path.name == path.name or test_path.name in _RESERVED:
            raise InputError(f"{test_path}: a tests file may not be called {test_path.name!r}; rename it")
        test_paths.append(test_path)
    if spec_record is None and not test_paths:
        raise InputError(f"{path}: nothing to check it against; give --spec NAME or --tests FILE")
    test_paths = list(dict.fromkeys(test_paths))
    test_sources = []
    for test_path in test_paths:
        try:
            test_sources.append(test_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{test_path}: cannot read it: {error}") from None
    return TrustInput(path, source, spec_record, entry_name, tuple(test_paths), manifest, tuple(test_sources))


def _default_entry(source: str) -> str | None:
    from analyzer.measure.unitgraph import build_unit_graph, choose_entry

    graph = build_unit_graph(source)  # the graph alone: no metrics are needed to pick the entry
    index = choose_entry(graph)
    if index is None or graph.units[index].kind != "function" or graph.units[index].depth != 0:
        return None
    return graph.units[index].name


# --------------------------------------------------------------------------------------------
# Regions


def _closures(graph: Any) -> list[frozenset[int]]:
    """Each unit with every unit it references, transitively (itself included)."""
    closures: list[frozenset[int]] = []
    for unit in graph.units:
        seen, stack = {unit.index}, [unit.index]
        while stack:
            for target in graph.units[stack.pop()].references:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        closures.append(frozenset(seen))
    return closures


def _region_size(graph: Any, closures: list[frozenset[int]], direct: Sequence[str]) -> int:
    """Size of the region a test points at: its directly called units and their closures.
    A test whose direct calls map to no unit points at the whole artifact."""
    members: set[int] = set()
    for name in direct:
        unit = graph.by_qualname.get(name)
        if unit is not None:
            members |= closures[unit.index]
    if not members:
        return sum(unit.size for unit in graph.units)
    return sum(graph.units[index].size for index in members)


def _mutant_unit(graph: Any, function: str | None, binding: str | None) -> str | None:
    """The unit a mutation lies in: the binding unit when it is one, else the function."""
    if binding is not None:
        name = f"{function}.{binding}" if function else binding
        if name in graph.by_qualname:
            return name
    if function is not None:
        return function
    return "<module>" if "<module>" in graph.by_qualname else None


# --------------------------------------------------------------------------------------------
# Running


def _files(request: TrustInput) -> dict[str, str]:
    files = {request.path.name: request.source, "pytest.ini": "[pytest]\n"}
    files.update((test.name, text) for test, text in zip(request.tests, request.test_sources))
    return files


def _payload(request: TrustInput, config: TrustConfig) -> dict[str, Any]:
    """What both worker jobs are told: file names, spec, entry and how hard to look."""
    return {"module": request.path.name, "tests": [t.name for t in request.tests],
            "spec": request.spec.name if request.spec else None, "entry": request.entry,
            "settings": config.settings()}


def _baseline_limits(request: TrustInput, config: TrustConfig) -> Limits:
    """The configured limits, raised to let every test and spec check use its own timer fully:
    a slow but finite artifact is then reported test by test instead of as one crash."""
    tests = sum(text.count("def test") for text in request.test_sources)
    checks = tests + (len(request.spec.properties) + 4 if request.spec else 0) + 1
    extra = config.test_seconds * checks
    return replace(config.limits, cpu_seconds=max(config.limits.cpu_seconds, int(extra) + 5),
                   wall_seconds=max(config.limits.wall_seconds, extra + 10))


def _rate(record: Mapping[str, Any] | None) -> float | None:
    if not record or not record["cases"]:
        return None
    return record["passed"] / record["cases"]


@dataclass(frozen=True)
class Baseline:
    """The unmutated artifact's run: static analysis, test records, the worker's raw result.

    ``failure`` is set (and ``raw`` is None) when the artifact could not run at all.
    """

    analysis: Any
    records: tuple[TestRecord, ...]
    raw: dict[str, Any] | None
    failure: str | None
    seconds: float


def run_baseline(request: TrustInput, config: TrustConfig, analysis: Any = None) -> Baseline:
    """Analyze the artifact statically (unless the caller has: ``analysis``, the
    :func:`~analyzer.measure.analysis.analyze_source` of the same source, path and entry), then
    run every test and spec check on it once."""
    from analyzer.measure.analysis import analyze_source

    if analysis is None:
        analysis = analyze_source(request.source, str(request.path), request.entry)
    graph = analysis.graph
    outcome = run_job("trust_baseline", _payload(request, config), _files(request), _baseline_limits(request, config))
    seconds = round(outcome.wall_seconds, 3)
    if isinstance(outcome, Crashed):
        return Baseline(analysis, (), None, outcome.reason, seconds)
    value = outcome.value
    if value.get("import_error"):
        return Baseline(analysis, (), None, f"the artifact fails on import: {value['import_error']}", seconds)
    if value.get("collect_error"):
        raise InputError(f"tests do not import: {value['collect_error']}")
    closures = _closures(graph)
    records = tuple(
        TestRecord(name=t["name"], kind=t["kind"], status=t["status"], reason=t["reason"],
                   seconds=round(t["seconds"], 4), direct_units=tuple(t["direct"]),
                   region_size=_region_size(graph, closures, t["direct"]))
        for t in value["tests"])
    return Baseline(analysis, records, value, None, seconds)


def evaluate(request: TrustInput, config: TrustConfig | None = None, analysis: Any = None) -> TrustReport:
    """Run the baseline and the mutation analysis of a prepared request; return the report.
    ``analysis``: the request's static analysis when the caller has it already."""
    from analyzer.measure.metrics.explanation import explanation_values
    from analyzer.measure.unitgraph import choose_entry

    config = config or TrustConfig()
    started = time.monotonic()
    baseline = run_baseline(request, config, analysis)
    analysis, records, value = baseline.analysis, baseline.records, baseline.raw
    graph = analysis.graph
    size = sum(unit.size for unit in graph.units)
    timings = {"baseline_s": baseline.seconds}
    base = dict(artifact=str(request.path), spec=request.spec.name if request.spec else None, entry=request.entry,
                explanation_length=analysis.metrics.get("explanation_length"), config=asdict(config),
                versions=_versions())
    finite = request.spec is not None and request.spec.domain.cases is not None
    if baseline.failure is not None or value is None:
        return _failed_report(base, baseline.failure or "no result", finite, request, timings)
    spec_checks = value.get("spec")

    # Verified explanation length: stories of units whose contracts all passed.
    credited: set[int] = set()
    failed_units: set[int] = set()
    for record in records:
        for name in record.direct_units:
            unit = graph.by_qualname.get(name)
            if unit is not None:
                (credited if record.status == "passed" else failed_units).add(unit.index)
    entry_index = choose_entry(graph, request.entry)  # prepare() made sure the entry exists
    verified_e = None
    if entry_index is not None:
        verified_e = explanation_values(graph, entry_index, credited - failed_units)[0][entry_index]

    verified = held = shift = counterexample = domain_coverage = None
    properties: tuple[dict[str, Any], ...] = ()
    if spec_checks is not None:
        properties = tuple(spec_checks["properties"])
        exhaustive = spec_checks["exhaustive"]
        if exhaustive is not None:
            verified = exhaustive["reason"] is None and exhaustive["passed"] == exhaustive["cases"]
            domain_coverage = exhaustive["tried"] / exhaustive["cases"]
        held, shift = _rate(spec_checks["held_out"]), _rate(spec_checks["shifted"])
        counterexample = next((p["counterexample"] for p in properties if p["counterexample"]), None)
        if counterexample is None and exhaustive is not None:
            counterexample = exhaustive.get("first_failure")
    coverage_data = value["coverage"]
    line_coverage = (coverage_data["covered_lines"] / coverage_data["statements"]
                     if coverage_data["statements"] else None)
    branch_coverage = (coverage_data["covered_branches"] / coverage_data["branches"]
                       if coverage_data["branches"] else (1.0 if coverage_data["statements"] else None))

    notes = _notes(records)
    family_fields = None
    if spec_checks is not None and family_of(request.spec).has_probe(request.spec):
        judgement = family_of(request.spec).judge(request.spec, value.get("probe"))  # on data, here
        if judgement is not None:
            if judgement.verified is not None or judgement.reason:
                verified = judgement.verified
            family_fields = None if judgement.fields is None else dict(judgement.fields)
            counterexample = counterexample or judgement.counterexample
            notes += (judgement.note,) if judgement.note else ()

    mutation = _mutation_analysis(request, config, value, records, graph, size) if config.mutate else None
    timings["total_s"] = round(time.monotonic() - started, 3)
    if mutation is not None:
        timings["mutants_s"] = mutation["seconds"]
    return TrustReport(
        **base, failure=None, verified=verified, held_out_pass_rate=held, shift_pass_rate=shift,
        counterexample=counterexample, domain_coverage=domain_coverage, line_coverage=line_coverage,
        branch_coverage=branch_coverage,
        mutants_total=mutation["total"] if mutation else None,
        mutants_killed=mutation["killed"] if mutation else None,
        mutation_score=mutation["score"] if mutation else None,
        localization=mutation["localization"] if mutation else None,
        verified_explanation_length=verified_e, properties=properties, tests=records,
        survivors=mutation["survivors"] if mutation else (),
        mutation_error=mutation["error"] if mutation else None, notes=notes, timings=timings, family_fields=family_fields)


def _notes(records: Sequence[TestRecord]) -> tuple[str, ...]:
    """Warnings about the checks themselves: tests that never reach the artifact, or none that pass."""
    notes = []
    if any(r.kind == "test" for r in records) and not any(r.kind == "test" and r.direct_units for r in records):
        notes.append("no test calls into the artifact: tests must import it by its module name "
                     "(e.g. `from mymodule import f` for mymodule.py), not from an installed package")
    if records and not any(r.status == "passed" for r in records):
        notes.append("no test passes on the artifact as it is, so mutants are judged by the spec test "
                     "on the inputs it gets right, if any")
    return tuple(notes)


def _versions() -> dict[str, str]:
    from analyzer.core.artifact import versions

    return versions(("libcst", "hypothesis", "pytest", "coverage"))


def _failed_report(base: dict[str, Any], reason: str, finite: bool, request: TrustInput,
                   timings: dict[str, float]) -> TrustReport:
    """The artifact could not run at all: nothing verified, every input failed."""
    has_spec = request.spec is not None
    return TrustReport(
        **base, failure=reason, verified=False if finite else None,
        held_out_pass_rate=0.0 if has_spec and request.spec.held_out else None,
        shift_pass_rate=0.0 if has_spec and request.spec.shifted is not None else None,
        counterexample=None, domain_coverage=None, line_coverage=None, branch_coverage=None,
        mutants_total=None, mutants_killed=None, mutation_score=None, localization=None,
        verified_explanation_length=None, timings=timings)


@dataclass(frozen=True)
class MutationPlan:
    """What the mutant worker needs: the mutants, the tests in region order, and limits.

    ``steps`` are the tests usable on mutants (passed on the original; the spec test on the
    inputs the original gets right), smallest region first, each with its time budget and the
    functions it executed; ``regions`` maps a test's name to its region size.
    """

    mutants: tuple[Any, ...]
    payload: dict[str, Any]
    files: dict[str, str]
    limits: Limits
    regions: dict[str, int]
    exhaustive: bool  #: the spec test checks a whole finite domain and runs on mutants


def plan_mutation(request: TrustInput, config: TrustConfig, baseline: dict[str, Any],
                  records: Sequence[TestRecord]) -> MutationPlan:
    """Generate the mutants and order the tests for them, from the baseline's results."""
    from analyzer.measure.deep import run_deep
    from analyzer.trust.mutate import generate_mutants

    mutants = run_deep(lambda: generate_mutants(request.source))  # deep input needs a deep stack
    passing_cases = (baseline.get("spec") or {}).get("passing_cases")
    executed = {t["name"]: t["executed"] for t in baseline["tests"]}
    ranked = []
    for order, record in enumerate(records):
        usable = record.status == "passed" or (record.kind == "spec" and bool(passing_cases))
        if usable:
            budget = max(config.mutant_timeout_floor, config.mutant_timeout_factor * record.seconds)
            ranked.append((record.region_size, order, {"name": record.name, "budget": round(budget, 3),
                                                       "executed": executed[record.name]}))
    ranked.sort(key=lambda item: (item[0], item[1]))
    steps = [step for _, _, step in ranked]
    regions = {step["name"]: region for region, _, step in ranked}
    finite = request.spec is not None and request.spec.domain.cases is not None
    exhaustive = finite and any(r.kind == "spec" and r.name in regions for r in records)
    payload = {**_payload(request, config), "plan": steps, "passing_cases": passing_cases,
               "mutants": [{"index": m.index, "start": m.start, "end": m.end, "replacement": m.after,
                            "function": m.function} for m in mutants]}
    worst = sum(sum(step["budget"] for step in steps if m.function is None or m.function in step["executed"])
                for m in mutants)
    # A mutant stuck in C code (where the worker's timers cannot reach) is stopped when the
    # progress stream, which gets a record before every test, stays silent for 3 test budgets.
    idle = max(5.0, 3 * max((step["budget"] for step in steps), default=0.0))
    limits = replace(config.limits, cpu_seconds=int(config.limits.cpu_seconds + worst) + 1,
                     wall_seconds=config.limits.wall_seconds + worst, idle_seconds=idle)
    return MutationPlan(tuple(mutants), payload, _files(request), limits, regions, exhaustive)


def run_mutant_batch(plan: MutationPlan, indices: Sequence[int] | None = None,
                     ) -> tuple[dict[int, dict[str, Any]], str | None]:
    """Check the mutants (all, or those at ``indices``) in one worker process.

    A mutant that takes the worker down (``os._exit``, a hang the timers cannot interrupt) is
    counted killed by the test that was running, and a new worker resumes after it. Returns
    the result per mutant index and an error when the worker cannot even start.
    """
    payload = dict(plan.payload)
    if indices is not None:
        payload["mutants"] = [payload["mutants"][i] for i in indices]
    order = [m["index"] for m in payload["mutants"]]
    results: dict[int, dict[str, Any]] = {}
    start = 0
    while start < len(order):
        outcome = run_job("trust_mutants", dict(payload, start=start), plan.files, plan.limits)
        marker = None
        for item in outcome.progress:
            if "mutant" in item:
                results[item["mutant"]] = item
            elif "m" in item:
                marker = item
        if isinstance(outcome, Completed):
            break
        position = next((p for p in range(start, len(order)) if order[p] not in results), None)
        if position is None:
            break
        in_flight = order[position]
        if marker is None or marker["m"] != in_flight:
            return results, f"the mutation worker failed before mutant {in_flight}: {outcome.reason}"
        results[in_flight] = {"mutant": in_flight, "killed": True, "by": marker["t"],
                              "reason": f"took the worker down: {outcome.reason}"}
        start = position + 1
    return results, None


def _mutation_analysis(request: TrustInput, config: TrustConfig, baseline: dict[str, Any],
                       records: tuple[TestRecord, ...], graph: Any, size: int) -> dict[str, Any]:
    """Run every mutant and score: mutation score, localization, survivors."""
    started = time.monotonic()
    try:
        plan = plan_mutation(request, config, baseline, records)
    except (InputError, RecursionError, MemoryError) as error:
        reason = str(error) if isinstance(error, InputError) else type(error).__name__
        return {"total": None, "killed": None, "score": None, "localization": None, "survivors": (),
                "error": f"cannot generate mutants: {reason}", "seconds": 0.0}
    results, error = run_mutant_batch(plan)
    seconds = round(time.monotonic() - started, 3)
    if error is not None:
        return {"total": None, "killed": None, "score": None, "localization": None, "survivors": (),
                "error": error, "seconds": seconds}
    regions = plan.regions
    smallest = min(regions.values(), default=size)
    shares = []
    killed = 0
    for mutant in plan.mutants:
        result = results.get(mutant.index, {})
        if result.get("killed"):
            killed += 1
            # a mutant that breaks the module's loading fails every test, the smallest region first
            region = smallest if result["by"] == "<import>" else regions.get(result["by"], size)
            shares.append(1 - region / size if size else 0.0)
    survivors = tuple(
        Survivor(index=m.index, line=m.line, column=m.column, operator=m.operator,
                 unit=_mutant_unit(graph, m.function, m.binding), before=m.before, after=m.after,
                 equivalent=plan.exhaustive)
        for m in plan.mutants if not results.get(m.index, {}).get("killed"))
    total = len(plan.mutants)
    return {"total": total, "killed": killed, "score": killed / total if total else None,
            "localization": sum(shares) / len(shares) if shares else None, "survivors": survivors,
            "error": None, "seconds": seconds}


def trust(artifact: str | Path, spec: str | None = None, entry: str | None = None, tests: Sequence[str | Path] = (),
          config: TrustConfig | None = None) -> TrustReport:
    """Check and evaluate one artifact: :func:`prepare` then :func:`evaluate`."""
    return evaluate(prepare(artifact, spec, entry, tests), config)
