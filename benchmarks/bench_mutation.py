"""Benchmark: mutants checked per second, one worker per batch against one process per mutant.

What is compared, on the committed ``parity-6`` artifacts (design: four helpers and their
Hypothesis contracts; search: one evolved expression, spec test only):

* ours: :func:`sva.trust.batch.run_mutant_batch` on every mutant of the artifact: one
  sandboxed worker imports the artifact and collects its tests once, then swaps each mutant's
  code in and out and runs the tests smallest region first;
* naive: the same worker code started afresh for each mutant (a new sandboxed interpreter that
  imports Hypothesis and pytest, loads the artifact, collects the tests and checks one
  mutant), on an evenly spaced sample of the same mutants: the cost per mutant of the obvious
  process-per-mutant design.

How. The baseline runs once. Then rounds alternate which side goes first; each round times
ours over all mutants and naive over the sample. Every round checks that both sides reach
the same verdict (killed or not, and by which test) on every sampled mutant; a disagreement
ends the benchmark with exit status 1. Reported per artifact: the median mutants per second
of each side and ``ratio`` = the median over rounds of ours / naive.

Usage: ``python benchmarks/bench_mutation.py [--json] [--rounds N] [--sample N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

try:
    import sva  # noqa: F401  (installed into the venv)
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sva.trust.baseline import run_baseline
from sva.trust.batch import plan_mutation, run_mutant_batch
from sva.trust.protocol import MutantResult
from sva.trust.request import TrustConfig, prepare

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ("artifacts/parity-6/design/seed-0.py", "artifacts/parity-6/search/seed-0.py")


@dataclass(frozen=True)
class Result:
    """One artifact's throughput on each side and the speed-up."""

    artifact: str
    mutants: int
    naive_sample: int
    mutants_per_s: float
    naive_mutants_per_s: float
    ratio: float
    rounds: int


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _verdicts(results: dict[int, MutantResult], indices: Sequence[int]) -> list[tuple[bool, str | None]]:
    return [(results[i].killed, results[i].by) for i in indices]


def bench_artifact(path: str, rounds: int, sample: int) -> Result:
    config = TrustConfig()
    request = prepare(ROOT / path)
    baseline = run_baseline(request, config)
    if baseline.failure or baseline.result is None:
        raise SystemExit(f"bench_mutation: {path}: the baseline failed: {baseline.failure}")
    plan = plan_mutation(request, config, baseline.result, baseline.records)
    count = len(plan.mutants)
    step = max(1, count // sample)
    indices = list(range(0, count, step))[:sample]

    def ours() -> tuple[float, dict[int, MutantResult]]:
        started = time.perf_counter()
        results, error = run_mutant_batch(plan)
        if error:
            raise SystemExit(f"bench_mutation: {path}: {error}")
        return time.perf_counter() - started, results

    def naive() -> tuple[float, dict[int, MutantResult]]:
        started = time.perf_counter()
        merged: dict[int, MutantResult] = {}
        for index in indices:
            results, error = run_mutant_batch(plan, [index])
            if error:
                raise SystemExit(f"bench_mutation: {path}: {error}")
            merged.update(results)
        return time.perf_counter() - started, merged

    ours_rates, naive_rates, ratios = [], [], []
    for round_index in range(rounds):
        order = (ours, naive) if round_index % 2 == 0 else (naive, ours)
        timed = {side.__name__: side() for side in order}
        (ours_s, ours_results), (naive_s, naive_results) = timed["ours"], timed["naive"]
        if _verdicts(ours_results, indices) != _verdicts(naive_results, indices):
            print(f"bench_mutation: {path}: the batch and the naive run disagree on a mutant", file=sys.stderr)
            raise SystemExit(1)
        ours_rates.append(count / ours_s)
        naive_rates.append(len(indices) / naive_s)
        ratios.append(ours_rates[-1] / naive_rates[-1])
    return Result(artifact=path, mutants=count, naive_sample=len(indices),
                  mutants_per_s=round(statistics.median(ours_rates), 1),
                  naive_mutants_per_s=round(statistics.median(naive_rates), 2),
                  ratio=round(statistics.median(ratios), 1), rounds=rounds)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print a JSON list of results")
    parser.add_argument("--rounds", type=_positive, default=3, help="alternating rounds (default 3)")
    parser.add_argument("--sample", type=_positive, default=12,
                        help="mutants run one process each on the naive side (default 12)")
    options = parser.parse_args(argv)
    results = [bench_artifact(path, options.rounds, options.sample) for path in ARTIFACTS]
    if options.json:
        print(json.dumps([asdict(result) for result in results], indent=2))
    else:
        for r in results:
            print(f"{r.artifact}: {r.mutants} mutants; batch {r.mutants_per_s:.1f} mutants/s, "
                  f"process per mutant {r.naive_mutants_per_s:.2f} mutants/s ({r.naive_sample} sampled); "
                  f"ratio {r.ratio:.1f}x (median of {r.rounds} rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
