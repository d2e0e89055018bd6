"""Cells on Dask (``sva run --dask-workers N`` / ``--scheduler ADDRESS``): the executor's contract,
rows identical to a local run, resuming across executors, a worker killed mid-run."""

from __future__ import annotations

import hashlib
import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from sva.experiment.dask_executor import dask_executor, run_in_child
from sva.experiment.executor import Finished, Lost
from sva.experiment.presets import get_preset
from sva.experiment.runner import plan_cells, run_experiment
from sva.results.fields import figures
from sva.results.store import load_rows

from tests.conftest import ROOT

MANIFEST_TIMINGS = {"wall_time_s", "cpu_time_s"}


@pytest.fixture(scope="module")
def session():
    with dask_executor(workers=2) as opened:
        yield opened


def _kill_my_dask_worker(_: int) -> None:
    """Runs in the cell's child: take the Dask worker process (its parent) down with it."""
    os.kill(os.getppid(), signal.SIGKILL)
    time.sleep(30)


def test_the_dask_executor_keeps_the_local_executor_s_contract(session):
    executor = session.executor
    assert session.workers == 2 and executor.ships_artifacts
    outcomes = dict(executor.run(math.sqrt, [4.0, -1.0, 9.0], timeout=30))
    assert outcomes[4.0] == Finished(2.0, outcomes[4.0].seconds) and outcomes[9.0].value == 3.0
    assert outcomes[-1.0] == Lost("ValueError: math domain error", outcomes[-1.0].seconds)
    # Identical tasks are not merged (pure=False): two equal tasks, two outcomes.
    assert len(list(executor.run(math.sqrt, [1.0, 1.0], timeout=30))) == 2

    crashed = dict(executor.run(os._exit, [3], timeout=30))
    assert crashed[3] == Lost("the worker process exited with status 3", crashed[3].seconds)
    hung = dict(executor.run(time.sleep, [60, 0.01], timeout=1.0))
    assert hung[60].reason == "the cell ran past its 1 s wall-clock limit"
    assert hung[0.01].value is None


@pytest.mark.slow
def test_a_task_that_kills_its_worker_every_time_ends_as_killed_worker(session):
    (task, outcome), = session.executor.run(_kill_my_dask_worker, [7], timeout=60)
    assert task == 7 and isinstance(outcome, Lost)
    assert outcome.reason.startswith("KilledWorker: the cell's Dask worker died")
    session.executor.client.wait_for_workers(2, timeout=60)  # the nannies restarted them


def test_run_in_child_is_one_local_worker():
    assert run_in_child(math.sqrt, 16.0, 30).value == 4.0
    assert run_in_child(os._exit, 5, 30).reason == "the worker process exited with status 5"


def _rows(out: Path) -> dict[str, dict]:
    return {row["cell"]: figures(row) for row in load_rows(out)}


def _files(out: Path) -> dict[str, str]:
    """Every artifact file's SHA-256 (manifests without their timings)."""
    found = {}
    for path in sorted((out / "artifacts").rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        data = path.read_bytes()
        if path.suffix == ".json":
            data = json.dumps(_strip_timings(json.loads(data)), sort_keys=True).encode()
        found[path.relative_to(out).as_posix()] = hashlib.sha256(data).hexdigest()
    return found


def _strip_timings(value):
    if isinstance(value, dict):
        return {key: _strip_timings(item) for key, item in value.items() if key not in MANIFEST_TIMINGS}
    return value


@pytest.mark.slow
def test_sva_run_on_two_dask_workers_stores_the_local_run_s_rows_and_resumes_across(session, tmp_path):
    preset = get_preset("smoke").with_overrides(specs=("parity-3",), seeds=2)  # three cells: design once
    local = tmp_path / "local"
    run_experiment(preset, local, progress=lambda row: None)

    dask = tmp_path / "dask"
    command = [str(ROOT / ".venv" / "bin" / "sva"), "run", "--preset", "smoke", "--specs", "parity-3",
               "--dask-workers", "2", "--out", str(dask), "--no-report"]
    if not Path(command[0]).exists():
        command = [sys.executable, "-m", "sva", *command[1:]]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    lines = finished.stderr.splitlines()
    assert "on a LocalCluster of 2 worker processes" in lines[0]
    # Dask's own logging stays out of it: the header, the progress lines, at most the dashboard.
    assert all(line.startswith(("sva run:", "[", "Dask dashboard: ")) for line in lines), lines
    assert len([line for line in lines if line.startswith("[")]) == 3

    assert _rows(dask) == _rows(local)
    assert {row["status"] for row in _rows(dask).values()} == {"done"}
    assert _files(dask) == _files(local)

    # Resuming works across executors: the local folder on Dask, the Dask folder locally.
    assert run_experiment(preset, local, executor=session.executor, progress=lambda row: None).ran == 0
    assert run_experiment(preset, dask, progress=lambda row: None).ran == 0


@pytest.mark.slow
def test_a_dask_worker_killed_mid_run_loses_and_duplicates_no_cell(session, tmp_path):
    client = session.executor.client
    client.wait_for_workers(2, timeout=60)
    preset = get_preset("smoke").with_overrides(specs=("parity-3", "mux-6"), generators=("search",), seeds=2)
    killed = []

    def kill_a_busy_worker(row) -> None:
        if killed:
            return
        pids = client.run(os.getpid)
        busy = [address for address, keys in client.processing().items() if keys]
        if busy:
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(busy[0])

    summary = run_experiment(preset, tmp_path, executor=session.executor, progress=kill_a_busy_worker)
    assert killed, "no worker was busy after the first cell"
    assert (summary.ran, summary.failed) == (4, 0)
    with sqlite3.connect(tmp_path / "results.sqlite") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = connection.execute("SELECT cell, status FROM cells ORDER BY cell").fetchall()
    assert sorted(cell for cell, _ in stored) == sorted(task.cell for task in plan_cells(preset, tmp_path))
    assert {status for _, status in stored} == {"done"}
