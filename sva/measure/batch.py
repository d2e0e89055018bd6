"""Analyze many paths: walk folders, measure files in worker processes, never lose the batch.

Every path ends as exactly one outcome, a closed union of frozen records:

* :class:`Analyzed`: the file's :class:`~sva.measure.analysis.Analysis`;
* :class:`Failed`: a one-line reason (invalid Python, unreadable, too large, timed out, the
  worker process died, a missing path, a FIFO named on the command line...);
* :class:`Skipped`: something met while walking a folder that is not analyzed (a FIFO or socket
  named ``*.py``, a symbolic-link loop, a broken link); reported, but not a failure.

Files are parsed and measured on the worker pool (:mod:`sva.measure.pool`: processes forked
from this process after the metrics are imported where that is safe, else ``python -c``
interpreters; :mod:`sva.measure.workers`), one file at a time per worker, the largest files
first (so two workers finish together instead of one starting the biggest file last), under a
**CPU-time** limit per file: the worker's own CPU seconds for that file, read from
``/proc/<pid>/stat``, so a loaded machine never turns a measurable file into a failure. A
worker whose CPU time stops advancing for the same number of wall-clock seconds (blocked, not
computing) is stalled and treated the same way; where ``/proc`` is missing the limit falls back
to wall-clock seconds (:mod:`sva.measure.pacing`). A worker that crashes (libcst's native
parser has aborted whole processes on deep nesting in past releases), hangs or runs past the
limit is killed and replaced; its file is reported as failed (:func:`file_outcome` words the
pool's outcome) and the batch goes on. Outcomes are yielded in input order as soon as they are
known.

Walking: folders recursively, entries sorted by name, ``*.py`` files only; hidden folders,
``__pycache__``, ``venv``/``.venv`` and any folder holding a ``pyvenv.cfg`` are skipped silently;
a folder reached twice (a symbolic link back into the walk) is skipped with a reason instead of
being walked again. Paths named explicitly are analyzed whatever their name.
"""

from __future__ import annotations

import functools
import os
import signal
import stat
from contextlib import closing
from typing import Generator, Iterable, Iterator, Union

from sva.errors import InputError, one_line, os_reason, typed_line
from sva.measure.analysis import _analyze
from sva.measure.cstparse import prepare_parse
from sva.measure.deep import run_deep
from sva.measure.outcomes import Analyzed, Failed, Outcome, Skipped
from sva.measure.pacing import by_size_descending, tune_collector
from sva.measure.pool import Died, Pool, Raised, Returned, TaskOutcome
from sva.measure.registry import measurements
from sva.measure.source import MAX_BYTES, file_kind, read_source
from sva.measure.workers import start_method

__all__ = ["Analyzed", "Failed", "Skipped", "Outcome", "analyze_paths", "iter_outcomes",
           "collect_targets", "analyze_file", "analyze_one", "DEFAULT_TIMEOUT"]

#: Default limit per file, in CPU seconds of the worker (see the module docstring). libcst's
#: longest test modules (2,000-2,300 lines) take about 1-2 s; the largest module we know that
#: radon measures (a 4 MB generated data module) about 2 s.
DEFAULT_TIMEOUT = 60.0
#: A worker process is replaced after this many files (bounds memory growth).
MAX_TASKS_PER_WORKER = 500




# --------------------------------------------------------------------------------------------
# Walking


def _skip_folder(entry: os.DirEntry) -> bool:
    name = entry.name
    if name.startswith(".") or name in ("__pycache__", "venv"):
        return True
    return os.path.exists(os.path.join(entry.path, "pyvenv.cfg"))


def collect_targets(paths: Iterable[str]) -> list[Union[str, Failed, Skipped]]:
    """Files to analyze (as path strings) and outcomes decided without analysis, in order."""
    out: list[Union[str, Failed, Skipped]] = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError as error:
            reason = os_reason(error, brief=True)
            if reason == "no such file or folder" and os.path.islink(path):
                reason = "broken symbolic link"
            out.append(Failed(path, reason))
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(path, info, out)
        elif stat.S_ISREG(info.st_mode):
            out.append(path)
        else:
            out.append(Failed(path, f"not a regular file ({file_kind(info.st_mode)})"))
    return out


def _walk(root: str, root_info: os.stat_result, out: list) -> None:
    seen = {(root_info.st_dev, root_info.st_ino)}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            out.append(Failed(folder, f"cannot list folder: {os_reason(error, brief=True)}"))
            continue
        subfolders = []
        for entry in entries:
            try:
                info = os.stat(entry.path)
            except OSError as error:
                if entry.name.endswith(".py") or entry.is_symlink():
                    reason = os_reason(error, brief=True)
                    if reason == "no such file or folder":
                        reason = "broken symbolic link"
                    out.append(Skipped(entry.path, reason))
                continue
            if stat.S_ISDIR(info.st_mode):
                if _skip_folder(entry):
                    continue
                key = (info.st_dev, info.st_ino)
                if key in seen:
                    out.append(Skipped(entry.path, "symbolic link to a folder already walked (loop)"))
                    continue
                seen.add(key)
                subfolders.append(entry.path)
            elif entry.name.endswith(".py"):
                if stat.S_ISREG(info.st_mode):
                    out.append(entry.path)
                else:
                    out.append(Skipped(entry.path, f"not a regular file ({file_kind(info.st_mode)})"))
        # files of a folder first, then its subfolders, each in name order
        stack.extend(reversed(subfolders))


# --------------------------------------------------------------------------------------------
# One file


def analyze_one(path: str, entry: str | None, max_bytes: int) -> Outcome:
    """Analyze one file in this thread (which must have a deep stack); never raises."""
    try:
        source = read_source(path, max_bytes)
        return Analyzed(path, _analyze(source, path, entry))
    except InputError as error:
        return Failed(path, one_line(error))
    except LookupError:
        return Failed(path, f"no unit named {entry!r} (--entry)")
    except RecursionError:
        return Failed(path, "too deeply nested to analyze (recursion limit reached)")
    except MemoryError:
        return Failed(path, "out of memory")
    except Exception as error:  # a bug of ours: still one line, still only this file
        return Failed(path, f"internal error: {typed_line(error)}")


def analyze_file(path: str, entry: str | None = None, max_bytes: int = MAX_BYTES) -> Outcome:
    """Analyze one file in this process (no crash isolation, no time limit); never raises."""
    return run_deep(lambda: analyze_one(path, entry, max_bytes))


def prepare() -> None:
    """Import every metric and build libcst's plain node ``__init__`` methods in this process
    (what a forked worker inherits: each worker would otherwise compile them again)."""
    measurements()
    prepare_parse()


def warm_interpreter() -> None:
    """What a new worker interpreter does before its first file: import every metric, then
    freeze them out of the collector's scans (:func:`~sva.measure.pacing.tune_collector`)."""
    prepare()
    tune_collector()


def death_reason(code: int | None) -> str:
    """The one-line reason for a worker that ended while on a file, from its exit code."""
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the analysis process crashed ({name})"
    return f"the analysis process died (exit status {code})"


#: What a file's budget running out is called, by the clock that ran out (``{limit:g}`` seconds).
_TIMED_OUT = {"cpu": "timed out after {limit:g} s of CPU time",
              "stalled": "timed out after {limit:g} s without CPU progress (stalled)",
              "wall": "timed out after {limit:g} s"}


def file_outcome(path: str, outcome: TaskOutcome) -> Outcome:
    """The file's outcome from the pool's outcome of its task."""
    if isinstance(outcome, Returned):
        return outcome.value
    if isinstance(outcome, Raised):
        return Failed(path, f"internal error: {one_line(outcome.text)}")
    if isinstance(outcome, Died):
        return Failed(path, death_reason(outcome.exit_code))
    return Failed(path, _TIMED_OUT[outcome.clock].format(limit=outcome.limit))


# --------------------------------------------------------------------------------------------
# Many files


def iter_outcomes(
    paths: Iterable[str],
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    entry: str | None = None,
    max_bytes: int = MAX_BYTES,
    start: str | None = None,
) -> Iterator[Outcome]:
    """Outcomes for ``paths`` (files and folders), in input order, as soon as each is known.

    ``jobs``: worker processes (default: the number of cores); ``jobs=0`` analyzes in this
    process with no isolation and no time limit. ``timeout``: CPU seconds per file (see the
    module docstring). ``start``: how workers start, ``"fork"`` or ``"spawn"`` (default: fork
    where it is safe; :func:`sva.measure.workers.start_method`).
    """
    method = start_method(start)
    targets = collect_targets(paths)
    files = [(i, t) for i, t in enumerate(targets) if isinstance(t, str)]
    known: dict[int, Outcome] = {i: t for i, t in enumerate(targets) if not isinstance(t, str)}
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs <= 0:
        found = _in_this_process(files, entry, max_bytes)
    else:
        found = _in_workers(files, jobs, timeout, entry, max_bytes, method)
    with closing(found):
        yield from _in_input_order(known, found)


def _in_this_process(files: list[tuple[int, str]], entry: str | None,
                     max_bytes: int) -> Generator[tuple[int, Outcome], None, None]:
    for index, path in files:
        yield index, analyze_file(path, entry, max_bytes)


def _in_workers(files: list[tuple[int, str]], jobs: int, timeout: float, entry: str | None, max_bytes: int,
                method: str) -> Generator[tuple[int, Outcome], None, None]:
    """``(input position, outcome)`` of every file, analyzed in the pool, largest file first."""
    if method == "fork":
        prepare()
    order = by_size_descending(files)
    pool = Pool(jobs, start=method, clock="cpu", recycle_after=MAX_TASKS_PER_WORKER, warm=warm_interpreter)
    task = functools.partial(analyze_file, entry=entry, max_bytes=max_bytes)
    with closing(pool.run(task, [path for _, path in order], timeout)) as outcomes:
        for position, outcome in outcomes:
            index, path = order[position]
            yield index, file_outcome(path, outcome)


def _in_input_order(known: dict[int, Outcome], found: Iterator[tuple[int, Outcome]]) -> Iterator[Outcome]:
    """Outcomes by input position: each as soon as every one before it is known."""
    position = 0
    while True:
        while position in known:
            yield known.pop(position)
            position += 1
        arrival = next(found, None)
        if arrival is None:
            return
        known[arrival[0]] = arrival[1]


def analyze_paths(
    paths: Iterable[str],
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    entry: str | None = None,
    max_bytes: int = MAX_BYTES,
    start: str | None = None,
) -> list[Outcome]:
    """Every outcome for ``paths``, in input order (see :func:`iter_outcomes`)."""
    return list(iter_outcomes(paths, jobs=jobs, timeout=timeout, entry=entry, max_bytes=max_bytes,
                             start=start))
