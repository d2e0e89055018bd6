"""Benchmark: ``sva analyze``'s full metrics against radon's four analyses, corpus by corpus.

Corpora (``--corpus NAME``, repeatable; default ``stdlib``, ``hypothesis`` and ``deap``):

* ``stdlib``: a seeded sample of the running interpreter's standard library (``site-packages``
  and the top-level ``test`` package left out);
* ``hypothesis``, ``deap``, ``libcst``, ``radon``: every ``*.py`` file of that installed package.

Only files that ``ast`` accepts and that are under the analyzer's size limit are timed. On each
corpus three sides run in this one process, the order rotating from round to round; each round
is timed in wall-clock seconds and in CPU seconds (``benchmarks/alternate.py``'s
``cpu_seconds``: this process plus every child it has waited for; the analyzer's pool stops and
waits for its workers before ``analyze_paths`` returns, so their CPU is counted, start-up
included). Medians of the rounds give:

* radon: ``cc_visit``, ``raw.analyze``, ``mi_visit(multi=True)`` and ``h_visit`` on each file's
  text, each called as a user would call it (one core, as radon runs);
* ours: :func:`sva.measure.analyze_paths` with one worker per core, exactly what
  ``sva analyze`` runs (worker start-up included): unit graph, decomposability, explanation
  lengths, description bits and radon's metrics;
* the bound: libcst's parse alone on each file's text (one core), as the analyzer runs it
  (:func:`sva.measure.cstparse.parse_cst`: ``libcst.parse_module`` without re-validating the
  nodes its parser builds). Our analyzer parses every file so, so no version of it can spend
  fewer CPU seconds than this: radon's CPU seconds over the parse's is the best CPU ratio it can
  reach.

The table gives, per corpus, the wall-time ratio (radon's seconds over ours: above 1, ours is
faster), the CPU-time ratio (likewise, CPU seconds: above 1, ours costs less; the goal is 2),
the CPU seconds of each side, and the bound's ratio. A shared machine disturbs CPU seconds much
less than wall-clock seconds; the load average at the start of each corpus is printed.

Note: radon's raw count is quadratic in the lines of a statement, so ``--corpus libcst`` spends
minutes in radon on two long test modules.

``--stages`` also times each stage of the analysis alone, in this process, on each corpus
(:func:`stage_seconds`): where the CPU seconds go.

Usage: ``python benchmarks/bench_analyze.py [--corpus NAME]... [--files N] [--rounds R]
[--seed S] [--jobs J] [--json] [--stages]``
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import random
import statistics
import sys
import sysconfig
import time
import tokenize
from pathlib import Path
from typing import Callable

if str(Path(__file__).resolve().parent) not in sys.path:  # benchmarks/alternate.py, beside this script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from alternate import cpu_seconds  # noqa: E402

#: Installed packages that can be named as a corpus.
PACKAGES = ("hypothesis", "deap", "libcst", "radon")
CORPORA = ("stdlib",) + PACKAGES
DEFAULT_CORPORA = ("stdlib", "hypothesis", "deap")


def measurable(path: str) -> bool:
    """Whether ``path`` is timed: under the analyzer's size limit and accepted by ``ast``."""
    from sva.measure.source import MAX_BYTES

    try:
        if os.path.getsize(path) > MAX_BYTES:
            return False
        with tokenize.open(path) as handle:
            ast.parse(handle.read())
    except (SyntaxError, UnicodeDecodeError, ValueError, OSError):
        return False
    return True


def package_files(name: str) -> list[str]:
    """Every measurable ``*.py`` file of installed package ``name`` (sorted by path)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"bench_analyze: corpus {name!r}: the package is not installed")
    out = []
    for root in spec.submodule_search_locations:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            out.extend(os.path.join(folder, f) for f in sorted(files) if f.endswith(".py"))
    return sorted(p for p in out if measurable(p))


def sample_stdlib(count: int, seed: int) -> list[str]:
    """A seeded sample of ``count`` measurable standard-library files (sorted by path)."""
    root = sysconfig.get_paths()["stdlib"]
    candidates = []
    for folder, dirs, files in os.walk(root):
        rel = os.path.relpath(folder, root)
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "__pycache__")
                         and not (rel == "." and d == "test"))
        candidates.extend(os.path.join(folder, f) for f in sorted(files) if f.endswith(".py"))
    rng = random.Random(seed)
    rng.shuffle(candidates)
    chosen = []
    for path in candidates:
        if len(chosen) == count:
            break
        if measurable(path):
            chosen.append(path)
    return sorted(chosen)


def _read(path: str) -> str:
    with tokenize.open(path) as handle:
        return handle.read()


def run_radon(paths: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds of radon's four analyses over ``paths``, and its failures."""
    from radon.complexity import cc_visit
    from radon.metrics import h_visit, mi_visit
    from radon.raw import analyze

    failures = 0
    start, cpu = time.perf_counter(), cpu_seconds()
    for path in paths:
        try:
            code = _read(path)
            cc_visit(code)
            analyze(code)
            mi_visit(code, True)
            h_visit(code)
        except Exception:
            failures += 1
    return time.perf_counter() - start, cpu_seconds() - cpu, failures


def run_ours(paths: list[str], jobs: int) -> tuple[float, float, int]:
    """Wall and CPU seconds of ``sva analyze``'s batch over ``paths`` (its workers' CPU
    included: the pool has waited for them when it returns), and its failures."""
    from sva.measure.batch import Analyzed, analyze_paths

    start, cpu = time.perf_counter(), cpu_seconds()
    outcomes = analyze_paths(paths, jobs=jobs)
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return elapsed, cpu, sum(1 for o in outcomes if not isinstance(o, Analyzed))


def run_libcst(paths: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds of libcst's parse alone over ``paths`` as the analyzer runs it (the
    bound), and its failures."""
    from sva.measure.cstparse import parse_cst

    failures = 0
    start, cpu = time.perf_counter(), cpu_seconds()
    for path in paths:
        try:
            parse_cst(_read(path))
        except Exception:
            failures += 1
    return time.perf_counter() - start, cpu_seconds() - cpu, failures


def stage_seconds(paths: list[str]) -> dict[str, float]:
    """CPU seconds of each stage of the analysis over ``paths``, in this process (one core).

    The stages of :func:`sva.measure.analysis.parse_facts` and the measurements, each timed
    alone: ``ast`` (the parse and the one walk that gives the depth check and the renaming
    edits), ``libcst`` (its parse), ``units`` (the unit graph), ``raw`` (radon's raw counts),
    ``radon`` (its complexity and Halstead counts, one walk), ``normalize`` (the normalized
    source: the edits applied, ``ast.unparse``, the edits undone) and ``metrics`` (every
    measurement and the per-function rows, from what the stages above built). Runs on the
    analyzer's deep stack, as the workers do.
    """
    from sva.measure.deep import run_deep

    return run_deep(lambda: _stage_seconds(paths))


def _stage_seconds(paths: list[str]) -> dict[str, float]:
    from sva.measure.analysis import ModuleFacts, function_rows
    from sva.measure.astscan import scan
    from sva.measure.cstparse import parse_cst
    from sva.measure.rawcount import raw_counts
    from sva.measure.registry import measure_all
    from sva.measure.unitgraph import build_units

    spent = dict.fromkeys(("ast", "libcst", "units", "raw", "radon", "normalize", "metrics"), 0.0)

    def timed(stage: str, work: Callable[[], object]) -> object:
        started = time.process_time()
        value = work()
        spent[stage] += time.process_time() - started
        return value

    for path in paths:
        source = _read(path)
        tree = timed("ast", lambda: ast.parse(source))
        scanned = timed("ast", lambda: scan(tree))
        module = timed("libcst", lambda: parse_cst(source))
        build = timed("units", lambda: build_units(module, tree))
        raw = timed("raw", lambda: raw_counts(source))
        facts = ModuleFacts(path=path, source=source, tree=tree, build=build, raw=raw,
                            renaming=scanned.renaming)
        timed("radon", lambda: facts.radon)
        timed("normalize", lambda: facts.normalized_source)
        timed("metrics", lambda: (measure_all(facts), function_rows(facts)))
    return spent


#: The sides of a round, in the first round's order; each round starts one further along.
SIDES = ("radon", "ours", "libcst")


def bench_corpus(name: str, paths: list[str], rounds: int, jobs: int, quiet: bool) -> dict:
    """The three sides over ``paths`` for ``rounds`` rounds in rotating order: one JSON-ready record."""
    lines = 0
    for path in paths:
        with open(path, "rb") as handle:
            lines += handle.read().count(b"\n")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    runs: dict[str, Callable[[], tuple[float, float, int]]] = {
        "radon": lambda: run_radon(paths), "ours": lambda: run_ours(paths, jobs),
        "libcst": lambda: run_libcst(paths)}
    wall: dict[str, list[float]] = {side: [] for side in SIDES}
    cpu: dict[str, list[float]] = {side: [] for side in SIDES}
    failures = dict.fromkeys(SIDES, 0)
    for r in range(rounds):
        for side in SIDES[r % 3:] + SIDES[:r % 3]:
            seconds, cpu_spent, failures[side] = runs[side]()
            wall[side].append(seconds)
            cpu[side].append(cpu_spent)
            if not quiet:
                print(f"{name} round {r + 1}: {side:<6} {seconds:7.2f} s ({cpu_spent:.2f} s CPU)", file=sys.stderr)
    median = {side: statistics.median(wall[side]) for side in SIDES}
    median_cpu = {side: statistics.median(cpu[side]) for side in SIDES}
    return {
        "corpus": name,
        "files": len(paths),
        "lines": lines,
        "radon_lines_per_s": lines / median["radon"],
        "ours_lines_per_s": lines / median["ours"],
        "ratio": median["radon"] / median["ours"],
        "cpu_ratio": median_cpu["radon"] / median_cpu["ours"],
        "radon_cpu": median_cpu["radon"],
        "ours_cpu": median_cpu["ours"],
        "libcst_cpu": median_cpu["libcst"],
        "bound_cpu_ratio": median_cpu["radon"] / median_cpu["libcst"],
        "radon_seconds": wall["radon"],
        "ours_seconds": wall["ours"],
        "libcst_seconds": wall["libcst"],
        "radon_cpu_seconds": cpu["radon"],
        "ours_cpu_seconds": cpu["ours"],
        "libcst_cpu_seconds": cpu["libcst"],
        "radon_failures": failures["radon"],
        "ours_failures": failures["ours"],
        "libcst_failures": failures["libcst"],
        "load_average_1min": load,
    }


def table(corpora: list[dict], jobs: int, rounds: int) -> str:
    """The side-by-side table: per corpus, wall and CPU ratios, CPU seconds, the libcst bound."""
    out = [f"sva analyze ({jobs} workers) against radon's cc, raw, mi and hal (1 core); medians of {rounds} rounds",
           f"{'corpus':<11} {'files':>5} {'lines':>7} {'wall ratio':>10} {'CPU ratio':>9} "
           f"{'radon CPU':>9} {'ours CPU':>8} {'libcst CPU':>10} {'bound':>6} {'load':>5}"]
    for c in corpora:
        load = c["load_average_1min"]
        out.append(f"{c['corpus']:<11} {c['files']:>5} {c['lines']:>7} {c['ratio']:>9.2f}x {c['cpu_ratio']:>8.2f}x "
                   f"{c['radon_cpu']:>8.2f}s {c['ours_cpu']:>7.2f}s {c['libcst_cpu']:>9.2f}s "
                   f"{c['bound_cpu_ratio']:>5.2f}x {'' if load is None else f'{load:.1f}':>5}")
    out.append("ratio: radon's seconds over ours (above 1: ours is faster or costs less); bound: radon's CPU "
               "over libcst's parse alone (as ours runs it), the best CPU ratio an analyzer on libcst's parse can reach")
    failures = [f"{c['corpus']}: radon {c['radon_failures']}, ours {c['ours_failures']}" for c in corpora
                if c["radon_failures"] or c["ours_failures"]]
    if failures:
        out.append("failures: " + "; ".join(failures))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", metavar="NAME",
                        help=f"corpus to time, repeatable: {', '.join(CORPORA)} "
                             f"(default {', '.join(DEFAULT_CORPORA)})")
    parser.add_argument("--files", type=int, default=150, help="files in the stdlib sample (default 150)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="stdlib sampling seed (default 0)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for ours")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--stages", action="store_true",
                        help="also time each stage of the analysis in this process (CPU seconds)")
    args = parser.parse_args(argv)
    names = args.corpus or list(DEFAULT_CORPORA)
    for name in names:
        if name not in CORPORA:
            print(f"bench_analyze: unknown corpus {name!r} (choose from {', '.join(CORPORA)})",
                  file=sys.stderr)
            return 2

    corpora = []
    for name in names:
        paths = sample_stdlib(args.files, args.seed) if name == "stdlib" else package_files(name)
        corpora.append(bench_corpus(name, paths, args.rounds, args.jobs, args.json))
        if args.stages:
            corpora[-1]["stage_cpu_seconds"] = stage_seconds(paths)
    result = {
        "rounds": args.rounds,
        "jobs": args.jobs,
        "cores": os.cpu_count(),
        "python": sys.version.split()[0],
        "min_ratio": min(c["ratio"] for c in corpora),
        "min_cpu_ratio": min(c["cpu_ratio"] for c in corpora),
        "corpora": corpora,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(table(corpora, args.jobs, args.rounds))
    for c in corpora:
        if "stage_cpu_seconds" in c:
            stages = c["stage_cpu_seconds"]
            total = sum(stages.values())
            print(f"{c['corpus']} stages (CPU s, one process): " + ", ".join(
                f"{stage} {seconds:.2f} ({seconds / total:.0%})" for stage, seconds in stages.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
