"""``sva run``: every cell (spec x generator x seed) generated, analyzed and trusted, then stored.

A cell is a pure function of its :class:`CellTask` (spec, generator, seed, generator
configuration, trust settings): :func:`run_cell` writes the artifact under
``DIR/artifacts/<spec>/<generator>/seed-<n>.py`` and returns the cell's database row. It
catches every error of its own and returns it as a ``failed`` row naming the stage and the
reason; what it cannot report (a crash of its process, a hang past ``cell_seconds``) the
executor reports, and the runner stores that as a failed row too. One cell's failure never
stops the run.

The runner plans the cells, records the run, skips every cell already stored with the same
configuration hash (so a second run of the same command, or a run restarted after a kill,
does only what is missing), and stores each row the moment it arrives. Seed 0 of every
(spec, generator) is dispatched first, then seed 1, and so on, so that the cells of a
deterministic generator (design ignores the seed) find their twin already measured: when a
cell's artifact has the same bytes as a measured one, measured with the same settings, its
measurements are copied and ``reused_from`` names the source cell.

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

from sva.errors import OutputError, UsageError
from sva.progress import ProgressLine
from sva.experiment.executor import Executor, Finished, make_executor
from sva.results.fields import MEASUREMENT_COLUMNS
from sva.experiment.presets import Preset
from sva.results.store import ResultsDB, find_reusable, now, write_failure
from sva.core.artifact import config_hash

ARTIFACTS = "artifacts"


@dataclass(frozen=True)
class CellTask:
    """Everything one cell needs; picklable, so any executor can ship it to a worker."""

    spec: str
    family: str
    generator: str
    seed: int
    generator_config: Mapping[str, Any]
    trust: Mapping[str, Any]
    results_dir: str
    preset: str
    # Where the cell writes its artifact folder (default: ``results_dir``). A Dask worker writes
    # into a scratch folder of its own and ships the files back (:func:`ship_cell`), so that the
    # client stays the only writer of ``results_dir``. Not part of the cell's key.
    scratch_dir: str | None = None

    @property
    def cell(self) -> str:
        return f"{self.spec}/{self.generator}/seed-{self.seed}"

    @property
    def measure_hash(self) -> str:
        """Hash of how the cell is measured (the trust settings and this sva's version)."""
        from sva import __version__
        from sva.generate.external import is_external

        measured = {"trust": dict(self.trust), "sva": __version__}
        if is_external(self.generator):  # its own tests are part of how it is measured
            measured["tests_sha256"] = self.generator_config.get("tests_sha256")
        return config_hash(measured)

    @property
    def config(self) -> dict[str, Any]:
        """The configuration stored with the row; its hash is part of the cell's key."""
        return {"generator": dict(self.generator_config), "trust": dict(self.trust),
                "measure_hash": self.measure_hash}

    @property
    def config_hash(self) -> str:
        return config_hash({"cell": self.cell, **self.config})


def plan_cells(preset: Preset, results_dir: str | Path, external: Any = None) -> list[CellTask]:
    """The cells of ``preset`` in dispatch order: seed-major, then spec, then generator (none for a
    generator the spec's family does not offer, :meth:`~sva.generate.Generator.offers`); then one
    cell per artifact of ``external`` (an :class:`sva.generate.external.ExternalFolder`)."""
    from sva.core.settings import merge_config
    from sva.generate import get_generator
    from sva.families import get_spec

    tasks = []
    specs = [get_spec(name) for name in preset.spec_names()]
    for seed in range(preset.seeds):
        for spec in specs:
            for name in preset.generators:
                generator = get_generator(name)
                if not generator.offers(spec):
                    continue  # the family has no such generator (search-modular on sorting networks)
                settings = preset.generator_settings(name, spec.family)
                configuration = merge_config(generator.default_config(spec), settings)
                tasks.append(CellTask(spec.name, spec.family, name, seed, configuration, dict(preset.trust),
                                      str(results_dir), preset.name))
    if external is not None:
        from sva.generate.external import config_of

        tasks.extend(CellTask(artifact.spec, artifact.family, artifact.generator, artifact.index,
                              config_of(artifact, external), dict(preset.trust), str(results_dir), preset.name)
                     for artifact in external.artifacts)
    return tasks


# --------------------------------------------------------------------------------------------
# One cell (runs in a worker process)


def _relative(path: Path, root: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def _trust_config(settings: Mapping[str, Any]) -> Any:
    from sva.trust import TrustConfig

    return TrustConfig(**settings)


def run_cell(task: CellTask) -> dict[str, Any]:
    """Generate, analyze and trust one cell; return its row (``failed`` with a reason on error)."""
    from sva.generate import generate, write_artifact
    from sva.core.artifact import versions
    from sva.measure.analysis import analyze_source
    from sva.families import get_spec
    from sva.families import family_of
    from sva.trust import evaluate, prepare
    from sva.sandbox.probe import annotate
    from sva.core.family import Judgement

    started = time.monotonic()
    root = Path(task.results_dir)
    out = Path(task.scratch_dir) if task.scratch_dir is not None else root
    row: dict[str, Any] = {"cell": task.cell, "config_hash": task.config_hash, "spec": task.spec,
                           "family": task.family, "generator": task.generator, "seed": task.seed,
                           "config": task.config, "status": "done"}
    stage = "generate"
    try:
        spec = get_spec(task.spec)
        own = tuple(declared.name for declared in family_of(spec).fields)  # the family's own fields
        artifact = generate(spec, task.generator, task.seed, task.generator_config)
        stage = WRITE_STAGE
        module = write_artifact(artifact, out / ARTIFACTS)
        stage = "generate"
        row.update(module=_relative(module, out), sha256=artifact.sha256,
                   tests_module=(_relative(module.with_name(f"{artifact.stem}_test.py"), out)
                                 if artifact.tests_source is not None else None),
                   versions={**artifact.versions, **versions(("scipy", "radon", "coverage", "pytest"))})
        search = artifact.search
        if search is not None:
            curves = search.best_fitness_per_generation
            row.update(search_success=bool(search.success), search_evaluations=search.evaluations,
                       best_fitness_per_generation=None if curves is None else [list(curve) for curve in curves])
        row["generate_seconds"] = round(time.monotonic() - started, 3)

        reused = find_reusable(root, artifact.sha256, task.measure_hash)
        if reused is not None:  # these very bytes were measured with these settings already
            row.update({name: reused.get(name) for name in (*MEASUREMENT_COLUMNS, *own, "survivors", "detail")})
            row.update(reused_from=reused["cell"], analyze_seconds=0.0, trust_seconds=0.0)
        else:
            stage = "analyze"
            clock = time.monotonic()
            analysis = analyze_source(artifact.source, str(module), entry=spec.entry)
            row.update({name: value for name, value in analysis.metrics.items() if name in MEASUREMENT_COLUMNS})
            row["analyze_seconds"] = round(time.monotonic() - clock, 3)

            stage = "trust"
            clock = time.monotonic()
            report = evaluate(prepare(module, spec.name, spec.entry), _trust_config(task.trust), analysis)
            row["trust_seconds"] = round(time.monotonic() - clock, 3)
            if report.failure is not None:
                raise _CellFailure(report.failure)
            for name, value in report.fields().items():
                if name in MEASUREMENT_COLUMNS and (value is not None or name not in row):
                    row[name] = value
            row["survivors"] = len(report.survivors)
            if report.family_fields is not None:  # what the family's probe measured in the sandbox
                row.update({name: report.family_fields.get(name) for name in own})
            if report.mutation_error:
                row["detail"] = f"mutation analysis: {report.mutation_error}"
        if any(row.get(name) is not None for name in own):  # the manifest carries it, as sva generate's does
            stage = WRITE_STAGE
            annotate(module, spec, Judgement(fields={name: row.get(name) for name in own}))
    except Exception as error:  # a cell's failure is data, stored with its reason
        from sva.errors import SvaError

        row.update(status="failed", stage=stage, reason=_reason(error))
        if stage == WRITE_STAGE:  # the folder's fault, not the cell's: the system's reason, for the runner
            cause = error.__context__ if isinstance(error.__context__, OSError) else error
            row["reason"] = str(write_failure(out / ARTIFACTS, cause))
        elif not isinstance(error, (_CellFailure, SvaError)):  # our own errors say it all in the reason
            import traceback

            row["detail"] = traceback.format_exc(limit=8)[-4000:]
    row["wall_seconds"] = round(time.monotonic() - started, 3)
    row["finished_at"] = now()
    return row


#: The stage of a cell that could not write its files into the results folder (a full disk, a
#: folder made read-only): not a fact about the cell, so the runner stops with one line instead of
#: storing it (:func:`run_experiment`).
WRITE_STAGE = "write"


class _CellFailure(Exception):
    """The cell could not be measured for a reason already written in words."""


def _reason(error: BaseException) -> str:
    """One line: our own errors by their message, anything else as ``Type: message``."""
    from sva.errors import SvaError, one_line, typed_line

    if isinstance(error, (SvaError, _CellFailure)):
        return one_line(error, limit=2000)
    return typed_line(error, limit=2000)


@dataclass(frozen=True)
class ShippedCell:
    """A cell's row with the files it wrote (paths relative to the results folder, bytes), for an
    executor whose workers do not write the results folder themselves."""

    row: Mapping[str, Any]
    files: tuple[tuple[str, bytes], ...]


def ship_cell(task: CellTask) -> ShippedCell:
    """:func:`run_cell` in a scratch folder of this machine; its artifact files returned as data."""
    import dataclasses
    import tempfile

    with tempfile.TemporaryDirectory(prefix="sva-cell-") as scratch:
        row = run_cell(dataclasses.replace(task, scratch_dir=scratch))
        files = tuple((path.relative_to(scratch).as_posix(), path.read_bytes())
                      for path in sorted(Path(scratch, ARTIFACTS).rglob("*"))
                      if path.is_file() and "__pycache__" not in path.parts)
    return ShippedCell(row, files)


def store_files(root: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Write a shipped cell's files under ``root`` (each through a temporary file and a rename)."""
    from sva.atomic import write_bytes_atomically

    for name, data in files:
        path = root / name
        if path.resolve().is_relative_to(root.resolve() / ARTIFACTS):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_bytes_atomically(path, data)
            except OSError as error:
                raise write_failure(root / ARTIFACTS, error) from None


def lost_row(task: CellTask, reason: str, seconds: float) -> dict[str, Any]:
    """The row of a cell whose worker never returned."""
    return {"cell": task.cell, "config_hash": task.config_hash, "spec": task.spec, "family": task.family,
            "generator": task.generator, "seed": task.seed, "config": task.config, "status": "failed",
            "stage": "worker", "reason": reason, "wall_seconds": round(seconds, 3), "finished_at": now()}


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
    from sva.generate.external import is_external

    started = time.monotonic()
    root = Path(results_dir)
    tasks = plan_cells(preset, root, external)
    with ResultsDB(root) as db:
        hashes = db.config_hashes()
        clashes = [task.cell for task in tasks if not is_external(task.generator)
                   and hashes.get(task.cell, {task.config_hash}) - {task.config_hash}]
        if clashes:
            raise UsageError(f"{root} already holds {len(clashes)} of these cells (e.g. {clashes[0]}) "
                             f"made with another configuration; choose another --out folder")
        settings = {"preset": asdict(preset), "workers": preset.worker_count()}
        if external is not None:
            settings["external"] = {"dir": external.root, "sha256": external.sha256,
                                    "artifacts": len(external.artifacts)}
        run_id = db.start_run(argv, preset.name, settings, [(task.cell, task.config_hash) for task in tasks])
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
                if isinstance(outcome, Finished) and isinstance(outcome.value, ShippedCell):
                    store_files(root, outcome.value.files)
                    row = dict(outcome.value.row)
                elif isinstance(outcome, Finished):
                    row = dict(outcome.value)
                else:
                    row = lost_row(task, outcome.reason, outcome.seconds)
                if row["status"] == "failed" and row.get("stage") == WRITE_STAGE:
                    raise OutputError(row["reason"])
                row["run_id"] = run_id
                db.put(row)
                failed += row["status"] == "failed"
                report(row)
        db.finish_run(run_id)
    return RunSummary(run_id, root, len(tasks), len(tasks) - len(pending), len(pending), failed,
                      round(time.monotonic() - started, 1))


def summary_lines(summary: RunSummary) -> list[str]:
    """The lines ``sva run`` prints at the end."""
    return [f"{summary.cells} cells: {summary.ran} run now ({summary.failed} failed), "
            f"{summary.skipped} already stored; {summary.seconds:.1f} s",
            f"results: {summary.results_dir / 'results.sqlite'}"]


def to_json(summary: RunSummary) -> str:
    return json.dumps({**asdict(summary), "results_dir": str(summary.results_dir)}, sort_keys=True)
