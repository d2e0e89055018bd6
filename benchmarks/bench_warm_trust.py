"""Trust on one artifact with every sandboxed job cold (a child each) and warm (one server).

For each cell named (``SPEC/GENERATOR/seed-N``, generated as the default preset generates it),
the artifact is trusted ``--rounds`` times each way, alternating which goes first, and the
reports compared field by field (timings aside). Printed per cell: the median wall and CPU
seconds (this process and its children: the sandbox's) each way and their ratios. Under
bubblewrap the sandboxed processes' CPU seconds do not reach this process's count, so measure
CPU with ``SVA_SANDBOX=limits`` (the same jobs, without containment).

    SVA_SANDBOX=limits .venv/bin/python benchmarks/bench_warm_trust.py parity-3/search/seed-0 sort-8/design/seed-0
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from alternate import cpu_seconds  # noqa: E402
from profile_cells import _task  # noqa: E402

from sva.core.artifact import write_artifact  # noqa: E402
from sva.families import get_spec  # noqa: E402
from sva.generate import generate  # noqa: E402
from sva.trust import TrustConfig, evaluate, prepare  # noqa: E402


def _comparable(report) -> dict:
    data = asdict(report)
    data.pop("timings")
    for test in data.get("tests") or ():
        test.pop("seconds", None)
    return data


def bench(cell: str, rounds: int) -> None:
    with tempfile.TemporaryDirectory(prefix="sva-bench-warm-") as scratch:
        task = _task(cell, "default", Path(scratch))
        spec = get_spec(task.spec)
        module = write_artifact(generate(spec, task.generator, task.seed, task.generator_config), Path(scratch))
        config = TrustConfig(**task.trust)
        times: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        reports = {}
        for round_ in range(rounds):
            for warm in ((True, False) if round_ % 2 == 0 else (False, True)):
                wall, cpu = time.perf_counter(), cpu_seconds()
                report = evaluate(prepare(module, spec.name, spec.entry), config, warm=warm)
                times[warm].append((time.perf_counter() - wall, cpu_seconds() - cpu))
                reports.setdefault(warm, []).append(_comparable(report))
        same = all(report == reports[False][0] for reports_ in reports.values() for report in reports_)
        cold_wall = statistics.median(w for w, _ in times[False])
        cold_cpu = statistics.median(c for _, c in times[False])
        warm_wall = statistics.median(w for w, _ in times[True])
        warm_cpu = statistics.median(c for _, c in times[True])
        print(f"{cell}: cold {cold_wall:.2f} s wall {cold_cpu:.2f} s CPU, warm {warm_wall:.2f} s wall "
              f"{warm_cpu:.2f} s CPU; cold/warm {cold_wall / warm_wall:.2f}x wall {cold_cpu / warm_cpu:.2f}x CPU; "
              f"reports equal: {same}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cells", nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for cell in args.cells:
        bench(cell, args.rounds)


if __name__ == "__main__":
    main()
