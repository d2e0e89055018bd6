"""``sva run``: every cell (spec x generator x seed) generated, analyzed and trusted, then stored.

One cell, a pure function of its :class:`~sva.experiment.cell.CellTask`, is
:func:`sva.experiment.cell.run_cell`: it returns the cell's database row, a ``failed`` one
naming the stage and the reason on any error of its own; what it cannot report (a crash of its
process, a hang past ``cell_seconds``) the executor reports, and the runner stores that as a
failed row too. One cell's failure never stops the run.

The runner plans the cells, records the run, skips every cell already stored with the same
configuration hash (so a second run of the same command, or a run restarted after a kill,
does only what is missing), and stores each row the moment it arrives. Seed 0 of every
(spec, generator) is dispatched first, then seed 1, and so on. A generator that declares itself
deterministic (:attr:`sva.generate.Generator.deterministic`: design ignores the seed) gets one
cell per spec, seed 0, whatever the number of seeds: ``--seeds 5`` over 2 specs and design and
search plans 2 design cells and 10 search cells, not 20 cells of which 8 are copies. A cell whose
artifact still has the same bytes as a measured one (two specs sharing a design, say), measured
with the same settings, has its measurements copied, and ``reused_from`` names the source cell.

Artifacts a user brings (``sva run --external DIR``, :mod:`sva.generate.external`) are
cells too, ``<spec>/external:<label>/seed-<i>``, one per file, planned after the preset's cells
and measured the same way. Their configuration holds the file's and the folder's hashes; a
changed file is a new configuration, which is measured again (its new row is the one the latest
run reads) rather than refused like a preset cell made with other settings.
"""

from __future__ import annotations

import json
import time
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from sva.core.artifact import config_hash
from sva.core.settings import merge_config
from sva.errors import OutputError, UsageError
from sva.experiment.cell import WRITE_STAGE, CellTask, ShippedCell, lost_row, run_cell, ship_cell, store_files
from sva.experiment.executor import Executor, Finished, Outcome, make_executor
from sva.experiment.presets import Preset
from sva.families import get_spec
from sva.generate import get_generator
from sva.generate.external import config_of, is_external
from sva.progress import ProgressLine
from sva.results.store import ResultsDB, now


def plan_cells(preset: Preset, results_dir: str | Path, external: Any = None) -> list[CellTask]:
    """The cells of ``preset`` in dispatch order: seed-major, then spec, then generator (none for a
    generator the spec's family does not offer, :meth:`~sva.generate.Generator.offers`; seed 0
    alone for a deterministic one); then one cell per artifact of ``external`` (an
    :class:`sva.generate.external.ExternalFolder`)."""
    tasks = []
    specs = [get_spec(name) for name in preset.spec_names()]
    for seed in range(preset.seeds):
        for spec in specs:
            for name in preset.generators:
                generator = get_generator(name)
                if not generator.offers(spec) or (seed > 0 and generator.deterministic):
                    continue  # no such generator (search-modular on networks), or one artifact per spec
                settings = preset.generator_settings(name, spec.family)
                configuration = merge_config(generator.default_config(spec), settings)
                tasks.append(CellTask(spec.name, spec.family, name, seed, configuration, dict(preset.trust),
                                      str(results_dir), preset.name))
    if external is not None:
        tasks.extend(CellTask(artifact.spec, artifact.family, artifact.generator, artifact.index,
                              config_of(artifact, external), dict(preset.trust), str(results_dir), preset.name)
                     for artifact in external.artifacts)
    return tasks


# --------------------------------------------------------------------------------------------
# The run


class Progress:
    """The progress line of ``sva run`` (:class:`sva.progress.ProgressLine` over cells,
    counting failed ones): one line per cell in a log, one self-rewriting line on a terminal."""

    def __init__(self, total: int, stream: Any = None) -> None:
        self.line = ProgressLine(total, "cells", "failed", **({"stream": stream} if stream is not None else {}))

    def update(self, row: Mapping[str, Any]) -> None:
        failed = row["status"] == "failed"
        note = ("failed: " + str(row.get("reason")) if failed else "done")[:160]
        self.line.update(str(row["cell"]), counted=failed, note=note)


@dataclass(frozen=True)
class RunSummary:
    """What one ``sva run`` did."""

    run_id: int
    results_dir: Path
    cells: int
    skipped: int
    ran: int
    failed: int
    seconds: float


def run_experiment(preset: Preset, results_dir: str | Path, *, argv: Sequence[str] = (),
                   executor: Executor | None = None, retry_failed: bool = False,
                   progress: Callable[[Mapping[str, Any]], None] | None = None, external: Any = None) -> RunSummary:
    """Run every cell of ``preset`` (and of the ``external`` folder's artifacts, an
    :class:`sva.generate.external.ExternalFolder`) not yet stored in ``results_dir``; store
    each as it ends."""
    started = time.monotonic()
    root = Path(results_dir)
    tasks = plan_cells(preset, root, external)
    with ResultsDB(root) as db:
        _refuse_clashes(db, tasks, root)
        run_id = db.start_run(argv, preset.name, _run_settings(preset, external),
                              [(task.cell, task.config_hash) for task in tasks])
        stored = db.stored()
        pending = [task for task in tasks
                   if (task.cell, task.config_hash) not in stored
                   or (retry_failed and stored[(task.cell, task.config_hash)] == "failed")]
        executor = executor or make_executor(preset.worker_count())
        report = progress or Progress(len(pending)).update
        failed = 0
        ships = getattr(executor, "ships_artifacts", False)  # its workers write no shared folder
        outcomes = executor.run(ship_cell if ships else run_cell, pending, timeout=preset.cell_seconds)
        with closing(outcomes):  # a refused write ends the run here: the workers stop with it
            for task, outcome in outcomes:
                row = {**_row_of(task, outcome, root), "run_id": run_id}
                db.put(row)
                failed += row["status"] == "failed"
                report(row)
        db.finish_run(run_id)
    return RunSummary(run_id, root, len(tasks), len(tasks) - len(pending), len(pending), failed,
                      round(time.monotonic() - started, 1))


def _refuse_clashes(db: ResultsDB, tasks: Sequence[CellTask], root: Path) -> None:
    """A :class:`UsageError` if ``root`` holds a preset cell made with another configuration."""
    hashes = db.config_hashes()
    clashes = [task.cell for task in tasks if not is_external(task.generator)
               and hashes.get(task.cell, {task.config_hash}) - {task.config_hash}]
    if clashes:
        raise UsageError(f"{root} already holds {len(clashes)} of these cells (e.g. {clashes[0]}) "
                         f"made with another configuration; choose another --out folder")


def _run_settings(preset: Preset, external: Any) -> dict[str, Any]:
    """What the run's record holds about how it was run."""
    settings: dict[str, Any] = {"preset": asdict(preset), "workers": preset.worker_count()}
    if external is not None:
        settings["external"] = {"dir": external.root, "sha256": external.sha256,
                                "artifacts": len(external.artifacts)}
    return settings


def _row_of(task: CellTask, outcome: Outcome, root: Path) -> dict[str, Any]:
    """The row to store for a cell's outcome (a shipped cell's files written under ``root``);
    an :class:`OutputError` for a cell that could not write into the results folder."""
    if isinstance(outcome, Finished) and isinstance(outcome.value, ShippedCell):
        store_files(root, outcome.value.files)
        row = dict(outcome.value.row)
    elif isinstance(outcome, Finished):
        row = dict(outcome.value)
    else:
        row = lost_row(task, outcome.reason, outcome.seconds)
    if row["status"] == "failed" and row.get("stage") == WRITE_STAGE:
        raise OutputError(row["reason"])
    return row


def summary_lines(summary: RunSummary) -> list[str]:
    """The lines ``sva run`` prints at the end."""
    return [f"{summary.cells} cells: {summary.ran} run now ({summary.failed} failed), "
            f"{summary.skipped} already stored; {summary.seconds:.1f} s",
            f"results: {summary.results_dir / 'results.sqlite'}"]


def to_json(summary: RunSummary) -> str:
    return json.dumps({**asdict(summary), "results_dir": str(summary.results_dir)}, sort_keys=True)
