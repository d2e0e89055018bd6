"""The results database: ``DIR/results.sqlite``, one row per cell, the artifacts beside it.

Tables:

* ``cells``: one row per (cell, configuration hash), where a cell is
  ``<spec>/<generator>/seed-<n>``. ``status`` is ``done`` or ``failed`` (with ``reason`` and
  the ``stage`` that failed). Every measurement sits in a column named after its field (:mod:`sva.results.fields`);
  structured values (``counterexample``, ``config``, ``versions``,
  ``best_fitness_per_generation``, and a family's JSON fields such as ``network``) are JSON text.
  A family's declared fields (``Family.fields``) are columns too, added on open when missing.
* ``runs``: one row per ``sva run``: when, the command line, the resolved preset, and the
  cells it asked for. The report reads the cells of the latest run.

Only the ``sva run`` process writes, one committed transaction per finished cell, so a kill at
any moment loses at most the cells that were still running and never leaves half a row; the
``(cell, config_hash)`` key makes a cell present at most once. Workers may read (to reuse the
measurements of identical artifact bytes), which WAL mode allows while the runner writes.

A write the disk refuses (full, read-only, over a quota) is an :class:`OutputError` naming the
database and the reason (:func:`write_failure`): SQLite rolls the transaction back, so every row
committed before stays as it was, and the same command resumes once the disk takes writes again.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from contextlib import closing, contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from sva.atomic import write_text_atomically
from sva.errors import InputError, OutputError, os_reason
from sva.results.fields import MEASUREMENT_COLUMNS, TIMING_COLUMNS, family_columns, family_fields

DATABASE = "results.sqlite"
#: Where ``sva run`` writes and ``sva report``, ``sva claims`` and ``sva export`` read by default.
DEFAULT_RESULTS = "out/results"
#: Version 2: the families' own fields are declared by the families (columns added on open).
#: A version-1 folder (written before families were plug-ins) is migrated on open: its columns
#: are the same, and the version is raised.
SCHEMA_VERSION = "2"
_MIGRATES = {"1"}

#: Columns of every results database, before and after the families' own.
_HEAD: tuple[str, ...] = ("cell", "config_hash", "spec", "family", "generator", "seed", "status", "reason",
                          "stage", "module", "tests_module", "sha256", *MEASUREMENT_COLUMNS)
_TAIL: tuple[str, ...] = ("search_success", "search_evaluations", "best_fitness_per_generation",
                          *TIMING_COLUMNS,
                          "survivors", "reused_from", "detail", "config", "versions", "run_id", "finished_at")

#: Columns holding 0/1 that mean True/False.
BOOLEAN_COLUMNS = ("verified", "trusted", "search_success")

_TYPES = {"seed": "INTEGER", "run_id": "INTEGER"}


def columns() -> tuple[str, ...]:
    """Every column of ``cells``, in order (the CSV export's header): the common ones, with the
    registered families' declared fields after the measurements."""
    return _HEAD + family_columns() + _TAIL


def json_columns() -> tuple[str, ...]:
    """Columns holding JSON text, decoded by :func:`load_rows`."""
    return ("counterexample", "best_fitness_per_generation", "config", "versions",
            *(declared.name for declared in family_fields() if declared.json))


def _cells_table() -> str:
    columns_text = ",\n  ".join(f"{name} {_TYPES.get(name, '')}".rstrip() for name in columns())
    return (f"CREATE TABLE IF NOT EXISTS cells (\n  {columns_text},\n"
            f"  CHECK (status IN ('done', 'failed')),\n  PRIMARY KEY (cell, config_hash))")


_RUNS_TABLE = """CREATE TABLE IF NOT EXISTS runs (
  run_id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  argv TEXT NOT NULL,
  preset TEXT NOT NULL,
  settings TEXT NOT NULL,
  cells TEXT NOT NULL)"""


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def database_path(results_dir: str | os.PathLike[str]) -> Path:
    """Where the database of ``results_dir`` lives."""
    return Path(results_dir) / DATABASE


#: SQLite's result codes for a write the disk refused, in words (``sqlite3.Error.sqlite_errorname``).
_SQLITE_REASONS = (("SQLITE_FULL", "disk full"), ("SQLITE_READONLY", "read-only"),
                   ("SQLITE_IOERR", "disk I/O error"), ("SQLITE_CANTOPEN", "cannot open a file"),
                   ("SQLITE_PERM", "permission denied"))


#: What a refused write leaves behind, said after it (one transaction per row: nothing is lost).
KEPT = ("the rows stored before are kept: make room (or make the folder writable) and run the same command "
        "again to resume")


def write_failure(path: str | os.PathLike[str], error: BaseException) -> OutputError:
    """The one-line error for a write into the results folder that failed (``OSError`` or a
    ``sqlite3.Error``): the path, what it means, SQLite's or the system's words, and what to do.

    ``write_failure("out/results/results.sqlite", sqlite3.OperationalError("database or disk is
    full"))`` (code ``SQLITE_FULL``) says ``out/results/results.sqlite: cannot write the results:
    disk full (database or disk is full); the rows stored before are kept: make room (or make the
    folder writable) and run the same command again to resume``."""
    if isinstance(error, OSError):
        reason = os_reason(error)
    else:
        code = getattr(error, "sqlite_errorname", "") or ""
        meaning = next((words for prefix, words in _SQLITE_REASONS if code.startswith(prefix)), None)
        reason = f"{meaning} ({error})" if meaning else str(error)
    return OutputError(f"{path}: cannot write the results: {reason}; {KEPT}")


def _encode(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in json_columns():
        return json.dumps(value, sort_keys=True)
    if name in BOOLEAN_COLUMNS:
        return int(bool(value))
    return value


def _decode(row: sqlite3.Row) -> dict[str, Any]:
    decoded = dict(row)
    for name in json_columns():
        if decoded.get(name) is not None:
            decoded[name] = json.loads(decoded[name])
    for name in BOOLEAN_COLUMNS:
        if decoded.get(name) is not None:
            decoded[name] = bool(decoded[name])
    return decoded


class ResultsDB:
    """The database of one results folder, opened for writing (by the runner only)."""

    def __init__(self, results_dir: str | os.PathLike[str]) -> None:
        self.path = database_path(results_dir)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.connection.row_factory = sqlite3.Row
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=FULL")
            with self.connection:
                self.connection.execute("BEGIN")
                self.connection.execute(_cells_table())
                self.connection.execute(_RUNS_TABLE)
                self.connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
                self.connection.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        except (OSError, sqlite3.Error) as error:
            reason = os_reason(error) if isinstance(error, OSError) else error
            raise OutputError(f"{self.path}: cannot open the results database: {reason}; "
                              f"choose a writable folder with --out") from None
        version = self.connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
        if version != SCHEMA_VERSION and version not in _MIGRATES:
            raise InputError(f"{self.path}: results schema version {version}, this sva writes {SCHEMA_VERSION}; "
                             f"use a new --out folder")
        self._add_declared_columns()

    def _add_declared_columns(self) -> None:
        """Add the columns a registered family declares and the table lacks (a new family, or a
        folder written before it existed), and mark the schema current: one transaction."""
        present = {row["name"] for row in self.connection.execute("PRAGMA table_info(cells)")}
        with self._writing():
            self.connection.execute("BEGIN")
            for name in columns():
                if name not in present:
                    self.connection.execute(f'ALTER TABLE cells ADD COLUMN "{name}"')
            self.connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "ResultsDB":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction; a refused write becomes :func:`write_failure`'s error."""
        try:
            with self.connection:
                yield
        except (OSError, sqlite3.OperationalError) as error:
            raise write_failure(self.path, error) from None

    def start_run(self, argv: Sequence[str], preset: str, settings: Mapping[str, Any],
                  cells: Sequence[tuple[str, str]]) -> int:
        """Record a run and the (cell, config_hash) pairs it asks for; return its id."""
        with self._writing():
            cursor = self.connection.execute(
                "INSERT INTO runs (started_at, argv, preset, settings, cells) VALUES (?, ?, ?, ?, ?)",
                (now(), json.dumps(list(argv)), preset, json.dumps(settings, sort_keys=True),
                 json.dumps([list(cell) for cell in cells])))
        run_id = cursor.lastrowid
        assert run_id is not None  # an INSERT always sets it
        return run_id

    def finish_run(self, run_id: int) -> None:
        with self._writing():
            self.connection.execute("UPDATE runs SET finished_at = ? WHERE run_id = ?", (now(), run_id))

    def stored(self) -> dict[tuple[str, str], str]:
        """Status of every stored (cell, config_hash)."""
        return {(row["cell"], row["config_hash"]): row["status"]
                for row in self.connection.execute("SELECT cell, config_hash, status FROM cells")}

    def config_hashes(self) -> dict[str, set[str]]:
        """The configuration hashes stored for each cell."""
        found: dict[str, set[str]] = {}
        for row in self.connection.execute("SELECT cell, config_hash FROM cells"):
            found.setdefault(row["cell"], set()).add(row["config_hash"])
        return found

    def put(self, row: Mapping[str, Any]) -> None:
        """Store one cell's row in one transaction (replacing a failed row of the same key)."""
        known = columns()
        unknown = set(row) - set(known)
        if unknown:
            raise ValueError(f"not columns of the results database: {sorted(unknown)}")
        names = [name for name in known if name in row]
        values = [_encode(name, row[name]) for name in names]
        with self._writing():
            self.connection.execute(
                f"INSERT OR REPLACE INTO cells ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", values)


def _read_connection(results_dir: str | os.PathLike[str]) -> sqlite3.Connection:
    path = database_path(results_dir)
    if not path.is_file():
        raise InputError(f"{path}: no results database here; run 'sva run --out {results_dir}' first")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        connection.row_factory = sqlite3.Row
        connection.execute("SELECT count(*) FROM cells").fetchone()
    except sqlite3.Error as error:
        raise InputError(f"{path}: not a readable results database: {error}") from None
    return connection


def latest_run(results_dir: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The latest run's record (``settings`` and ``cells`` decoded), or None when there is none."""
    with closing(_read_connection(results_dir)) as connection:
        row = connection.execute("SELECT * FROM runs ORDER BY run_id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    run = dict(row)
    run["settings"], run["cells"], run["argv"] = (json.loads(run["settings"]), json.loads(run["cells"]),
                                                  json.loads(run["argv"]))
    return run


def load_rows(results_dir: str | os.PathLike[str], *, every: bool = False) -> list[dict[str, Any]]:
    """The rows of the cells the latest run asked for, in its order (done and failed; cells a
    killed run never reached are absent). ``every``: all stored rows instead."""
    with closing(_read_connection(results_dir)) as connection:
        rows = [_decode(row) for row in connection.execute("SELECT * FROM cells ORDER BY rowid")]
    if every:
        return rows
    run = latest_run(results_dir)
    if run is None:
        return []
    by_key = {(row["cell"], row["config_hash"]): row for row in rows}
    return [by_key[tuple(key)] for key in run["cells"] if tuple(key) in by_key]


def find_reusable(results_dir: str | os.PathLike[str], sha256: str, measure_hash: str) -> dict[str, Any] | None:
    """A done row whose artifact has these bytes and was measured with these settings, if any."""
    path = database_path(results_dir)
    if not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as connection:
            connection.row_factory = sqlite3.Row
            for row in connection.execute(
                    "SELECT * FROM cells WHERE sha256 = ? AND status = 'done' AND reused_from IS NULL "
                    "ORDER BY rowid", (sha256,)):
                decoded = _decode(row)
                if (decoded.get("config") or {}).get("measure_hash") == measure_hash:
                    return decoded
    except sqlite3.Error:
        return None
    return None


def store_rows(results_dir: str | os.PathLike[str], rows: Iterable[Mapping[str, Any]], *,
               preset: str = "custom", settings: Mapping[str, Any] | None = None,
               argv: Sequence[str] = ()) -> int:
    """Write ``rows`` as one finished run (for tests and for importing results made elsewhere);
    return the run id. Each row needs at least ``cell``, ``config_hash`` and ``status``."""
    rows = list(rows)
    with ResultsDB(results_dir) as db:
        run_id = db.start_run(argv, preset, dict(settings or {}), [(row["cell"], row["config_hash"]) for row in rows])
        for row in rows:
            db.put({**row, "run_id": row.get("run_id", run_id)})
        db.finish_run(run_id)
    return run_id


def export_csv(results_dir: str | os.PathLike[str], destination: str | os.PathLike[str], *,
               every: bool = False) -> int:
    """Write the rows (see :func:`load_rows`) as CSV, every column; return the row count."""
    rows = load_rows(results_dir, every=every)
    destination = Path(destination)
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        header, encoded = columns(), json_columns()
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if row.get(name) is None else
                             json.dumps(row[name], sort_keys=True) if name in encoded else row[name]
                             for name in header])
        write_text_atomically(destination, buffer.getvalue(), newline="")
    except OSError as error:
        raise OutputError(f"{destination}: cannot write the CSV: {os_reason(error)}") from None
    return len(rows)
