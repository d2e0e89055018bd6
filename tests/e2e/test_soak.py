"""Durability of ``sva run``: killed at random moments, a disk that fills, a folder made
read-only, a machine under load.

Every test runs the real command in a subprocess on one smoke spec (parity-3, design and search,
two seeds: four cells) and judges only what is stored: each cell once, SQLite's integrity check,
the rows' figures (:func:`sva.results.fields.figures`, timings and bookkeeping aside) equal
to those of an uninterrupted run on an idle machine. When the kills land is drawn from a seeded
generator; whatever moment they hit, the assertions are the same, and none is about a duration.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import signal
import sqlite3
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sva.results.fields import figures
from sva.results.store import load_rows

from tests.conftest import ROOT

SPECS, SEEDS = "parity-3", 2
# design is deterministic: one cell (seed 0); search one per seed
CELLS = sorted([f"{SPECS}/design/seed-0"] + [f"{SPECS}/search/seed-{seed}" for seed in range(SEEDS)])
KILLS = 3  # bounded: each kill costs a start-up and the cells in flight


def _command(out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sva", "run", "--preset", "smoke", "--specs", SPECS, "--seeds", str(SEEDS),
            "--no-report", "--out", str(out), *extra]


def _run(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _stored(out: Path) -> dict[str, dict]:
    """Every stored row by cell, straight from the database, after its integrity check; a cell
    stored twice (under two keys) fails here."""
    with sqlite3.connect(f"file:{out / 'results.sqlite'}?mode=ro", uri=True, timeout=30) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.row_factory = sqlite3.Row
        rows = [dict(row) for row in connection.execute("SELECT * FROM cells")]
    cells = [row["cell"] for row in rows]
    assert len(cells) == len(set(cells)), f"a cell stored twice: {sorted(cells)}"
    return {row["cell"]: row for row in rows}


def _count(out: Path) -> int:
    """Rows stored so far (0 before the database exists or while it is being created)."""
    try:
        with sqlite3.connect(f"file:{out / 'results.sqlite'}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM cells").fetchone()[0]
    except sqlite3.Error:
        return 0


def _figures(out: Path) -> dict[str, dict]:
    return {row["cell"]: figures(row) for row in load_rows(out)}


def _differences(out: Path, reference: Path) -> list[str]:
    """``cell field: value != reference value`` for every figure that differs (empty: the same)."""
    mine, theirs = _figures(out), _figures(reference)
    return [f"{cell} {name}: {value!r} != {theirs.get(cell, {}).get(name)!r}"
            for cell in sorted(set(mine) | set(theirs)) for name, value in mine.get(cell, {}).items()
            if value != theirs.get(cell, {}).get(name)]


def _artifact_bytes(out: Path) -> dict[str, bytes]:
    """The artifact and test modules (the manifests beside them hold the search's wall and CPU time)."""
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted((out / "artifacts").rglob("*.py"))
            if not path.name.startswith(".") and "__pycache__" not in path.parts}


def _descendants(root: int) -> list[int]:
    """Every process below ``root`` now (from ``/proc``)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            found.append(child)
            stack.append(child)
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _end_sandbox_orphans(family: list[int]) -> None:
    """Stop what of the killed run's family outlived it. The workers die with the run's group; a
    sandbox child runs in a session of its own (``sva/sandbox/process.py``) and, unless the
    sandbox ties it to its parent, finishes its job as an orphan: harmless to the results (it
    writes only its own temporary folder) but CPU the next run would compete with."""
    deadline = time.monotonic() + 5
    while any(_running(pid) for pid in family) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in filter(_running, family):
        with contextlib.suppress(ProcessLookupError):  # it may end by itself meanwhile
            group = os.getpgid(pid)
            if group == pid:  # a sandbox child leads a group of its own (its setsid): end all of it
                os.killpg(group, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def idle(tmp_path_factory):
    """The uninterrupted run on a machine without a hog of ours: the figures every other run must store."""
    out = tmp_path_factory.mktemp("idle") / "results"
    result = _run(_command(out))
    assert result.returncode == 0, result.stderr
    assert sorted(_stored(out)) == CELLS
    return out


@pytest.mark.slow
def test_figures_beside_a_cpu_hog_equal_the_idle_run_s(idle, tmp_path):
    """Budgets count CPU time, so two processes spinning beside the run (one per core) make it
    slower and change none of its stored figures."""
    out = tmp_path / "results"
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        result = _run(_command(out))
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    assert result.returncode == 0, result.stderr
    assert sorted(_stored(out)) == CELLS
    assert _differences(out, idle) == []
    assert _artifact_bytes(out) == _artifact_bytes(idle)


@pytest.mark.slow
def test_sigkill_at_random_moments_then_resume_stores_every_cell_once_with_the_idle_figures(idle, tmp_path):
    """SIGKILL the run's whole process group after a seeded random delay, several times, resuming
    each time, then let it finish: every cell once, every stored row intact and done, and the same
    figures and artifact bytes as the uninterrupted run."""
    out = tmp_path / "results"
    rng = random.Random(19)
    killed = 0
    for _ in range(KILLS):
        process = subprocess.Popen(_command(out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            process.wait(timeout=rng.uniform(0.5, 10.0))
        except subprocess.TimeoutExpired:
            family = _descendants(process.pid)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            killed += 1
            _end_sandbox_orphans(family)
        else:  # it finished before the kill (a fast machine): nothing left to interrupt
            assert process.returncode == 0
            break
        if (out / "results.sqlite").exists():
            stored = _stored(out)  # integrity and no duplicate after every kill
            assert set(stored) <= set(CELLS)
            assert {row["status"] for row in stored.values()} <= {"done"}, "a kill stored a failed row"
    finished = _run(_command(out))
    assert finished.returncode == 0, finished.stderr
    assert sorted(_stored(out)) == CELLS
    assert {row["status"] for row in _stored(out).values()} == {"done"}
    assert _differences(out, idle) == []
    assert _artifact_bytes(out) == _artifact_bytes(idle)
    assert killed >= 1 or _count(out) == len(CELLS)


# ---------------------------------------------------------------------------------------------
# A results folder that stops taking writes midway


def _start_and_wait_for_rows(command: list[str], out: Path, rows: int = 1) -> subprocess.Popen:
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while process.poll() is None and _count(out) < rows:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before the folder could be spoiled"
    return process


def _one_error_line(process: subprocess.Popen) -> str:
    """Wait for the run; it must fail with status 2 and exactly one ``sva:`` line, no traceback."""
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 2, stderr
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("sva: ")]
    assert len(errors) == 1, stderr
    assert stderr.rstrip().splitlines()[-1] == errors[0]
    return errors[0]


def _kept(before: dict[str, dict], out: Path) -> dict[str, dict]:
    """Every row stored before the folder was spoiled is still there, byte for byte."""
    after = _stored(out)
    assert {cell: after.get(cell) for cell in before} == before
    return after


def _fill(folder: Path) -> Path:
    """Write a file in ``folder`` until its file system has no byte left."""
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    os.write(descriptor, b"\0" * size)
            except OSError as error:
                assert error.errno == errno.ENOSPC
    finally:
        os.close(descriptor)
    return filler


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MB tmpfs of its own as the results folder (root only: mounting needs CAP_SYS_ADMIN)."""
    folder = tmp_path / "results"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a small file system of its own needs root (mount -t tmpfs)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


@pytest.mark.slow
def test_a_disk_that_fills_midway_gives_one_line_and_keeps_every_stored_row(small_disk):
    out = small_disk
    process = _start_and_wait_for_rows(_command(out), out)
    before = _stored(out)
    filler = _fill(out)
    line = _one_error_line(process)
    assert str(out) in line and "disk full (" in line, line
    assert "run the same command again to resume" in line
    filler.unlink()
    after = _kept(before, out)
    assert len(after) < len(CELLS)


def _read_only(folder: Path, writable: bool) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode | 0o200 if writable else mode & ~0o222)


@pytest.mark.slow
def test_a_folder_made_read_only_midway_gives_one_line_and_keeps_every_stored_row(tmp_path):
    """Root ignores file permissions; without CAP_DAC_OVERRIDE (``setpriv``) it obeys them like anyone."""
    out = tmp_path / "results"
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("as root a read-only folder still takes writes, and setpriv (to drop that) is missing")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    # four search seeds and design once: cells left to refuse after the first row is stored
    process = _start_and_wait_for_rows([*prefix, *_command(out, "--seeds", "4")], out)
    before = _stored(out)
    _read_only(out, writable=False)
    try:
        line = _one_error_line(process)
    finally:
        _read_only(out, writable=True)
    assert str(out) in line and "permission denied (" in line, line
    after = _kept(before, out)
    assert len(after) < 1 + 4  # the run stopped before its last cell


# ---------------------------------------------------------------------------------------------
# The same refusals in process, on any machine (no root, no mount)


def test_a_full_database_is_one_output_error_and_the_rows_before_stay(tmp_path):
    """``PRAGMA max_page_count`` makes SQLite's own ``SQLITE_FULL`` without filling a disk."""
    from sva.errors import OutputError
    from sva.results.store import ResultsDB

    with ResultsDB(tmp_path) as db:
        db.put({"cell": "x/design/seed-0", "config_hash": "h", "status": "done", "sloc": 3})
        pages = db.connection.execute("PRAGMA page_count").fetchone()[0]
        db.connection.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(OutputError) as raised:
            db.put({"cell": "x/design/seed-1", "config_hash": "h", "status": "failed", "detail": "x" * 100_000})
    assert str(raised.value) == (f"{tmp_path / 'results.sqlite'}: cannot write the results: disk full (database or "
                                 f"disk is full); the rows stored before are kept: make room (or make the folder "
                                 f"writable) and run the same command again to resume")
    assert {cell: row["sloc"] for cell, row in _stored(tmp_path).items()} == {"x/design/seed-0": 3}


def test_a_cell_that_cannot_write_its_artifact_stops_the_run_and_stores_no_failed_row(tmp_path):
    """The folder's fault is not the cell's: a failed row would be kept by the next run."""
    from sva.errors import OutputError
    from sva.experiment.executor import InlineExecutor
    from sva.experiment.presets import get_preset
    from sva.experiment.cell import WRITE_STAGE, run_cell
    from sva.experiment.runner import plan_cells, run_experiment

    (tmp_path / "artifacts").write_text("a file where the artifacts folder should be")
    preset = get_preset("smoke").with_overrides(specs=("parity-3",), generators=("design",), seeds=1)
    row = run_cell(plan_cells(preset, tmp_path)[0])
    assert (row["status"], row["stage"]) == ("failed", WRITE_STAGE)
    assert row["reason"].startswith(f"{tmp_path / 'artifacts'}: cannot write the results: ")
    with pytest.raises(OutputError, match="run the same command again to resume") as raised:
        run_experiment(preset, tmp_path, executor=InlineExecutor(), progress=lambda row: None)
    assert str(raised.value) == row["reason"]
    assert _stored(tmp_path) == {}


def test_os_reason_says_what_a_refused_write_means():
    from sva.errors import os_reason

    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "disk full (No space left on device)"
    assert os_reason(OSError(errno.EACCES, "Permission denied")) == "permission denied (Permission denied)"
    assert os_reason(OSError(errno.EROFS, "Read-only file system")) == "read-only file system (Read-only file system)"
    assert os_reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"
    assert os_reason(OSError("no errno")) == "no errno"
    # brief: the meaning alone, or the system's words in lower case (a reason per file in a list)
    assert os_reason(OSError(errno.ENOENT, "No such file or directory"), brief=True) == "no such file or folder"
    assert os_reason(OSError(errno.EIO, "Input/output error"), brief=True) == "input/output error"
