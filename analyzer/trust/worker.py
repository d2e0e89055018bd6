"""The sandboxed half of trust evaluation: one process runs the baseline, one runs every mutant.

Runs only inside :mod:`analyzer.trust.sandbox` (jobs ``trust_baseline`` and ``trust_mutants``),
in a temporary folder holding the artifact and its tests under their own file names, so a
user's tests import the artifact by its module name, as they would beside it on disk.

**Tests.** Two kinds, run the same way: the *spec test* (every spec property on every check
case: the whole domain when it is finite, else a derandomized Hypothesis sample) and every
pytest item collected from the tests files. pytest items run through pytest's own test
protocol (fixtures, setup, teardown), inside a plugin that takes over pytest's run loop.

**Baseline** (``run_baseline``): imports the artifact under coverage.py, runs every test once
while a profile hook records which artifact functions each test calls *directly* (a call into
the artifact from a frame outside it) and which it executes at all, then runs the spec checks:
each property through Hypothesis (derandomized, shrinking kept, so a failure comes back as a
minimal counterexample), the exhaustive check of a finite domain, the held-out cases and the
shifted domain.

**Mutants** (``run_mutants``): the module is imported and the tests collected once; each mutant
is then swapped in by giving the affected function objects the mutant's code objects (every
binding of them, including ``from m import f`` in a test module, sees the change) or, for
a mutation outside any function, by re-running the module's code in its namespace; afterwards
the original is restored. Only tests that passed on the original and executed the mutated
function run, smallest region first, and the first failure kills the mutant, so the killer
recorded is the one with the smallest region. Each test runs under a timer derived from its
baseline time; a timeout kills the mutant. One progress record per mutant is streamed, so if a
mutant takes the whole process down (``os._exit``, a hang in C code), the caller resumes after it.

Known limits: state the tests keep between runs (caches such as ``functools.lru_cache``,
module-level mutable data) can carry from one mutant to the next.
"""

from __future__ import annotations

import errno
import gc
import importlib
import json
import signal
import sys
import time
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from analyzer.trust.child import jsonable, load_module

__all__ = ["run_baseline", "run_mutants", "run_spec_checks", "shifted_cases_of", "unit_qualname", "property_failure", "sample_cases",
           "Alarm", "TimeBudgetExceeded", "FALLBACK_MODULE"]

Progress = Callable[[Any], None]

#: Name an artifact is imported under when its file name is not a module name (``seed-0.py``).
FALLBACK_MODULE = "artifact_under_test"


class TimeBudgetExceeded(BaseException):
    """A test ran past its time budget (a BaseException, so ``except Exception`` in tests or
    artifacts does not swallow it and Hypothesis does not try to shrink it)."""


class Alarm:
    """A repeating real-time timer that raises :class:`TimeBudgetExceeded` in the main thread."""

    def __init__(self) -> None:
        self.armed = False
        signal.signal(signal.SIGALRM, self._fire)

    def _fire(self, signum: int, frame: Any) -> None:
        if self.armed:
            raise TimeBudgetExceeded()

    def arm(self, seconds: float) -> None:
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, seconds, seconds)

    def disarm(self) -> None:
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)


def unit_qualname(code: types.CodeType) -> str | None:
    """The unit-graph name of the function owning ``code``: ``C.m.<locals>.g`` -> ``C.m.g``.

    Lambdas and comprehensions belong to the function around them; module code is ``None``.
    """
    parts = [part for part in code.co_qualname.split(".") if part != "<locals>"]
    while parts and parts[-1].startswith("<"):
        parts.pop()
    return ".".join(parts) or None


def _one_line(error: BaseException) -> str:
    if isinstance(error, TimeBudgetExceeded):
        return "timed out"
    if isinstance(error, OSError) and error.errno == errno.EFBIG:
        return "output limit exceeded (it wrote too much)"
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:200]}" if text else type(error).__name__


# --------------------------------------------------------------------------------------------
# Loading the artifact


def import_artifact(module_file: str) -> types.ModuleType:
    """Import the artifact by its module name when it has one (the same module object a
    user's ``import mymodule`` then gets), else by path (``seed-0.py``)."""
    stem = Path(module_file).stem
    if stem.isidentifier() and stem not in sys.modules:
        module = importlib.import_module(stem)
        if getattr(module, "__file__", None) == module_file:
            return module
    # not a module name, or one the standard library or the machinery already took (random.py)
    return load_module(module_file, FALLBACK_MODULE)


def _prepare(work: Path, shrink: bool, with_pytest: bool) -> None:
    """Import the machinery before the artifact's folder goes on the path (so a module called
    ``random.py`` cannot shadow what Hypothesis or pytest need), then make the folder importable.

    Hypothesis runs derandomized with no example database, so every run draws the same inputs;
    on mutants it does not shrink (a failure is all that counts there).
    """
    import hypothesis  # noqa: F401
    from hypothesis import HealthCheck, Phase, settings

    if with_pytest:
        import _pytest.runner  # noqa: F401
        import pytest  # noqa: F401

    phases = (Phase.explicit, Phase.reuse, Phase.generate) + ((Phase.shrink,) if shrink else ())
    settings.register_profile(
        "sva-trust", derandomize=True, database=None, deadline=None, print_blob=False, phases=phases,
        report_multiple_bugs=False, suppress_health_check=list(HealthCheck))
    settings.load_profile("sva-trust")
    sys.path.insert(0, str(work))
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))


# --------------------------------------------------------------------------------------------
# Tests


@dataclass
class TestOutcome:
    """How one test went: passed, failed, skipped or timeout, with a one-line reason."""

    __test__ = False  # not a pytest test class, whatever its name
    status: str
    reason: str | None
    seconds: float


class _SpecTest:
    """Every spec property at every check case.

    On the original (``record_passing``) every case is checked and the indices of the cases
    that pass are kept (unreached ones after a timeout count as failing): on mutants the test
    uses only those cases, so it judges a mutant by what the original gets right.
    """

    kind = "spec"

    def __init__(self, spec: Any, entry: Callable[..., Any], cases: Sequence[tuple], name: str,
                 record_passing: bool = False) -> None:
        self.spec, self.entry, self.cases, self.name = spec, entry, list(cases), name
        self.record_passing = record_passing
        self.passing: list[int] = []

    def run(self, alarm: Alarm, budget: float) -> TestOutcome:
        started = time.perf_counter()
        first: tuple[int, str] | None = None
        status = "passed"
        alarm.arm(budget)
        try:
            for index, case in enumerate(self.cases):
                reason = property_failure(self.spec, self.entry, case)
                if reason is None:
                    if self.record_passing:
                        self.passing.append(index)
                    continue
                if first is None:
                    first = (index, reason)
                    if not self.record_passing:
                        break
        except TimeBudgetExceeded:
            status = "timeout"
        finally:
            alarm.disarm()
        seconds = time.perf_counter() - started
        if status == "timeout":
            return TestOutcome("timeout", f"timed out after {budget:g} s", seconds)
        if first is not None:
            index, reason = first
            return TestOutcome("failed", f"{reason} at {list(self.cases[index])!r}"[:300], seconds)
        return TestOutcome("passed", None, seconds)


class _PytestTest:
    """One collected pytest item, run through pytest's protocol with a timer on each phase."""

    kind = "test"

    def __init__(self, item: Any, driver: Any) -> None:
        self.item, self.driver, self.name = item, driver, item.nodeid

    def run(self, alarm: Alarm, budget: float) -> TestOutcome:
        from _pytest.runner import runtestprotocol

        self.driver.budget = budget
        started = time.perf_counter()
        try:
            reports = runtestprotocol(self.item, nextitem=None, log=False)
        except TimeBudgetExceeded:  # fired between pytest's own steps
            return TestOutcome("timeout", f"timed out after {budget:g} s", time.perf_counter() - started)
        finally:
            alarm.disarm()
        seconds = time.perf_counter() - started
        for report in reports:
            if report.failed:
                text = str(report.longrepr).strip().splitlines()
                last = text[-1] if text else "failed"
                if "TimeBudgetExceeded" in last:
                    return TestOutcome("timeout", f"timed out after {budget:g} s in {report.when}", seconds)
                return TestOutcome("failed", f"{report.when}: {last}"[:300], seconds)
        if any(report.skipped for report in reports):
            return TestOutcome("skipped", None, seconds)
        return TestOutcome("passed", None, seconds)


def _make_driver(alarm: Alarm, body: Callable[[list[Any], Any], Any]) -> Any:
    """A pytest plugin that records collection errors, puts a timer on each test phase, and
    takes over the run loop to call ``body(items, driver)`` once the session has collected
    everything (pytest items run through the driver, which times them).

    Built on demand so that a worker with no tests files never imports pytest.
    """
    import pytest

    class Driver:
        def __init__(self) -> None:
            self.budget = 10.0
            self.collect_errors: list[str] = []
            self.result: Any = None

        def pytest_configure(self, config: Any) -> None:
            # Failures are only counted here: the cheap standard-library traceback format
            # (the terminal plugin, which owns --tb, is disabled).
            config.option.tbstyle = "native"

        def pytest_collectreport(self, report: Any) -> None:
            if report.failed:
                text = str(report.longrepr).strip().splitlines()
                self.collect_errors.append(f"{report.nodeid or 'tests'}: {text[-1] if text else 'cannot collect'}")

        def _timed(self) -> Any:
            alarm.arm(self.budget)
            try:
                return (yield)
            finally:
                alarm.disarm()

        @pytest.hookimpl(wrapper=True, tryfirst=True)
        def pytest_runtest_setup(self, item: Any) -> Any:
            return (yield from self._timed())

        @pytest.hookimpl(wrapper=True, tryfirst=True)
        def pytest_runtest_call(self, item: Any) -> Any:
            return (yield from self._timed())

        @pytest.hookimpl(wrapper=True, tryfirst=True)
        def pytest_runtest_teardown(self, item: Any) -> Any:
            return (yield from self._timed())

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtestloop(self, session: Any) -> bool:
            if not self.collect_errors:
                self.result = body(list(session.items), self)
            return True

    return Driver()


def _run_with_driver(tests_files: Sequence[str], alarm: Alarm,
                     body: Callable[[list[Any], Any], Any]) -> tuple[Any, list[str]]:
    """Collect the pytest items of ``tests_files`` and call ``body(items, driver)`` inside the
    session. Returns the body's result and the collection errors."""
    if not tests_files:
        return body([], None), []
    import pytest

    driver = _make_driver(alarm, body)
    args = [*tests_files, "-p", "no:cacheprovider", "-p", "no:terminal", "-p", "no:stepwise",
            "-c", "pytest.ini", "--rootdir", "."]
    status = pytest.main(args, plugins=[driver])
    if driver.result is None and not driver.collect_errors:
        raise RuntimeError(f"pytest stopped before running the tests (exit status {int(status)})")
    return driver.result, driver.collect_errors


# --------------------------------------------------------------------------------------------
# Spec checks


def property_failure(spec: Any, entry: Callable[..., Any], case: tuple) -> str | None:
    """``None`` when every property holds at ``case``, else why not (one line)."""
    for prop in spec.properties:
        try:
            holds = prop.check(entry, case)
        except Exception as error:  # the artifact's exception is a failure, not ours
            return f"{prop.name}: raised {_one_line(error)}"
        if not holds:
            return f"{prop.name} does not hold"
    return None


def sample_cases(strategy: Any, count: int) -> list[tuple]:
    """``count`` inputs drawn from a Hypothesis strategy, derandomized (the same every run),
    duplicates dropped, in the order drawn."""
    from hypothesis import Phase, given, settings

    drawn: list[tuple] = []
    seen: set[str] = set()

    @settings(max_examples=count, phases=(Phase.generate,), derandomize=True, database=None, deadline=None)
    @given(strategy)
    def draw(case: Any) -> None:
        key = repr(case)
        if key not in seen:
            seen.add(key)
            drawn.append(case if isinstance(case, tuple) else (case,))

    draw()
    return drawn


def _case_record(spec: Any, entry: Callable[..., Any], case: tuple, prop: str | None = None) -> dict[str, Any]:
    """A counterexample as JSON: the arguments by parameter name, expected and actual output."""
    record: dict[str, Any] = {"args": dict(zip(spec.params, jsonable(list(case)))), "property": prop}
    try:
        record["expected"] = jsonable(spec.expected(case))
    except Exception as error:  # an oracle that rejects the input: say so
        record["expected"] = f"oracle raised {_one_line(error)}"
    try:
        record["got"] = jsonable(entry(*case))
    except Exception as error:
        record["got"] = f"raised {_one_line(error)}"
    return record


def _hypothesis_property(spec: Any, entry: Callable[..., Any], prop: Any, examples: int, alarm: Alarm,
                         budget: float) -> dict[str, Any]:
    """Run one property through Hypothesis; keep the last (shrunk) failing case."""
    from hypothesis import given, settings

    failing: list[tuple] = []
    tried: set[str] = set()

    class _Fails(Exception):
        pass

    @settings(max_examples=examples)
    @given(spec.domain.strategy())
    def check(case: Any) -> None:
        case = case if isinstance(case, tuple) else (case,)
        tried.add(repr(case))
        try:
            holds = prop.check(entry, case)
        except Exception:
            holds = False
        if not holds:
            failing.append(case)
            raise _Fails()

    result: dict[str, Any] = {"name": prop.name, "passed": True, "counterexample": None, "reason": None}
    alarm.arm(budget)
    try:
        check()
    except _Fails:
        result["passed"] = False
    except TimeBudgetExceeded:
        result.update(passed=False, reason=f"timed out after {budget:g} s")
    except Exception as error:  # Hypothesis itself gave up (e.g. flaky artifact): a failure
        result.update(passed=False, reason=_one_line(error))
    finally:
        alarm.disarm()
    if failing:
        result["counterexample"] = _case_record(spec, entry, failing[-1], prop.name)
    result["examples"] = len(tried)
    return result


def _pass_count(spec: Any, entry: Callable[..., Any], cases: Sequence[tuple], alarm: Alarm,
                budget: float) -> dict[str, Any]:
    """Cases on which every property holds; unreached cases after a timeout count as failed
    (``tried`` says how many were reached)."""
    passed, failures, reason, tried = 0, [], None, 0
    alarm.arm(budget)
    try:
        for index, case in enumerate(cases):
            tried = index + 1
            if property_failure(spec, entry, case) is None:
                passed += 1
            else:
                failures.append(index)
    except TimeBudgetExceeded:
        reason = f"timed out after {budget:g} s"
    finally:
        alarm.disarm()
    return {"cases": len(cases), "tried": tried, "passed": passed, "failures": failures, "reason": reason}


def check_cases_of(spec: Any, examples: int) -> list[tuple]:
    """The spec test's cases: the whole domain when finite (exhaustive), else a sample."""
    if spec.domain.cases is not None:
        return list(spec.domain.cases)
    return sample_cases(spec.domain.strategy(), examples)


def shifted_cases_of(spec: Any, settings_: dict[str, Any]) -> list[tuple]:
    """The shifted domain's cases: all of them when it is finite, else a derandomized sample."""
    if spec.shifted is None:
        return []
    if spec.shifted.cases is not None:
        return list(spec.shifted.cases)
    return sample_cases(spec.shifted.strategy(), int(settings_["shifted_examples"]))


def run_spec_checks(spec: Any, entry: Callable[..., Any], settings_: dict[str, Any], alarm: Alarm,
                    shifted_cases: Sequence[tuple] | None = None) -> dict[str, Any]:
    """Hypothesis on each property, the exhaustive check, held-out and shifted pass counts
    (on ``shifted_cases`` when the caller has drawn them already)."""
    budget = float(settings_["test_seconds"])
    examples = int(settings_["examples"])
    properties = [_hypothesis_property(spec, entry, prop, examples, alarm, budget) for prop in spec.properties]
    exhaustive = None
    if spec.domain.cases is not None:
        exhaustive = _pass_count(spec, entry, spec.domain.cases, alarm, budget)
        exhaustive["first_failure"] = (_case_record(spec, entry, spec.domain.cases[exhaustive["failures"][0]])
                                       if exhaustive["failures"] else None)
    held_out = _pass_count(spec, entry, spec.held_out, alarm, budget) if spec.held_out else None
    shifted = None
    if spec.shifted is not None:
        if shifted_cases is None:
            shifted_cases = shifted_cases_of(spec, settings_)
        shifted = _pass_count(spec, entry, shifted_cases, alarm, budget)
    for record in (exhaustive, held_out, shifted):
        if record is not None:
            record["failures"] = len(record["failures"])
    return {"properties": properties, "exhaustive": exhaustive, "held_out": held_out, "shifted": shifted}


# --------------------------------------------------------------------------------------------
# Shared set-up of both jobs


@dataclass
class _Session:
    module_file: str
    module: types.ModuleType
    spec: Any
    entry: Callable[..., Any] | None


def _open_session(payload: dict[str, Any], alarm: Alarm, shrink: bool) -> _Session:
    work = Path.cwd()
    _prepare(work, shrink, with_pytest=bool(payload.get("tests")))
    module_file = str(work / payload["module"])
    alarm.arm(float(payload["settings"]["test_seconds"]))
    try:
        module = import_artifact(module_file)
    finally:
        alarm.disarm()
    spec = entry = None
    if payload.get("spec"):
        from analyzer.specs import get_spec

        spec = get_spec(payload["spec"])
    if payload.get("entry"):
        entry = getattr(module, payload["entry"], None)
        if spec is not None and not callable(entry):
            raise AttributeError(f"the artifact has no function {payload['entry']!r}")
    return _Session(module_file, module, spec, entry)


def _spec_test(session: _Session, cases: Sequence[tuple], record_passing: bool) -> _SpecTest | None:
    if session.spec is None or session.entry is None:
        return None
    return _SpecTest(session.spec, session.entry, cases, name=f"spec {session.spec.name}: all properties",
                     record_passing=record_passing)


# --------------------------------------------------------------------------------------------
# Baseline


class _CallTracer:
    """A profile hook recording, per test, the artifact functions called directly and at all."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.direct: set[str] = set()
        self.executed: set[str] = set()

    def __call__(self, frame: Any, event: str, arg: Any) -> None:
        if event != "call" or frame.f_code.co_filename != self.filename:
            return
        name = unit_qualname(frame.f_code)
        if name is None:
            return
        self.executed.add(name)
        caller = frame.f_back
        while caller is not None and unit_qualname(caller.f_code) is None and caller.f_code.co_filename == self.filename:
            caller = caller.f_back  # a lambda or comprehension inside the artifact is the artifact
        if caller is None or caller.f_code.co_filename != self.filename:
            self.direct.add(name)

    def reset(self) -> None:
        self.direct, self.executed = set(), set()


def _coverage_figures(cov: Any, work: Path, module_file: str) -> dict[str, Any]:
    report = work / "coverage.json"
    cov.json_report(morfs=[module_file], outfile=str(report))
    data = json.loads(report.read_text(encoding="utf-8"))
    summary = next(iter(data["files"].values()))["summary"] if data.get("files") else None
    if summary is None:
        return {"statements": 0, "covered_lines": 0, "branches": 0, "covered_branches": 0}
    return {"statements": summary["num_statements"], "covered_lines": summary["covered_lines"],
            "branches": summary.get("num_branches", 0), "covered_branches": summary.get("covered_branches", 0)}


def run_baseline(payload: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """Run every test on the unmutated artifact with tracing and coverage, then the spec checks."""
    import coverage

    alarm = Alarm()
    work = Path.cwd()
    module_file = str(work / payload["module"])
    cov = coverage.Coverage(data_file=None, branch=True, include=[module_file], config_file=False)
    cov.start()
    try:
        try:
            session = _open_session(payload, alarm, shrink=True)
        except TimeBudgetExceeded:
            return {"import_error": f"importing it timed out after {payload['settings']['test_seconds']:g} s"}
        except BaseException as error:  # noqa: BLE001 - SystemExit at import is the artifact's failure
            return {"import_error": _one_line(error)}
        settings_ = payload["settings"]
        cases: list[tuple] = []
        if session.spec is not None and session.entry is not None:
            cases = check_cases_of(session.spec, int(settings_["examples"]))
        spec_test = _spec_test(session, cases, record_passing=True)
        budget = float(settings_["test_seconds"])
        tracer = _CallTracer(module_file)
        shifted_cases: list[tuple] = []  # drawn once: the spec checks and the family's probe use them

        def body(items: list[Any], driver: Any) -> dict[str, Any]:
            tests: list[Any] = ([spec_test] if spec_test else []) + [_PytestTest(item, driver) for item in items]
            records = []
            for test in tests:
                tracer.reset()
                sys.setprofile(tracer)
                try:
                    outcome = test.run(alarm, budget)
                finally:
                    sys.setprofile(None)
                records.append({"name": test.name, "kind": test.kind, "status": outcome.status,
                                "reason": outcome.reason, "seconds": outcome.seconds,
                                "direct": sorted(tracer.direct), "executed": sorted(tracer.executed)})
            spec_checks = None
            if spec_test is not None:
                shifted_cases.extend(shifted_cases_of(session.spec, settings_))
                spec_checks = run_spec_checks(session.spec, session.entry, settings_, alarm, shifted_cases)
                spec_checks["passing_cases"] = spec_test.passing
            return {"tests": records, "spec": spec_checks}

        result, errors = _run_with_driver(payload.get("tests") or [], alarm, body)
        if errors:
            return {"collect_error": errors[0][:300]}
    finally:
        cov.stop()
    result["coverage"] = _coverage_figures(cov, work, module_file)
    if spec_test is not None:
        result["probe"] = _family_probe(session, shifted_cases, alarm, budget)
    return result


def _family_probe(session: _Session, shifted_cases: list[tuple], alarm: Alarm, budget: float) -> Any:
    """The spec family's probe of the artifact (after coverage stopped, so probing adds nothing to
    the tests' coverage), given the held-out and shifted inputs the spec checks used; None for a
    family without one (:meth:`analyzer.core.family.Family.probe`)."""
    from analyzer.families import family_of

    family = family_of(session.spec)
    if not family.has_probe(session.spec):
        return None
    alarm.arm(budget)
    try:
        return family.probe(session.spec, session.entry, list(session.spec.held_out) + shifted_cases)
    except TimeBudgetExceeded:
        return {"reason": f"probing it ({family.name}) timed out after {budget:g} s"}
    finally:
        alarm.disarm()


# --------------------------------------------------------------------------------------------
# Mutants


def _codes_by_name(code: types.CodeType) -> dict[str, list[types.CodeType]]:
    """Every function code object inside a module's code, by ``co_qualname``, in definition order."""
    found: dict[str, list[types.CodeType]] = {}
    stack = [code]
    while stack:
        current = stack.pop(0)
        for const in current.co_consts:
            if isinstance(const, types.CodeType):
                found.setdefault(const.co_qualname, []).append(const)
                stack.append(const)
    return found


class _Swapper:
    """Swaps a mutant into the live artifact and back: code objects, or the module's namespace."""

    def __init__(self, module_file: str, module: types.ModuleType, source: str) -> None:
        self.module_file, self.source = module_file, source
        self.functions = [obj for obj in gc.get_objects()
                          if type(obj) is types.FunctionType and obj.__code__.co_filename == module_file]
        self.original_code = {id(f): f.__code__ for f in self.functions}
        namespaces = {id(module.__dict__): module.__dict__}
        for function in self.functions:
            namespaces.setdefault(id(function.__globals__), function.__globals__)
        self.namespaces = list(namespaces.values())
        self.original_codes = _codes_by_name(compile(source, module_file, "exec", dont_inherit=True))

    def swap_in(self, mutant_source: str, module_level: bool) -> Callable[[], None]:
        """Install the mutant; return the function that restores the original."""
        code = compile(mutant_source, self.module_file, "exec", dont_inherit=True)
        mutant_codes = _codes_by_name(code)
        patched: list[types.FunctionType] = []
        needs_exec = module_level
        if not needs_exec:
            for function in self.functions:
                original = self.original_code[id(function)]
                candidates = self.original_codes.get(original.co_qualname, [])
                replacement = mutant_codes.get(original.co_qualname, [])
                if original not in candidates or len(candidates) != len(replacement):
                    continue
                new = replacement[candidates.index(original)]
                if new == original:
                    continue
                try:
                    function.__code__ = new
                except ValueError:  # closure shape changed: fall back to re-running the module
                    needs_exec = True
                    break
                patched.append(function)
        snapshots = []
        if needs_exec:
            for function in patched:
                function.__code__ = self.original_code[id(function)]
            patched = []
            for namespace in self.namespaces:
                snapshots.append((namespace, dict(namespace)))
                exec(code, namespace)

        def restore() -> None:
            for function in patched:
                function.__code__ = self.original_code[id(function)]
            for namespace, snapshot in snapshots:
                namespace.clear()
                namespace.update(snapshot)

        return restore


def run_mutants(payload: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """Check mutants ``start`` onwards; one progress record per mutant, a marker per test.

    ``payload["plan"]`` lists the tests to use in order of region size (names, budgets);
    ``payload["mutants"]`` the mutants (splice and owning function).
    """
    alarm = Alarm()
    session = _open_session(payload, alarm, shrink=False)
    source = Path(session.module_file).read_text(encoding="utf-8")
    encoded = source.encode("utf-8")
    settings_ = payload["settings"]
    cases: list[tuple] = []
    if session.spec is not None and session.entry is not None:
        all_cases = check_cases_of(session.spec, int(settings_["examples"]))
        keep = payload.get("passing_cases")
        cases = all_cases if keep is None else [all_cases[index] for index in keep]
    spec_test = _spec_test(session, cases, record_passing=False)
    plan = payload["plan"]  # [{"name", "budget", "executed": [...]}], smallest region first

    def body(items: list[Any], driver: Any) -> dict[str, Any]:
        by_name: dict[str, Any] = {item.nodeid: _PytestTest(item, driver) for item in items}
        if spec_test is not None:
            by_name[spec_test.name] = spec_test
        swapper = _Swapper(session.module_file, session.module, source)
        progress({"ready": len(by_name)})  # from here on the caller watches for silence
        done = 0
        for record in payload["mutants"][int(payload.get("start", 0)):]:
            started = time.perf_counter()
            mutant_source = (encoded[:record["start"]] + record["replacement"].encode("utf-8")
                             + encoded[record["end"]:]).decode("utf-8")
            function = record.get("function")
            result: dict[str, Any] = {"mutant": record["index"], "killed": False, "by": None, "reason": None,
                                      "tests_run": 0}
            try:
                alarm.arm(float(settings_["test_seconds"]))
                try:
                    restore = swapper.swap_in(mutant_source, module_level=function is None)
                finally:
                    alarm.disarm()
            except BaseException as error:  # noqa: BLE001 - a mutant that breaks the module is killed by it
                result.update(killed=True, by="<import>", reason=f"the module fails to load: {_one_line(error)}")
                restore = None
            if restore is not None:
                try:
                    for step in plan:
                        if function is not None and function not in step["executed"]:
                            continue
                        test = by_name.get(step["name"])
                        if test is None:
                            continue
                        progress({"m": record["index"], "t": step["name"]})
                        result["tests_run"] += 1
                        try:
                            outcome = test.run(alarm, float(step["budget"]))
                        except TimeBudgetExceeded:
                            outcome = TestOutcome("timeout", "timed out", 0.0)
                        if outcome.status in ("failed", "timeout"):
                            result.update(killed=True, by=step["name"], reason=outcome.reason)
                            break
                finally:
                    restore()
            result["seconds"] = time.perf_counter() - started
            progress(result)
            done += 1
        return {"done": done}

    result, errors = _run_with_driver(payload.get("tests") or [], alarm, body)
    if errors:
        raise RuntimeError(f"tests do not collect: {errors[0]}")
    return result

