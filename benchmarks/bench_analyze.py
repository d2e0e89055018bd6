"""Benchmark: ``sva analyze``'s full metrics against radon's four analyses, on the standard library.

Both sides run in this one process over the same seeded sample of the running interpreter's
standard library (``site-packages`` and the top-level ``test`` package left out; only files that
``ast`` accepts and that are under the analyzer's size limit), alternating which goes first in
each round; the medians of the round totals give lines per second for each and their ratio.

* radon: ``cc_visit``, ``raw.analyze``, ``mi_visit(multi=True)`` and ``h_visit`` on each file's
  text, each called as a user would call it (one core, as radon runs);
* ours: :func:`analyzer.measure.analyze_paths` with one worker per core, exactly what
  ``sva analyze`` runs (worker start-up included): unit graph, decomposability, explanation
  lengths, description bits and radon's metrics.

Usage: ``python benchmarks/bench_analyze.py [--files N] [--rounds R] [--seed S] [--jobs J] [--json]``
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import statistics
import sys
import sysconfig
import time
import tokenize


def sample_stdlib(count: int, seed: int) -> list[str]:
    """A seeded sample of ``count`` parseable standard-library files (sorted by path)."""
    from analyzer.measure.source import MAX_BYTES

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
        try:
            if os.path.getsize(path) > MAX_BYTES:
                continue
            with tokenize.open(path) as handle:
                ast.parse(handle.read())
        except (SyntaxError, UnicodeDecodeError, ValueError, OSError):
            continue
        chosen.append(path)
    return sorted(chosen)


def run_radon(paths: list[str]) -> tuple[float, int]:
    """Seconds for radon's four analyses over ``paths``, and how many files radon failed on."""
    from radon.complexity import cc_visit
    from radon.metrics import h_visit, mi_visit
    from radon.raw import analyze

    failures = 0
    start = time.perf_counter()
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
    return time.perf_counter() - start, failures


def run_ours(paths: list[str], jobs: int) -> tuple[float, int]:
    """Seconds for ``sva analyze``'s batch over ``paths``, and how many files failed."""
    from analyzer.measure.batch import Analyzed, analyze_paths

    start = time.perf_counter()
    outcomes = analyze_paths(paths, jobs=jobs)
    elapsed = time.perf_counter() - start
    return elapsed, sum(1 for o in outcomes if not isinstance(o, Analyzed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=150, help="files in the sample (default 150)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="sampling seed (default 0)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for ours")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    paths = sample_stdlib(args.files, args.seed)
    lines = 0
    for path in paths:
        with open(path, "rb") as handle:
            lines += handle.read().count(b"\n")
    radon_times, our_times = [], []
    radon_failures = our_failures = 0
    for r in range(args.rounds):
        order = ("radon", "ours") if r % 2 == 0 else ("ours", "radon")
        for side in order:
            if side == "radon":
                seconds, radon_failures = run_radon(paths)
                radon_times.append(seconds)
            else:
                seconds, our_failures = run_ours(paths, args.jobs)
                our_times.append(seconds)
            if not args.json:
                print(f"round {r + 1}: {side:<5} {seconds:7.2f} s", file=sys.stderr)
    radon_s = statistics.median(radon_times)
    ours_s = statistics.median(our_times)
    result = {
        "files": len(paths),
        "lines": lines,
        "radon_lines_per_s": lines / radon_s,
        "ours_lines_per_s": lines / ours_s,
        "ratio": radon_s / ours_s,
        "rounds": args.rounds,
        "jobs": args.jobs,
        "radon_seconds": radon_times,
        "ours_seconds": our_times,
        "radon_failures": radon_failures,
        "ours_failures": our_failures,
        "python": sys.version.split()[0],
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['files']} files, {lines} lines, {args.rounds} rounds (medians)")
        print(f"radon (cc, raw, mi, hal; 1 core): {radon_s:7.2f} s  {result['radon_lines_per_s']:9.0f} lines/s")
        print(f"sva analyze ({args.jobs} workers):    {ours_s:7.2f} s  {result['ours_lines_per_s']:9.0f} lines/s")
        print(f"ratio: {result['ratio']:.2f}x radon's lines per second"
              f" (failures: radon {radon_failures}, ours {our_failures})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
