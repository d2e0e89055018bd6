"""The experiment runner: presets, the executor, the results database, resuming after a kill."""

from __future__ import annotations

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
from hypothesis import given, settings, strategies as st

from sva.errors import UsageError
from sva.experiment.executor import Finished, InlineExecutor, LocalExecutor, Lost
from sva.experiment.presets import get_preset, load_presets
from sva.results.fields import figures
from sva.results.store import columns, export_csv, latest_run, load_rows, store_rows
from sva.experiment.runner import plan_cells, run_experiment

from tests.conftest import ROOT, load_benchmark

SMALL = dict(specs=("parity-3",), seeds=2)  # three cells: one design (deterministic), two search


# ---------------------------------------------------------------------------------------------
# Presets


def test_presets_are_data_with_the_issue_s_sizes():
    presets = load_presets()
    assert set(presets) >= {"smoke", "default", "full"}
    assert presets["full"].seeds == 30
    assert presets["full"].specs is None  # every spec
    assert len(presets["default"].specs) == 45 and len(presets["feynman"].specs) == 120
    assert presets["smoke"].seeds == 2 and presets["smoke"].trust["examples"] == 25
    assert presets["smoke"].generator_settings("search", "boolean") == {"population_size": 100, "generations": 8}
    assert presets["smoke"].generator_settings("design", "boolean") == {}


def test_unknown_preset_and_bad_overrides_are_usage_errors():
    with pytest.raises(UsageError, match="unknown preset 'huge'; known presets: smoke, default, beyond, feynman, auto, full"):
        get_preset("huge")
    with pytest.raises(UsageError, match="seeds=0"):
        get_preset("smoke").with_overrides(seeds=0)
    with pytest.raises(UsageError, match="unknown generator 'magic'"):
        get_preset("smoke").with_overrides(generators=("magic",))
    with pytest.raises(UsageError, match="unknown spec 'nope'"):
        get_preset("smoke").with_overrides(specs=("nope",)).spec_names()


def test_cells_are_planned_seed_major_with_the_preset_s_settings(tmp_path):
    preset = get_preset("smoke").with_overrides(specs=("parity-3", "mux-6"), seeds=2)
    tasks = plan_cells(preset, tmp_path)
    # design is deterministic: one cell per spec (seed 0), however many seeds search gets
    assert [task.cell for task in tasks] == [
        "parity-3/design/seed-0", "parity-3/search/seed-0", "mux-6/design/seed-0", "mux-6/search/seed-0",
        "parity-3/search/seed-1", "mux-6/search/seed-1"]
    search = tasks[1].generator_config
    assert search["population_size"] == 100 and search["generations"] == 8 and search["tournament_size"] == 7
    assert len({task.config_hash for task in tasks}) == len(tasks)
    # The same preset planned again (another process would do the same) gives the same keys.
    assert [task.config_hash for task in plan_cells(preset, tmp_path)] == [task.config_hash for task in tasks]
    # A change of trust settings changes every key.
    other = plan_cells(get_preset("default").with_overrides(specs=("parity-3", "mux-6"), seeds=2), tmp_path)
    assert not {task.config_hash for task in other} & {task.config_hash for task in tasks}



@settings(max_examples=25, deadline=None)
@given(seeds=st.integers(min_value=1, max_value=12),
       specs=st.lists(st.sampled_from(["parity-3", "mux-6", "sort-4", "feynman-I.29.4"]), min_size=1, max_size=4,
                      unique=True),
       generators=st.lists(st.sampled_from(["design", "search"]), min_size=1, max_size=2, unique=True))
def test_a_deterministic_generator_gets_one_cell_per_spec_whatever_the_seeds(seeds, specs, generators):
    preset = get_preset("smoke").with_overrides(specs=tuple(specs), generators=tuple(generators), seeds=seeds)
    cells = [task.cell for task in plan_cells(preset, "/nowhere")]
    design = [cell for cell in cells if "/design/" in cell]
    search = [cell for cell in cells if "/search/" in cell]
    assert design == ([f"{spec}/design/seed-0" for spec in specs] if "design" in generators else [])
    assert len(search) == len(set(search)) == (len(specs) * seeds if "search" in generators else 0)
    assert len(cells) == len(set(cells))

# ---------------------------------------------------------------------------------------------
# Executor (standard-library functions, so the spawned workers can import them)


def test_local_executor_reports_values_errors_crashes_and_hangs_separately():
    executor = LocalExecutor(2)
    outcomes = dict(executor.run(math.sqrt, [4.0, -1.0, 9.0], timeout=30))
    assert outcomes[4.0] == Finished(2.0, outcomes[4.0].seconds)
    assert outcomes[9.0].value == 3.0
    assert isinstance(outcomes[-1.0], Lost) and outcomes[-1.0].reason == "ValueError: math domain error"

    crashed = dict(executor.run(os._exit, [3], timeout=30))
    assert crashed[3] == Lost("the worker process exited with status 3", crashed[3].seconds)

    hung = dict(executor.run(time.sleep, [60, 0.01], timeout=1.0))
    assert hung[60].reason == "the cell ran past its 1 s wall-clock limit"
    assert hung[0.01].value is None


def test_inline_executor_has_the_same_contract():
    outcomes = dict(InlineExecutor().run(math.sqrt, [16.0, -4.0]))
    assert outcomes[16.0].value == 4.0
    assert outcomes[-4.0].reason == "ValueError: math domain error"


# ---------------------------------------------------------------------------------------------
# Running, storing, resuming


def _measured(rows):
    return [figures(row) for row in rows]


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("results")
    lines = []
    summary = run_experiment(get_preset("smoke").with_overrides(**SMALL), out, progress=lines.append)
    return out, summary, lines


def test_a_run_stores_one_done_row_per_cell(small_run):
    out, summary, lines = small_run
    assert (summary.cells, summary.ran, summary.skipped, summary.failed) == (3, 3, 0, 0)
    rows = load_rows(out)
    assert sorted(row["cell"] for row in rows) == ["parity-3/design/seed-0", "parity-3/search/seed-0",
                                                    "parity-3/search/seed-1"]
    assert len(lines) == 3
    for row in rows:
        assert row["status"] == "done" and row["reason"] is None
        assert (out / row["module"]).is_file()
        assert row["versions"]["sva"] and row["versions"]["deap"] == "1.4.4"
        assert row["config"]["generator"] and row["config"]["trust"]["examples"] == 25
        assert row["verified"] in (True, False)
    design = [row for row in rows if row["generator"] == "design"]
    # Design ignores the seed: one cell, verified (and so trusted: the Boolean family checks exactly).
    assert len(design) == 1 and design[0]["reused_from"] is None
    assert all(row["verified"] and row["mutation_score"] == 1.0 and row["decomposability"] > 0.5 for row in design)
    assert all(row["trusted"] is row["verified"] for row in rows)
    search = [row for row in rows if row["generator"] == "search"]
    # what the search generator declares about its construction (one function, no tests), which is
    # why the claims call design's lead on these two metrics structural rather than a finding
    from sva.generate import get_generator

    assert get_generator("search").settles("decomposability") and get_generator("search").settles("localization")
    assert all(row["decomposability"] == 0.0 and row["localization"] == 0.0 for row in search)
    assert all(isinstance(row["best_fitness_per_generation"], list) and row["search_evaluations"] > 0
               for row in search)


def test_running_again_skips_every_stored_cell(small_run):
    out, _, _ = small_run
    before = load_rows(out)
    summary = run_experiment(get_preset("smoke").with_overrides(**SMALL), out, progress=lambda row: None)
    assert (summary.ran, summary.skipped) == (0, 3)
    assert load_rows(out) == before
    assert latest_run(out)["run_id"] == 2


@pytest.mark.slow
def test_a_fresh_run_reproduces_artifacts_and_measurements(small_run, tmp_path):
    out, _, _ = small_run
    run_experiment(get_preset("smoke").with_overrides(**SMALL), tmp_path, progress=lambda row: None)
    for first, second in zip(load_rows(out), load_rows(tmp_path)):
        assert (out / first["module"]).read_bytes() == (tmp_path / second["module"]).read_bytes()
    assert _measured(load_rows(out)) == _measured(load_rows(tmp_path))


def test_another_configuration_into_the_same_folder_is_refused(small_run):
    out, _, _ = small_run
    with pytest.raises(UsageError, match="made with another configuration; choose another --out"):
        run_experiment(get_preset("default").with_overrides(**SMALL), out, progress=lambda row: None)


@pytest.mark.slow
def test_cells_over_their_time_limit_are_stored_as_failed_and_can_be_retried(tmp_path):
    import dataclasses

    preset = dataclasses.replace(get_preset("smoke").with_overrides(specs=("mux-6",), seeds=1, workers=2),
                                 cell_seconds=0.2)
    summary = run_experiment(preset, tmp_path, progress=lambda row: None)
    assert (summary.ran, summary.failed) == (2, 2)  # seeds=1: one design cell, one search cell
    rows = load_rows(tmp_path)
    assert {row["status"] for row in rows} == {"failed"}
    assert {row["reason"] for row in rows} == {"the cell ran past its 0.2 s wall-clock limit"}
    assert {row["stage"] for row in rows} == {"worker"}
    # Kept as they are by a plain rerun; run again by `sva run --retry-failed` (same keys: the
    # time limit is not part of a cell's configuration, and the smoke preset's own is 120 s).
    assert run_experiment(preset, tmp_path, progress=lambda row: None).ran == 0
    from sva.cli import main

    argv = ["run", "--preset", "smoke", "--specs", "mux-6", "--seeds", "1", "--workers", "2", "--out", str(tmp_path),
            "--no-report"]
    assert main(argv) == 0
    assert [row["status"] for row in load_rows(tmp_path)] == ["failed", "failed"]  # without the flag: kept
    assert main([*argv, "--retry-failed"]) == 0
    assert [row["status"] for row in load_rows(tmp_path)] == ["done", "done"]


def test_a_cell_whose_generator_fails_is_a_failed_row_with_its_stage(tmp_path):
    from sva.experiment.cell import CellTask, run_cell

    task = CellTask("parity-3", "boolean", "search", 0, {"population_size": "many"}, {}, str(tmp_path), "smoke")
    row = run_cell(task)
    assert row["status"] == "failed" and row["stage"] == "generate"
    assert "population_size='many'" in row["reason"]
    assert row.get("module") is None


def _database_rows(out: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(out / "results.sqlite") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return connection.execute("SELECT cell, status FROM cells ORDER BY cell").fetchall()


@pytest.mark.slow
def test_a_run_killed_with_sigkill_resumes_with_every_cell_exactly_once(tmp_path):
    """Kill a real ``sva run`` (SIGKILL, no chance to clean up) twice, at two moments, then let
    it finish: every cell is present once, no row is corrupt, and no worker outlives the run."""
    out = tmp_path / "results"
    command = [str(ROOT / ".venv" / "bin" / "sva"), "run", "--preset", "smoke", "--specs", "parity-3,mux-6",
               "--seeds", "3", "--out", str(out), "--no-report"]
    if not Path(command[0]).exists():
        command = [sys.executable, "-m", "sva", *command[1:]]
    expected = sorted([f"{spec}/design/seed-0" for spec in ("parity-3", "mux-6")]
                      + [f"{spec}/search/seed-{seed}" for spec in ("parity-3", "mux-6") for seed in range(3)])

    for kill_when_rows in (0, 3):  # while the workers start; after three cells are stored
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if kill_when_rows == 0 and (out / "results.sqlite").exists():
                time.sleep(1.0)
                break
            if kill_when_rows and (out / "results.sqlite").exists():
                try:
                    if len(_database_rows(out)) >= kill_when_rows:
                        break
                except sqlite3.Error:
                    pass
            time.sleep(0.1)
        assert process.poll() is None, "the run finished before it could be killed"
        group = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True).stdout.split()
        workers = [pid for pid in group if pid != str(process.pid)]
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        # The workers die with their parent (PR_SET_PDEATHSIG), although nobody signalled them.
        deadline = time.monotonic() + 10
        while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if _running(pid)], "workers outlived the killed run"
        stored = _database_rows(out)
        assert len(stored) == len({cell for cell, _ in stored}) < len(expected)

    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    stored = _database_rows(out)
    assert [cell for cell, _ in stored] == expected
    assert {status for _, status in stored} == {"done"}
    assert [row["cell"] for row in load_rows(out)] == [task.cell for task in plan_cells(
        get_preset("smoke").with_overrides(specs=("parity-3", "mux-6"), seeds=3), out)]


def _running(pid: str) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# ---------------------------------------------------------------------------------------------
# The database API


def test_export_writes_every_column_of_every_row(small_run, tmp_path):
    out, _, _ = small_run
    destination = tmp_path / "rows.csv"
    assert export_csv(out, destination) == 3
    import csv

    with destination.open(newline="") as stream:
        table = list(csv.reader(stream))
    assert tuple(table[0]) == columns()
    assert len(table) == 4
    row = dict(zip(table[0], table[1]))
    assert row["cell"] == "parity-3/design/seed-0" and row["status"] == "done"
    assert json.loads(row["config"])["trust"]["examples"] == 25


def test_store_rows_round_trips_json_and_booleans(tmp_path):
    rows = [{"cell": "x/design/seed-0", "config_hash": "h", "status": "done", "verified": True,
             "counterexample": {"input": [1, 2]}, "network": [[0, 1]], "decomposability": 0.5},
            {"cell": "x/search/seed-0", "config_hash": "h", "status": "failed", "reason": "boom", "verified": None}]
    store_rows(tmp_path, rows)
    loaded = load_rows(tmp_path)
    assert [row["cell"] for row in loaded] == ["x/design/seed-0", "x/search/seed-0"]
    assert loaded[0]["verified"] is True and loaded[0]["counterexample"] == {"input": [1, 2]}
    assert loaded[0]["network"] == [[0, 1]] and loaded[0]["decomposability"] == 0.5
    assert loaded[1]["reason"] == "boom" and loaded[1]["verified"] is None
    with pytest.raises(ValueError, match="not columns"):
        store_rows(tmp_path, [{"cell": "y", "config_hash": "h", "status": "done", "colour": "red"}])


def test_cli_errors_are_one_line(sva, tmp_path):
    result = sva("run", "--preset", "huge", "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "sva: unknown preset 'huge'; known presets: smoke, default, beyond, feynman, auto, full"]
    result = sva("run", "--seeds", "x")
    assert result.returncode == 2 and "expected an int, got seeds='x'" in result.stderr
    result = sva("export", "--results", str(tmp_path / "none"), "--csv", str(tmp_path / "a.csv"))
    assert result.returncode == 2 and "no results database here" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_compare_runs_tells_a_changed_row_from_a_slower_one(tmp_path, capsys):
    compare = load_benchmark("compare_runs")
    row = {"cell": "a", "config_hash": "h", "status": "done", "mutation_score": 0.5, "wall_seconds": 1.0,
           "detail": json.dumps({"timings": {"trust": 1.0}, "note": "x"})}
    store_rows(tmp_path / "before", [row, {**row, "cell": "b"}])
    store_rows(tmp_path / "slower", [{**row, "wall_seconds": 9.0, "detail": json.dumps({"timings": {"trust": 9.0},
                                                                                         "note": "x"})},
                                     {**row, "cell": "b"}])
    store_rows(tmp_path / "changed", [row, {**row, "cell": "b", "mutation_score": 0.75}, {**row, "cell": "c"}])
    assert compare.main([str(tmp_path / "before"), str(tmp_path / "slower")]) == 0
    assert "differing: 0" in capsys.readouterr().out
    assert compare.main([str(tmp_path / "before"), str(tmp_path / "changed" / "results.sqlite")]) == 1
    out = capsys.readouterr().out
    assert "b mutation_score: 0.5 | 0.75" in out and "in one run only: 1; differing: 1" in out
    assert compare.main([str(tmp_path / "before"), str(tmp_path / "nowhere")]) == 2
