"""One cell of ``sva run``: the task, and the steps that turn it into a row (in a worker process).

A cell is a pure function of its :class:`CellTask` (spec, generator, seed, generator
configuration, trust settings): :func:`run_cell` writes the artifact under
``DIR/artifacts/<spec>/<generator>/seed-<n>.py`` and returns the cell's database row. It
catches every error of its own and returns it as a ``failed`` row naming the stage and the
reason; what it cannot report (a crash of its process, a hang past ``cell_seconds``) the
executor reports, and :func:`lost_row` words it. :func:`ship_cell` is :func:`run_cell` for a
worker that shares no disk with the results folder (Dask): the files come back as data and
:func:`store_files` writes them. The run around the cells is :mod:`sva.experiment.runner`.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence, TypeVar

from sva import __version__
from sva.atomic import write_bytes_atomically
from sva.core.artifact import Artifact, config_hash, versions, write_artifact
from sva.core.family import Judgement
from sva.core.spec import Spec
from sva.errors import SvaError, one_line, typed_line
from sva.families import family_of, get_spec
from sva.generate import generate
from sva.generate.external import is_external
from sva.results.fields import MEASUREMENT_COLUMNS
from sva.results.store import find_reusable, now, write_failure
from sva.sandbox.probe import annotate

T = TypeVar("T")

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
        measured: dict[str, Any] = {"trust": dict(self.trust), "sva": __version__}
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



def _relative(path: Path, root: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def run_cell(task: CellTask) -> dict[str, Any]:
    """Generate, analyze and trust one cell; return its row (``failed`` with a reason on error).

    The steps, each under the stage a failure of it is stored with: generate (the artifact),
    write (its files), generate (the row's description of it, and the search for a measured
    twin), then either the twin's measurements copied or analyze and trust, and write (the
    family's fields added to the manifest)."""
    started = time.monotonic()
    out = Path(task.scratch_dir) if task.scratch_dir is not None else Path(task.results_dir)
    row: dict[str, Any] = {"cell": task.cell, "config_hash": task.config_hash, "spec": task.spec,
                           "family": task.family, "generator": task.generator, "seed": task.seed,
                           "config": task.config, "status": "done"}
    try:
        _steps(task, row, out, started)
    except _StageFailed as failure:
        row.update(_failure_fields(failure, out))
    row["wall_seconds"] = round(time.monotonic() - started, 3)
    row["finished_at"] = now()
    return row


def _steps(task: CellTask, row: dict[str, Any], out: Path, started: float) -> None:
    """The cell's steps in order, each run by :func:`_step` under its stage; ``row`` filled in."""
    spec, own, artifact = _step("generate", _generate, task)
    module = _step(WRITE_STAGE, write_artifact, artifact, out / ARTIFACTS)
    _step("generate", _describe, row, artifact, module, out, started)
    reused = _step("generate", find_reusable, Path(task.results_dir), artifact.sha256, task.measure_hash)
    if reused is not None:  # these very bytes were measured with these settings already
        _step("generate", _copy_measurements, row, reused, own)
    else:
        analysis = _step("analyze", _analyze, row, artifact, module, spec)
        _step("trust", _trust, row, task, module, spec, analysis, own)
    if any(row.get(name) is not None for name in own):  # the manifest carries it, as sva generate's does
        _step(WRITE_STAGE, annotate, module, spec, Judgement(fields={name: row.get(name) for name in own}))


class _StageFailed(Exception):
    """A step of :func:`run_cell` raised ``error``; ``stage`` is the step's stage."""

    def __init__(self, stage: str, error: Exception) -> None:
        super().__init__(stage, error)
        self.stage = stage
        self.error = error


def _step(stage: str, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)``; an error of it is raised again as the failure of ``stage``."""
    try:
        return function(*args)
    except Exception as error:
        raise _StageFailed(stage, error) from error


def _generate(task: CellTask) -> tuple[Spec, tuple[str, ...], Artifact]:
    """The cell's spec, the names of the fields its family measures itself, and its artifact."""
    spec = get_spec(task.spec)
    own = tuple(declared.name for declared in family_of(spec).fields)
    return spec, own, generate(spec, task.generator, task.seed, task.generator_config)


def _describe(row: dict[str, Any], artifact: Artifact, module: Path, out: Path, started: float) -> None:
    """The row's account of the artifact: its files, bytes, versions, and what its search did."""
    row.update(module=_relative(module, out), sha256=artifact.sha256,
               tests_module=(_relative(module.with_name(f"{artifact.stem}_test.py"), out)
                             if artifact.tests_source is not None else None),
               versions={**artifact.versions, **versions(("scipy", "radon", "coverage", "pytest"))})
    row.update(_search_fields(artifact))
    row["generate_seconds"] = round(time.monotonic() - started, 3)


def _search_fields(artifact: Artifact) -> dict[str, Any]:
    """The row's fields from the manifest's ``search`` block (none for an artifact not searched)."""
    search = artifact.search
    if search is None:
        return {}
    curves = search.best_fitness_per_generation
    return dict(search_success=bool(search.success), search_evaluations=search.evaluations,
                best_fitness_per_generation=None if curves is None else [list(curve) for curve in curves])


def _copy_measurements(row: dict[str, Any], reused: Mapping[str, Any], own: tuple[str, ...]) -> None:
    row.update({name: reused.get(name) for name in (*MEASUREMENT_COLUMNS, *own, "survivors", "detail")})
    row.update(reused_from=reused["cell"], analyze_seconds=0.0, trust_seconds=0.0)


def _analyze(row: dict[str, Any], artifact: Artifact, module: Path, spec: Spec) -> Any:
    """The artifact's static measurements into ``row``; the analysis, for the trust step."""
    # imported here: 0.7 s (libcst, radon) that the ``sva run`` process itself never needs
    from sva.measure.analysis import analyze_source

    clock = time.monotonic()
    analysis = analyze_source(artifact.source, str(module), entry=spec.entry)
    row.update({name: value for name, value in analysis.metrics.items() if name in MEASUREMENT_COLUMNS})
    row["analyze_seconds"] = round(time.monotonic() - clock, 3)
    return analysis


def _trust(row: dict[str, Any], task: CellTask, module: Path, spec: Spec, analysis: Any,
           own: tuple[str, ...]) -> None:
    """The trust evaluation's fields into ``row``; :class:`_CellFailure` if it could not run."""
    # imported here: 0.2 s that the ``sva run`` process itself never needs
    from sva.trust import TrustConfig, evaluate, prepare

    clock = time.monotonic()
    report = evaluate(prepare(module, spec.name, spec.entry), TrustConfig(**task.trust), analysis)
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


def _failure_fields(failure: _StageFailed, out: Path) -> dict[str, Any]:
    """The fields of a failed cell's row: its stage, its reason, and a traceback for a bug."""
    error, stage = failure.error, failure.stage
    fields = {"status": "failed", "stage": stage, "reason": _reason(error)}
    if stage == WRITE_STAGE:  # the folder's fault, not the cell's: the system's reason, for the runner
        cause = error.__context__ if isinstance(error.__context__, OSError) else error
        fields["reason"] = str(write_failure(out / ARTIFACTS, cause))
    elif not isinstance(error, (_CellFailure, SvaError)):  # our own errors say it all in the reason
        fields["detail"] = "".join(traceback.format_exception(error, limit=8))[-4000:]
    return fields


#: The stage of a cell that could not write its files into the results folder (a full disk, a
#: folder made read-only): not a fact about the cell, so the runner stops with one line instead of
#: storing it (:func:`run_experiment`).
WRITE_STAGE = "write"


class _CellFailure(Exception):
    """The cell could not be measured for a reason already written in words."""


def _reason(error: BaseException) -> str:
    """One line: our own errors by their message, anything else as ``Type: message``."""
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
    with tempfile.TemporaryDirectory(prefix="sva-cell-") as scratch:
        row = run_cell(dataclasses.replace(task, scratch_dir=scratch))
        files = tuple((path.relative_to(scratch).as_posix(), path.read_bytes())
                      for path in sorted(Path(scratch, ARTIFACTS).rglob("*"))
                      if path.is_file() and "__pycache__" not in path.parts)
    return ShippedCell(row, files)


def store_files(root: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Write a shipped cell's files under ``root`` (each through a temporary file and a rename)."""
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
