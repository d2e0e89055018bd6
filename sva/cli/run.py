"""``sva run``: the experiment (:mod:`sva.experiment`), then its report (:mod:`sva.report`).

``sva run`` exits 0 when the run finished (whatever its cells scored), 1 when ``--external``
entries were skipped (each named on one ``sva:`` line) but the rest ran, 2 for bad input or a
results folder that stops taking writes midway (one line naming it; the rows stored before are
kept and the same command resumes).
"""

from __future__ import annotations

import argparse
import sys

from sva.errors import Exit
from sva.results.store import DEFAULT_RESULTS


def _count(name: str, minimum: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an int, got {name}={text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"expected {name} >= {minimum}, got {name}={value}")
        return value

    return parse


def _names(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if not names:
        raise argparse.ArgumentTypeError(f"expected comma-separated names, got {text!r}")
    return names


def run_parser(run: argparse.ArgumentParser) -> None:
    """Build ``sva run`` (its epilog lists the presets, so this loads them)."""
    from sva.experiment.presets import load_presets

    presets = load_presets()
    run.description = (
        "Generate, analyze and trust every cell (spec x generator x seed) of a preset in parallel worker processes "
        "(or on a Dask cluster), store one row per cell in DIR/results.sqlite (resumable: cells already stored are "
        "skipped), then write the report.")
    run.epilog = "presets: " + "; ".join(f"{name}: {preset.description}" for name, preset in presets.items())
    run.add_argument("--preset", default="default", help=f"one of: {', '.join(presets)} (default: default)")
    run.add_argument("--specs", type=_names, default=None, help="comma-separated spec names (default: the preset's)")
    run.add_argument("--generators", type=_names, default=None, help="comma-separated generators (default: the preset's)")
    run.add_argument("--seeds", type=_count("seeds", 1), default=None, help="seeds 0..N-1 per cell (default: the preset's)")
    where = run.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_count("workers", 1), default=None,
                       help="worker processes on this machine (default: the preset's, or one per core)")
    where.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="run the cells on the running Dask cluster whose scheduler is at ADDRESS "
                            "(tcp://HOST:PORT); its workers need sva installed with the dask extra")
    where.add_argument("--dask-workers", type=_count("dask-workers", 1), default=None, metavar="N",
                       help="run the cells on a Dask LocalCluster of N worker processes on this machine")
    run.add_argument("--out", default=DEFAULT_RESULTS, help=f"results folder (default: {DEFAULT_RESULTS})")
    run.add_argument("--external", metavar="DIR", default=None,
                     help="also measure the artifacts in DIR, laid out as DIR/<spec>/<label>/<name>.py (with an "
                          "optional test_<name>.py beside each): one cell per file, reported as external:<label>")
    run.add_argument("--retry-failed", action="store_true", help="run failed cells again instead of keeping them")
    run.add_argument("--no-report", action="store_true", help="do not write the report at the end")
    run.set_defaults(handler=run_command)


def run_command(args: argparse.Namespace) -> int:
    from sva.experiment.presets import get_preset
    from sva.experiment.runner import run_experiment, summary_lines

    preset = get_preset(args.preset).with_overrides(specs=args.specs, generators=args.generators,
                                                    seeds=args.seeds, workers=args.workers)
    external = _external(args.external, preset) if args.external is not None else None
    brought = (f", + {len(external.artifacts)} external artifacts ({', '.join(external.labels)})"
               if external is not None else "")
    head = (f"sva run: preset {preset.name}, {len(preset.spec_names())} specs x {len(preset.generators)} generators "
            f"x {preset.seeds} seeds{brought}")
    if args.scheduler is None and args.dask_workers is None:
        print(f"{head}, {preset.worker_count()} workers -> {args.out}", file=sys.stderr, flush=True)
        summary = run_experiment(preset, args.out, argv=sys.argv[1:], external=external,
                                 retry_failed=args.retry_failed)
    else:
        from sva.experiment.dask_executor import dask_executor

        with dask_executor(args.scheduler, args.dask_workers) as session:
            print(f"{head}, on {session.where} ({session.workers} workers now) -> {args.out}",
                  file=sys.stderr, flush=True)
            if session.dashboard is not None:
                print(f"Dask dashboard: {session.dashboard}", file=sys.stderr, flush=True)
            summary = run_experiment(preset, args.out, argv=sys.argv[1:], external=external,
                                     executor=session.executor, retry_failed=args.retry_failed)
    for line in summary_lines(summary):
        print(line)
    if not args.no_report:
        from sva.report import build_report

        files = build_report(summary.results_dir)
        print(f"report: {files.html}")
    return Exit.PARTIAL if external is not None and external.problems else Exit.OK


def _external(directory: str, preset):
    """The brought artifacts of ``directory`` for the run's specs; one ``sva:`` line on stderr for
    each entry skipped; an :class:`InputError` (status 2) when none is left."""
    from sva.errors import InputError, print_error
    from sva.generate.external import read_external, within_specs

    why = "add it with --specs" if preset.specs is not None else "it is not registered"
    folder = within_specs(read_external(directory), preset.spec_names(), why, directory)
    for problem in folder.problems:
        print_error(problem)
    if not folder.artifacts:
        raise InputError(f"{directory}: no artifact for this run's specs ({', '.join(preset.spec_names())}); "
                         f"add the folder's specs with --specs")
    return folder
