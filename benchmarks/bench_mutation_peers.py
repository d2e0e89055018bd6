"""Benchmark: ``sva trust`` against mutmut, mutants per second on third-party modules and their tests.

What is compared, on the corpus of ``benchmarks/corpus/`` (three small, permissively licensed
third-party modules with their own pytest tests; sources and licenses in its README) and on
more-itertools' ``recipes.py`` with its ``tests/test_recipes.py`` (unittest classes whose
cases sit in ``self.subTest`` blocks), which the set-up fetches as the project's source
distribution from PyPI (``pip download``, the version pinned and the archive's sha256 checked,
:class:`Sdist`) instead of keeping a copy:

* ours: ``sva trust MODULE --tests TESTS --json`` in a subprocess (baseline, coverage, every
  mutant of the module in one sandboxed worker);
* mutmut (pinned in the ``bench`` extra): ``mutmut run`` on a fresh copy of the project, then
  ``mutmut results --all true`` parsed for each mutant's status.

Both mutate the same one module and run the same tests file. Wall time and CPU time are
measured around the whole command on each side (start-up, the clean run, every mutant); CPU
seconds are those of every process the command ran and waited for
(:func:`benchmarks.alternate.cpu_seconds`' idea: ``os.times``' children), what the work costs
whatever else the machine runs. sva runs its sandbox with resource limits only
(``SVA_SANDBOX=limits``), as mutmut runs its tests: a process bubblewrap runs in its own PID
namespace is reaped there, so its CPU never reaches the caller's children times (measured on
inflection's 75 import-time mutants: 1.5 s under bubblewrap against 24.9 s with limits only).
The two tools have their own mutation operators, so their mutant counts and scores differ; the
comparison is their throughput: ``ratio`` = sva's mutants per wall second over mutmut's, and
``cpu_ratio`` = sva's mutants per CPU second over mutmut's (goal: at least 3x).

Survivor confirmation: a seeded sample of sva's survivors (``--sample`` per module) is applied
to a copy of the module and checked by a fresh, plain ``pytest`` run of the tests file, with
:func:`sva.trust.confirm.plain_pytest` (a new sandboxed interpreter per mutant). A survivor that plain
pytest kills is a wrong verdict of sva's worker: the benchmark names it and exits with status 1.

A corpus entry a tool cannot handle (sva refusing the layout, mutmut not installed or failing
its clean run) prints a row with the reason instead of a number. With ``--rounds N`` both tools
run N times, alternating which goes first, and the medians are reported.

Usage: ``python benchmarks/bench_mutation_peers.py [--json] [--rounds N] [--sample N] [--only NAME ...]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "corpus"
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

GOAL = 3.0  #: the goal: sva's mutants per second at least 3x mutmut's
SEED = 15  #: the survivor sample's seed


@dataclass(frozen=True)
class Sdist:
    """A corpus project fetched at set-up: ``pip download`` of the pinned ``requirement``'s
    source distribution, checked against ``sha256``; the archive's ``keep`` paths (below its
    top folder; a folder keeps everything under it) make the project folder."""

    requirement: str  #: ``name==version``
    sha256: str
    keep: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """One corpus project: the module both tools mutate and the tests file both run."""

    name: str
    module: str  #: relative to the project folder
    tests: str  #: relative to the project folder
    import_root: str = "."  #: the folder the tests import the module from (``src`` in a src layout)
    #: tests mutmut must leave out, with why (they fail under its instrumentation, not on a mutant)
    mutmut_deselect: tuple[str, ...] = ()
    note: str = ""
    sdist: Sdist | None = None  #: fetched at set-up; None: a copy kept in ``benchmarks/corpus/``


ENTRIES = (
    Entry("inflection", "inflection.py", "test_inflection.py",
          note="one module; fills its rule tables at import time"),
    Entry("toposort", "src/toposort.py", "test/test_toposort.py", import_root="src",
          mutmut_deselect=("test/test_toposort.py::TestAll::test_all",),
          note="src layout; mutmut runs without TestAll::test_all, which compares dir(module) with "
               "__all__ and fails on mutmut's trampoline names before any mutant"),
    Entry("iniconfig", "src/iniconfig/_parse.py", "testing/test_iniconfig.py", import_root="src",
          note="a package's module with relative imports, src layout, conftest.py; pytest itself imports "
               "the installed iniconfig, so a tool must make the tests import the copy it mutated"),
    Entry("more-itertools", "more_itertools/recipes.py", "tests/test_recipes.py",
          note="a package's module; unittest tests whose cases sit in subTest blocks (pytest reports their "
               "failures as SUBFAILED); fetched from PyPI at set-up",
          sdist=Sdist("more-itertools==10.7.0", "9fddd5403be01a94b204faadcff459ec3568cf110265d3c54323e1e866ad29d3",
                      ("LICENSE", "more_itertools/", "tests/__init__.py", "tests/test_recipes.py"))),
)


@dataclass
class Side:
    """One tool on one module: counts, or the reason there are none."""

    tool: str
    mutants: int | None = None
    killed: int | None = None
    survivors: int | None = None
    score: float | None = None
    wall_s: float | None = None
    mutants_per_s: float | None = None
    cpu_s: float | None = None  #: CPU seconds of every process the command ran
    mutants_per_cpu_s: float | None = None
    reason: str | None = None
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)  #: mutmut's own status counts
    timeouts: int | None = None  #: kills by a test past its budget (a hang), counted in killed
    fresh: int | None = None  #: sva: mutants judged in a fresh import (import-time code)
    #: sva: mutants no test could judge (a test that would run them ran past its time on the original)
    unchecked: int | None = None


@dataclass
class Confirmation:
    """Sampled sva survivors re-run with plain pytest: how many plain pytest did not kill."""

    sampled: list[int] = field(default_factory=list)
    survived: list[int] = field(default_factory=list)
    killed: list[int] = field(default_factory=list)
    method: str = ""
    reason: str | None = None
    #: each survivor plain pytest killed: "index operator at line N (unit)"
    killed_details: list[str] = field(default_factory=list)


@dataclass
class ModuleResult:
    name: str
    module: str
    tests: str
    note: str
    sva: Side
    mutmut: Side
    ratio: float | None
    confirmation: Confirmation
    cpu_ratio: float | None = None


# --- helpers --------------------------------------------------------------------------------

def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _last_line(text: str, limit: int = 240) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:limit] if lines else ""


#: where each entry's project is: ``benchmarks/corpus/NAME``, or the folder :func:`fetch_sdist` made
_SOURCES: dict[str, Path] = {}


def _copy_project(entry: Entry, into: Path) -> Path:
    project = into / entry.name
    shutil.copytree(_SOURCES.get(entry.name, CORPUS / entry.name), project,
                    ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", "mutants", ".hypothesis"))
    return project


def unpack_sdist(archive: Path, sdist: Sdist, into: Path) -> Path:
    """The project folder made of ``archive``'s ``sdist.keep`` paths, after its sha256 matched."""
    import hashlib
    import tarfile

    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    if digest != sdist.sha256:
        raise SystemExit(f"bench_mutation_peers: {archive.name}: sha256 {digest}, expected {sdist.sha256}")
    project = into / sdist.requirement.replace("==", "-")
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            inner = member.name.partition("/")[2]
            if member.isfile() and any(inner == keep or (keep.endswith("/") and inner.startswith(keep))
                                       for keep in sdist.keep):
                target = project / inner
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                assert source is not None
                target.write_bytes(source.read())
    missing = [keep for keep in sdist.keep if not (project / keep).exists()]
    if missing:
        raise SystemExit(f"bench_mutation_peers: {archive.name} lacks {', '.join(missing)}")
    return project


def fetch_sdist(sdist: Sdist, into: Path) -> Path:
    """``pip download`` the pinned source distribution into ``into`` and unpack it there."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
               sdist.requirement, "-d", str(into)]
    status, out, err, _ = _run(command, into, 600, _env())
    archives = sorted(into.glob("*.tar.gz"))
    if status != 0 or len(archives) != 1:
        raise SystemExit(f"bench_mutation_peers: pip download {sdist.requirement} failed: "
                         f"{_last_line(err) or _last_line(out) or f'status {status}'}")
    return unpack_sdist(archives[0], sdist, into)


def _children_cpu() -> float:
    """CPU seconds of every child this process has waited for (and of theirs)."""
    times = os.times()
    return times.children_user + times.children_system


def _run(command: Sequence[str], cwd: Path, timeout: float, env: Mapping[str, str] | None = None
         ) -> tuple[int | None, str, str, float]:
    """Run a command in its own process group; ``None`` status on timeout (the group is killed).
    Its CPU seconds (children included) are left in :data:`_LAST_CPU`."""
    started = time.perf_counter()
    cpu_started = _children_cpu()
    process = subprocess.Popen(list(command), cwd=cwd, env=dict(env) if env is not None else None,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
        status: int | None = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        status = None
    _LAST_CPU[0] = _children_cpu() - cpu_started
    return status, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), time.perf_counter() - started


#: the CPU seconds of the last command :func:`_run` ran
_LAST_CPU = [0.0]


def _timed(side: Side, wall: float) -> None:
    """Put the last command's wall and CPU seconds on ``side``."""
    side.wall_s, side.walls = round(wall, 2), [round(wall, 2)]
    side.cpu_s, side.cpus = round(_LAST_CPU[0], 2), [round(_LAST_CPU[0], 2)]


def _rates(side: Side) -> None:
    """Mutants per wall second and per CPU second, from the side's counts and times."""
    if side.mutants is None:
        return
    side.mutants_per_s = side.mutants / side.wall_s if side.wall_s else None
    side.mutants_per_cpu_s = side.mutants / side.cpu_s if side.cpu_s else None


def _env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env.update(PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


# --- sva ------------------------------------------------------------------------------------

def run_sva(entry: Entry, workdir: Path, timeout: float) -> tuple[Side, dict[str, Any] | None]:
    """``sva trust`` on a fresh copy of the project; the side and the report (None on failure)."""
    project = _copy_project(entry, workdir)
    command = [sys.executable, "-m", "sva", "trust", entry.module, "--tests", entry.tests, "--json"]
    # a checkout too; limits only, so the worker's CPU reaches this process (the docstring)
    status, out, err, wall = _run(command, project, timeout, _env(PYTHONPATH=str(ROOT), SVA_SANDBOX="limits"))
    side = Side("sva")
    _timed(side, wall)
    if status is None:
        side.reason = f"sva trust ran past {timeout:g} s"
        return side, None
    try:
        report = json.loads(out)
    except ValueError:
        side.reason = f"sva trust exited with status {status}: {_last_line(err) or _last_line(out) or 'no output'}"
        return side, None
    if report.get("failure") or report.get("mutation_error") or report.get("mutants_total") is None:
        reason = report.get("failure") or report.get("mutation_error") or "no mutation analysis in the report"
        side.reason = f"sva cannot check it: {reason}"
        return side, report
    side.mutants = int(report["mutants_total"])
    side.killed = int(report["mutants_killed"])
    side.survivors = len(report.get("survivors") or [])
    side.timeouts = report.get("mutants_timeout")
    side.fresh = report.get("mutants_fresh")
    side.unchecked = len(report.get("unchecked") or [])
    side.score = report.get("mutation_score")
    _rates(side)
    return side, report


# --- mutmut ---------------------------------------------------------------------------------

#: mutmut 3.8.1's statuses (mutmut/stats.py ``status_by_exit_code``), grouped the way this
#: benchmark counts them: a timeout or a crash of the test run is a kill (as sva counts a test
#: past its budget); "no tests" (no test reaches the mutated function) is a survivor.
MUTMUT_KILLED = frozenset({"killed", "timeout", "segfault", "caught by type check"})
MUTMUT_SURVIVED = frozenset({"survived", "no tests"})
MUTMUT_UNDECIDED = frozenset({"suspicious", "skipped", "not checked", "check was interrupted by user"})
_RESULT_LINE = re.compile(r"^\s+(?P<name>\S.*?): (?P<status>[a-z][a-z ]*)$")


def parse_mutmut_results(text: str) -> dict[str, str]:
    """``mutmut results --all true`` (one ``    module.x_fn__mutmut_N: status`` line per mutant)
    as {mutant name: status}; other lines are ignored."""
    statuses: dict[str, str] = {}
    for line in text.splitlines():
        match = _RESULT_LINE.match(line)
        if match:
            statuses[match["name"]] = match["status"]
    return statuses


def count_mutmut(statuses: Mapping[str, str]) -> dict[str, Any]:
    """Mutants, killed, survivors and the status counts of parsed mutmut results."""
    counts: dict[str, int] = {}
    for status in statuses.values():
        counts[status] = counts.get(status, 0) + 1
    killed = sum(n for s, n in counts.items() if s in MUTMUT_KILLED)
    survivors = sum(n for s, n in counts.items() if s in MUTMUT_SURVIVED)
    return {"mutants": len(statuses), "killed": killed, "survivors": survivors,
            "undecided": len(statuses) - killed - survivors, "statuses": dict(sorted(counts.items()))}


def mutmut_config(entry: Entry) -> str:
    """The ``[mutmut]`` section of setup.cfg for a copy of the project (mutmut 3.8.1's keys)."""
    tests_top = Path(entry.tests).parts[0] if len(Path(entry.tests).parts) > 1 else None
    lines = ["[mutmut]",
             f"source_paths = {entry.import_root if entry.import_root != '.' else entry.module}",
             f"only_mutate = {entry.module}",
             f"pytest_add_cli_args_test_selection = {entry.tests}"]
    if entry.mutmut_deselect:  # a list value: one argument a line (a single line is one argument)
        lines.append("pytest_add_cli_args =" + "".join(f"\n    --deselect={d}" for d in entry.mutmut_deselect))
    if tests_top and tests_top not in ("tests", "test"):  # mutmut copies tests/ and test/ itself
        lines.append(f"also_copy = {tests_top}/")
    return "\n".join(lines) + "\n"


def _mutmut_command() -> list[str] | None:
    beside = Path(sys.executable).with_name("mutmut")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("mutmut")
    return [found] if found else None


def run_mutmut(entry: Entry, workdir: Path, timeout: float) -> Side:
    """``mutmut run`` on a fresh copy of the project with a written config, then its results."""
    side = Side("mutmut")
    command = _mutmut_command()
    if command is None:
        side.reason = "mutmut is not installed (pip install -e '.[bench]')"
        return side
    project = _copy_project(entry, workdir)
    config = project / "setup.cfg"
    if config.exists():
        raise SystemExit(f"bench_mutation_peers: {entry.name}: the corpus project has its own setup.cfg")
    config.write_text(mutmut_config(entry), encoding="utf-8")
    status, out, err, wall = _run(command + ["run"], project, timeout, _env())
    _timed(side, wall)
    if status is None:
        side.reason = f"mutmut run ran past {timeout:g} s"
        return side
    r_status, r_out, r_err, _ = _run(command + ["results", "--all", "true"], project, 120, _env())
    statuses = parse_mutmut_results(r_out)
    counts = count_mutmut(statuses)
    if status != 0 or not statuses or counts["statuses"].get("not checked"):
        detail = _last_line(out.replace("\r", "\n")) or _last_line(err) or _last_line(r_err)
        side.reason = f"mutmut run failed (status {status}): {detail}"
        return side
    side.mutants, side.killed, side.survivors = counts["mutants"], counts["killed"], counts["survivors"]
    side.statuses = counts["statuses"]
    side.timeouts = counts["statuses"].get("timeout", 0)
    decided = side.killed + side.survivors
    side.score = side.killed / decided if decided else None
    _rates(side)
    return side


# --- survivor confirmation ------------------------------------------------------------------

def sample_survivors(report: Mapping[str, Any], size: int, seed: int = SEED) -> list[int]:
    """A seeded sample of the survivors' indices, sorted (the same sample every run)."""
    indices = sorted(int(s["index"]) for s in report.get("survivors") or [])
    if len(indices) <= size:
        return indices
    return sorted(random.Random(seed).sample(indices, size))


def _confirm(project: Path, entry: Entry, indices: list[int]) -> dict[int, bool]:
    """:func:`sva.trust.confirm.plain_pytest` (a new sandboxed interpreter and a plain
    pytest run per mutant, the project laid out as ``sva trust`` lays it out): per index whether
    plain pytest killed it."""
    from sva.trust.confirm import plain_pytest
    from sva.trust.request import prepare

    request = prepare(project / entry.module, tests=[project / entry.tests])
    return {verdict.index: bool(verdict.killed) for verdict in plain_pytest(request, indices, workers=2)}


def confirm_survivors(entry: Entry, report: Mapping[str, Any] | None, workdir: Path, size: int) -> Confirmation:
    result = Confirmation()
    if report is None or report.get("mutants_total") is None:
        result.reason = "no sva survivors to check"
        return result
    result.sampled = sample_survivors(report, size)
    if not result.sampled:
        result.method = "none needed"
        return result
    project = _copy_project(entry, workdir)
    try:
        killed = _confirm(project, entry, result.sampled)
    except RuntimeError as error:  # plain pytest fails on the unmutated module
        result.reason = str(error)
        return result
    result.method = "sva.trust.confirm.plain_pytest"
    result.killed = [i for i in result.sampled if killed[i]]
    result.survived = [i for i in result.sampled if not killed[i]]
    by_index = {s["index"]: s for s in report.get("survivors") or []}
    result.killed_details = [f"{i} {by_index[i].get('operator')} at line {by_index[i].get('line')} "
                             f"({by_index[i].get('unit') or 'module level'})" for i in result.killed]
    return result


# --- the benchmark --------------------------------------------------------------------------

def _merge(sides: list[Side]) -> Side:
    """Rounds of one tool on one module: the first round's counts, the median wall and CPU times."""
    first = sides[0]
    if first.reason is not None or any(s.mutants != first.mutants for s in sides):
        return first
    first.walls = [s.walls[0] for s in sides]
    first.cpus = [s.cpus[0] for s in sides]
    first.wall_s = round(statistics.median(first.walls), 2)
    first.cpu_s = round(statistics.median(first.cpus), 2)
    _rates(first)
    return first


def bench_entry(entry: Entry, rounds: int, sample: int, timeout: float) -> ModuleResult:
    sva_sides: list[Side] = []
    mutmut_sides: list[Side] = []
    report: dict[str, Any] | None = None
    with tempfile.TemporaryDirectory(prefix="sva-bench-peers-") as folder:
        for round_index in range(rounds):
            order = ("sva", "mutmut") if round_index % 2 == 0 else ("mutmut", "sva")
            for tool in order:
                work = Path(folder) / f"{tool}-{round_index}"
                work.mkdir()
                if tool == "sva":
                    side, this_report = run_sva(entry, work, timeout)
                    sva_sides.append(side)
                    report = report or this_report
                else:
                    mutmut_sides.append(run_mutmut(entry, work, timeout))
                shutil.rmtree(work, ignore_errors=True)
        sva, mutmut = _merge(sva_sides), _merge(mutmut_sides)
        confirm_dir = Path(folder) / "confirm"
        confirm_dir.mkdir()
        confirmation = confirm_survivors(entry, report if sva.reason is None else None, confirm_dir, sample)
    ratio = _ratio(sva.mutants_per_s, mutmut.mutants_per_s)
    cpu_ratio = _ratio(sva.mutants_per_cpu_s, mutmut.mutants_per_cpu_s)
    for side in (sva, mutmut):
        if side.mutants_per_s is not None:
            side.mutants_per_s = round(side.mutants_per_s, 2)
        if side.mutants_per_cpu_s is not None:
            side.mutants_per_cpu_s = round(side.mutants_per_cpu_s, 2)
        if side.score is not None:
            side.score = round(side.score, 3)
    return ModuleResult(entry.name, entry.module, entry.tests, entry.note, sva, mutmut, ratio, confirmation, cpu_ratio)


def _ratio(ours: float | None, theirs: float | None) -> float | None:
    return round(ours / theirs, 2) if ours and theirs else None


def summary(results: Sequence[ModuleResult]) -> dict[str, Any]:
    ratios = [r.ratio for r in results if r.ratio is not None]
    cpu_ratios = [r.cpu_ratio for r in results if r.cpu_ratio is not None]
    sampled = sum(len(r.confirmation.sampled) for r in results if r.confirmation.reason is None)
    survived = sum(len(r.confirmation.survived) for r in results if r.confirmation.reason is None)
    median = round(statistics.median(ratios), 2) if ratios else None
    return {"ratio_median": median, "ratios": ratios, "cpu_ratios": cpu_ratios,
            "cpu_ratio_median": round(statistics.median(cpu_ratios), 2) if cpu_ratios else None, "goal": GOAL,
            "goal_met": (median >= GOAL) if median is not None else None,
            "goal_met_on": [r.name for r in results if r.ratio is not None and r.ratio >= GOAL],
            "goal_missed_on": [r.name for r in results if r.ratio is not None and r.ratio < GOAL],
            "no_ratio": [r.name for r in results if r.ratio is None],
            "confirmation_sampled": sampled, "confirmation_survived": survived,
            "confirmation_killed": sampled - survived}


def _cell(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def format_table(results: Sequence[ModuleResult], total: Mapping[str, Any]) -> str:
    lines: list[str] = []
    header = (f"  {'tool':<7} {'mutants':>7} {'killed':>7} {'score':>6} {'survivors':>9} {'wall s':>7} {'mutants/s':>9}"
              f" {'CPU s':>7} {'mutants/CPU s':>13}")
    for r in results:
        lines.append(f"{r.name} ({r.module}, tests {r.tests}): {r.note}")
        lines.append(header)
        for side in (r.sva, r.mutmut):
            if side.reason is not None:
                lines.append(f"  {side.tool:<7} {side.reason}")
                continue
            lines.append(f"  {side.tool:<7} {side.mutants:>7} {side.killed:>7} {_cell(side.score, 3):>6} "
                         f"{side.survivors:>9} {_cell(side.wall_s, 1):>7} {_cell(side.mutants_per_s, 1):>9} "
                         f"{_cell(side.cpu_s, 1):>7} {_cell(side.mutants_per_cpu_s, 1):>13}")
        if r.sva.fresh:
            lines.append(f"  sva: {r.sva.fresh} mutants judged in a fresh import (import-time code)")
        if r.sva.unchecked:
            lines.append(f"  sva: {r.sva.unchecked} mutants unchecked (a test that would run them ran past its "
                         "time on the original), left out of the score and the survivors")
        if r.mutmut.statuses:
            lines.append("  mutmut statuses: " + ", ".join(f"{n} {s}" for s, n in r.mutmut.statuses.items()))
        lines.append(f"  ratio (sva mutants/s over mutmut's): wall {_cell(r.ratio)}x, CPU {_cell(r.cpu_ratio)}x"
                     if r.ratio is not None else "  ratio: - (one side has no result)")
        c = r.confirmation
        if c.reason is not None:
            lines.append(f"  confirmation: {c.reason}")
        else:
            lines.append(f"  confirmation: {len(c.survived)} of {len(c.sampled)} sampled survivors survive plain "
                         f"pytest{'; checked by ' + c.method if c.method else ''}")
            lines.extend(f"    killed by plain pytest: mutant {detail}" for detail in c.killed_details)
        lines.append("")
    ratios = ", ".join(f"{r.name} {r.ratio:.2f}x (CPU {_cell(r.cpu_ratio)}x)" for r in results
                       if r.ratio is not None) or "none"
    median = total["ratio_median"]
    verdict = "met" if total["goal_met"] else "not met" if median is not None else "-"
    lines.append(f"ratio per module (wall): {ratios}; median {_cell(median)}x wall, {_cell(total['cpu_ratio_median'])}x "
                 f"CPU over {len(total['ratios'])} of {len(results)} modules (goal >= {GOAL:g}x: {verdict})")
    parts = [f"{label} {', '.join(names)}" for label, names in
             (("met on", total["goal_met_on"]), ("missed on", total["goal_missed_on"]),
              ("no ratio for", total["no_ratio"])) if names]
    lines.append("goal per module: " + "; ".join(parts))
    lines.append(f"confirmation: {total['confirmation_survived']} of {total['confirmation_sampled']} sampled "
                 f"survivors survive plain pytest")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--rounds", type=_positive, default=1, help="runs of each tool per module, alternating "
                                                                    "which goes first (default 1)")
    parser.add_argument("--sample", type=_positive, default=10,
                        help="sva survivors per module re-run with plain pytest (default 10)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds allowed to one tool on one module")
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=[e.name for e in ENTRIES],
                        help="corpus entries to run (default all)")
    options = parser.parse_args(argv)
    entries = [e for e in ENTRIES if not options.only or e.name in options.only]
    results = []
    with tempfile.TemporaryDirectory(prefix="sva-bench-sdists-") as downloads:
        for entry in entries:
            if entry.sdist is not None:
                folder = Path(downloads) / entry.name
                folder.mkdir()
                _SOURCES[entry.name] = fetch_sdist(entry.sdist, folder)
            print(f"bench_mutation_peers: {entry.name} ...", file=sys.stderr, flush=True)
            results.append(bench_entry(entry, options.rounds, options.sample, options.timeout))
    total = summary(results)
    if options.json:
        print(json.dumps({"modules": [asdict(r) for r in results], "rounds": options.rounds, **total}, indent=2))
    else:
        print(format_table(results, total))
    if total["confirmation_killed"]:
        wrong = "; ".join(f"{r.name}: mutants {', '.join(map(str, r.confirmation.killed))}"
                          for r in results if r.confirmation.killed)
        print(f"bench_mutation_peers: plain pytest kills {total['confirmation_killed']} of the "
              f"{total['confirmation_sampled']} sampled survivors sva reported ({wrong}): sva's verdicts "
              f"are wrong on them", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
