"""Benchmark: ``sva analyze``'s full metrics against radon's four analyses, corpus by corpus.

Corpora (``--corpus NAME``, repeatable; default ``stdlib``, ``hypothesis`` and ``deap``):

* ``stdlib``: a seeded sample of the running interpreter's standard library (``site-packages``
  and the top-level ``test`` package left out);
* ``hypothesis``, ``deap``, ``libcst``, ``radon``: every ``*.py`` file of that installed package.

Only files that ``ast`` accepts and that are under the analyzer's size limit are timed. On each
corpus both sides run in this one process, alternating which goes first in each round; the
medians of the round totals give lines per second for each and their ratio. CPU seconds are
reported too (this process plus its finished children, i.e. our workers), which a shared machine
disturbs less than wall-clock time, with the load average at the start.

* radon: ``cc_visit``, ``raw.analyze``, ``mi_visit(multi=True)`` and ``h_visit`` on each file's
  text, each called as a user would call it (one core, as radon runs);
* ours: :func:`sva.measure.analyze_paths` with one worker per core, exactly what
  ``sva analyze`` runs (worker start-up included): unit graph, decomposability, explanation
  lengths, description bits and radon's metrics.

Note: radon's raw count is quadratic in the lines of a statement, so ``--corpus libcst`` spends
minutes in radon on two long test modules.

Usage: ``python benchmarks/bench_analyze.py [--corpus NAME]... [--files N] [--rounds R]
[--seed S] [--jobs J] [--json]``
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


def run_radon(paths: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds of radon's four analyses over ``paths``, and its failures."""
    from radon.complexity import cc_visit
    from radon.metrics import h_visit, mi_visit
    from radon.raw import analyze

    failures = 0
    start, cpu = time.perf_counter(), _cpu()
    for path in paths:
        try:
            with tokenize.open(path) as handle:
                code = handle.read()
            cc_visit(code)
            analyze(code)
            mi_visit(code, True)
            h_visit(code)
        except Exception:
            failures += 1
    return time.perf_counter() - start, _cpu() - cpu, failures


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (our workers)."""
    times = os.times()
    return time.process_time() + times.children_user + times.children_system


def run_ours(paths: list[str], jobs: int) -> tuple[float, float, int]:
    """Wall and CPU seconds of ``sva analyze``'s batch over ``paths``, and its failures."""
    from sva.measure.batch import Analyzed, analyze_paths

    start, cpu = time.perf_counter(), _cpu()
    outcomes = analyze_paths(paths, jobs=jobs)
    elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
    return elapsed, cpu, sum(1 for o in outcomes if not isinstance(o, Analyzed))


def bench_corpus(name: str, paths: list[str], rounds: int, jobs: int, quiet: bool) -> dict:
    """Both sides over ``paths`` for ``rounds`` alternating rounds: one JSON-ready record."""
    lines = 0
    for path in paths:
        with open(path, "rb") as handle:
            lines += handle.read().count(b"\n")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    times: dict[str, list[float]] = {"radon": [], "ours": [], "radon_cpu": [], "ours_cpu": []}
    failures = {"radon": 0, "ours": 0}
    for r in range(rounds):
        for side in (("radon", "ours") if r % 2 == 0 else ("ours", "radon")):
            if side == "radon":
                seconds, cpu, failures[side] = run_radon(paths)
            else:
                seconds, cpu, failures[side] = run_ours(paths, jobs)
            times[side].append(seconds)
            times[side + "_cpu"].append(cpu)
            if not quiet:
                print(f"{name} round {r + 1}: {side:<5} {seconds:7.2f} s ({cpu:.2f} s CPU)", file=sys.stderr)
    radon_s, ours_s = statistics.median(times["radon"]), statistics.median(times["ours"])
    radon_cpu, ours_cpu = statistics.median(times["radon_cpu"]), statistics.median(times["ours_cpu"])
    return {
        "corpus": name,
        "files": len(paths),
        "lines": lines,
        "radon_lines_per_s": lines / radon_s,
        "ours_lines_per_s": lines / ours_s,
        "ratio": radon_s / ours_s,
        "cpu_ratio": radon_cpu / ours_cpu,
        "radon_seconds": times["radon"],
        "ours_seconds": times["ours"],
        "radon_cpu_seconds": times["radon_cpu"],
        "ours_cpu_seconds": times["ours_cpu"],
        "radon_failures": failures["radon"],
        "ours_failures": failures["ours"],
        "load_average_1min": load,
    }


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
    result = {
        "rounds": args.rounds,
        "jobs": args.jobs,
        "cores": os.cpu_count(),
        "python": sys.version.split()[0],
        "min_ratio": min(c["ratio"] for c in corpora),
        "corpora": corpora,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for c in corpora:
        print(f"{c['corpus']}: {c['files']} files, {c['lines']} lines, {args.rounds} rounds (medians),"
              f" load {c['load_average_1min']}")
        print(f"  radon (cc, raw, mi, hal; 1 core): {c['lines'] / c['radon_lines_per_s']:7.2f} s"
              f"  {c['radon_lines_per_s']:9.0f} lines/s")
        print(f"  sva analyze ({args.jobs} workers):    {c['lines'] / c['ours_lines_per_s']:7.2f} s"
              f"  {c['ours_lines_per_s']:9.0f} lines/s")
        print(f"  ratio: {c['ratio']:.2f}x radon's lines per second, CPU-time ratio {c['cpu_ratio']:.2f}"
              f" (failures: radon {c['radon_failures']}, ours {c['ours_failures']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
