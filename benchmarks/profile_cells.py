"""Profile cells of ``sva run`` per stage and per function, the sandboxed children included.

Each cell named on the command line (``SPEC/GENERATOR/seed-N``, planned as the preset plans it)
runs in this process through :func:`sva.experiment.cell.run_cell` under cProfile, with
``SVA_PROFILE_CHILD`` set so that every sandboxed job (the trust baseline, the mutant batch)
writes its own cProfile stats (:mod:`sva.sandbox.child`). Printed per cell: the row's stage
seconds (generate, analyze, trust) and, for the cell process and for the children together,
the functions with the most cumulative time. ``docs/profile.md`` reports what it showed.

    .venv/bin/python benchmarks/profile_cells.py sort-16/search/seed-0 parity-6/design/seed-0
    .venv/bin/python benchmarks/profile_cells.py --top 30 --keep /tmp/prof psb-median/search/seed-1
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sva.experiment.cell import run_cell  # noqa: E402
from sva.experiment.presets import get_preset  # noqa: E402
from sva.experiment.runner import plan_cells  # noqa: E402


def _task(cell: str, preset: str, results: Path):
    spec, generator, seed = cell.split("/")
    number = int(seed.removeprefix("seed-"))
    chosen = get_preset(preset).with_overrides(specs=(spec,), generators=(generator,), seeds=number + 1)
    return next(task for task in plan_cells(chosen, results) if task.cell == cell)


def _top(stats: pstats.Stats, top: int, sort: str) -> str:
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    stats.sort_stats(sort).print_stats(top)
    return out.getvalue()


def profile(cell: str, preset: str, top: int, keep: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix="sva-profile-") as scratch:
        children = keep / cell.replace("/", "_") if keep else Path(scratch, "children")
        os.environ["SVA_PROFILE_CHILD"] = str(children)
        task = _task(cell, preset, Path(scratch, "results"))
        profiler = cProfile.Profile()
        row = profiler.runcall(run_cell, task)
        del os.environ["SVA_PROFILE_CHILD"]
        print(f"== {cell}: status {row['status']}, wall {row['wall_seconds']} s = generate "
              f"{row.get('generate_seconds')} + analyze {row.get('analyze_seconds')} + trust {row.get('trust_seconds')}"
              f"; mutants {row.get('mutants_total')}, killed {row.get('mutants_killed')}")
        if keep:
            profiler.dump_stats(str(children / "cell.prof"))
        print("-- the cell process (cumulative)")
        print(_top(pstats.Stats(profiler), top, "cumulative"))
        dumps = sorted(children.glob("*.prof")) if children.is_dir() else []
        for dump in dumps:
            if dump.name == "cell.prof":
                continue
            print(f"-- sandboxed child {dump.name} (cumulative)")
            print(_top(pstats.Stats(str(dump)), top, "cumulative"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cells", nargs="+", help="SPEC/GENERATOR/seed-N")
    parser.add_argument("--preset", default="default")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--keep", type=Path, default=None, help="keep the .prof files under this folder")
    args = parser.parse_args()
    for cell in args.cells:
        profile(cell, args.preset, args.top, args.keep)


if __name__ == "__main__":
    main()
