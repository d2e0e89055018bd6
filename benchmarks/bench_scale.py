"""Benchmark: cells per minute on 1 and 2 Dask workers and on the local executor.

What is compared: the same cells (the smoke preset by default: 3 specs x 2 generators x 2 seeds)
run by ``run_experiment`` into a fresh folder each time

* ``local-2``: the local executor with 2 worker processes (what ``sva run --workers 2`` does);
* ``dask-1`` and ``dask-2``: a Dask ``LocalCluster`` of 1 and 2 worker processes (what
  ``sva run --dask-workers N`` does); the cluster is started before the clock starts (its start
  is reported apart, as ``startup_s``), since on a real cluster it is already running.

Rounds alternate the order of the three. Apart from the cells, ``task_overhead_ms`` times 200
no-op tasks on ``dask-2`` (children already started) and on ``local-2`` (start included): what
each executor adds per task, a figure the machine's other load hardly moves. Reported: the median cells per minute of each, the
scaling ``dask-2 / dask-1`` (near 2 on two free cores: the cells are independent) and Dask's
overhead ``1 - dask-2 / local-2`` (the goal: under 10%). Every run must store the same
rows (every measured field, timings aside); a difference ends the benchmark with status 1.
The machine's other load moves these figures: read them beside ``load_average``.

Usage: ``python benchmarks/bench_scale.py [--json] [--rounds N] [--specs A,B] [--seeds N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

try:
    import sva  # noqa: F401  (installed into the venv)
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sva.experiment.dask_executor import dask_executor
from sva.experiment.executor import LocalExecutor
from sva.experiment.presets import get_preset
from sva.experiment.runner import run_experiment
from sva.results.fields import figures
from sva.results.store import load_rows

SIDES = ("local-2", "dask-1", "dask-2")


@dataclass(frozen=True)
class Result:
    """One executor's throughput over the rounds."""

    executor: str
    cells: int
    cells_per_minute: float
    seconds: tuple[float, ...]
    startup_s: float


def _rows(out: Path) -> dict[str, dict]:
    return {row["cell"]: figures(row) for row in load_rows(out)}


def _run(side: str, preset, out: Path) -> tuple[float, float]:
    """(seconds for the cells, seconds to start the executor) of one run of ``preset``."""
    quiet = lambda row: None  # noqa: E731
    if side == "local-2":
        started = time.monotonic()
        run_experiment(preset, out, executor=LocalExecutor(2), progress=quiet)
        return time.monotonic() - started, 0.0
    opening = time.monotonic()
    with dask_executor(workers=int(side.split("-")[1])) as session:
        startup = time.monotonic() - opening
        started = time.monotonic()
        run_experiment(preset, out, executor=session.executor, progress=quiet)
        return time.monotonic() - started, startup


def _task_overhead_ms(count: int = 200) -> dict[str, float]:
    """Milliseconds per no-op task on a LocalCluster of 2 workers and on the local executor."""
    tasks = list(range(count))
    with dask_executor(workers=2) as session:
        list(session.executor.run(abs, tasks[:4], timeout=60))  # each worker's cell process started
        started = time.monotonic()
        list(session.executor.run(abs, tasks, timeout=60))
        dask = time.monotonic() - started
    started = time.monotonic()
    list(LocalExecutor(2).run(abs, tasks, timeout=60))
    local = time.monotonic() - started
    return {"dask-2": round(1000 * dask / count, 2), "local-2": round(1000 * local / count, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--specs", default=None, help="comma-separated specs (default: the smoke preset's)")
    parser.add_argument("--seeds", type=int, default=None)
    options = parser.parse_args(argv)
    specs = tuple(options.specs.split(",")) if options.specs else None
    preset = get_preset("smoke").with_overrides(specs=specs, seeds=options.seeds)

    seconds: dict[str, list[float]] = {side: [] for side in SIDES}
    startup: dict[str, list[float]] = {side: [] for side in SIDES}
    reference, cells = None, 0
    with tempfile.TemporaryDirectory(prefix="sva-bench-scale-") as scratch:
        for round_ in range(options.rounds):
            order = SIDES[round_ % 3:] + SIDES[:round_ % 3]
            for side in order:
                out = Path(scratch, f"{side}-{round_}")
                spent, started = _run(side, preset, out)
                rows = _rows(out)
                if reference is None:
                    reference, cells = rows, len(rows)
                elif rows != reference:
                    print(f"bench_scale: {side} stored other rows than the first run", file=sys.stderr)
                    return 1
                seconds[side].append(round(spent, 2))
                startup[side].append(round(started, 2))
                if not options.json:
                    print(f"round {round_}: {side}: {cells} cells in {spent:.1f} s", file=sys.stderr, flush=True)

    results = [Result(side, cells, round(60 * cells / statistics.median(seconds[side]), 2), tuple(seconds[side]),
                      round(statistics.median(startup[side]), 2)) for side in SIDES]
    speed = {result.executor: result.cells_per_minute for result in results}
    summary = {"results": [asdict(result) for result in results],
               "scaling_dask2_over_dask1": round(speed["dask-2"] / speed["dask-1"], 3),
               "dask_overhead_vs_local": round(1 - speed["dask-2"] / speed["local-2"], 3),
               "task_overhead_ms": _task_overhead_ms(),
               "mean_cell_seconds_local": round(statistics.median(seconds["local-2"]) * 2 / cells, 2),
               "cores": os.cpu_count(), "load_average": [round(load, 2) for load in os.getloadavg()]}
    if options.json:
        print(json.dumps(summary, indent=2))
    else:
        for result in results:
            print(f"{result.executor:8} {result.cells_per_minute:7.2f} cells/min  "
                  f"(runs: {', '.join(f'{value:.1f} s' for value in result.seconds)}; start {result.startup_s:.1f} s)")
        print(f"scaling dask-2 / dask-1: {summary['scaling_dask2_over_dask1']:.2f}; "
              f"Dask's overhead against local-2: {100 * summary['dask_overhead_vs_local']:.1f}%; "
              f"load average {summary['load_average']}")
        print(f"per task: dask-2 {summary['task_overhead_ms']['dask-2']} ms, local-2 "
              f"{summary['task_overhead_ms']['local-2']} ms; a cell takes ~{summary['mean_cell_seconds_local']} s "
              f"of a core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
