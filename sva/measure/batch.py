"""Analyze many paths: walk folders, measure files in worker processes, never lose the batch.

Every path ends as exactly one outcome, a closed union of frozen records:

* :class:`Analyzed`: the file's :class:`~sva.measure.analysis.Analysis`;
* :class:`Failed`: a one-line reason (invalid Python, unreadable, too large, timed out, the
  worker process died, a missing path, a FIFO named on the command line...);
* :class:`Skipped`: something met while walking a folder that is not analyzed (a FIFO or socket
  named ``*.py``, a symbolic-link loop, a broken link); reported, but not a failure.

Files are parsed and measured in worker processes (:mod:`sva.measure.workers`: forked from
this process after the metrics are imported where that is safe, else ``python -c``
interpreters; pickled frames over pipes, no ``__main__`` ever re-imported), one file at a time
per worker, the largest files first (so two workers finish together instead of one
starting the biggest file last), under a **CPU-time** limit per file: the worker's own CPU
seconds for that file, read from ``/proc/<pid>/stat``, so a loaded machine never turns a
measurable file into a failure. A worker whose CPU time stops advancing for the same number of
wall-clock seconds (blocked, not computing) is stalled and treated the same way; where ``/proc``
is missing the limit falls back to wall-clock seconds. A worker that crashes (libcst's native
parser has aborted whole processes on deep nesting in past releases), hangs or runs past the
limit is killed and replaced; its file is reported as failed and the batch goes on. Outcomes are
yielded in input order as soon as they are known.

Walking: folders recursively, entries sorted by name, ``*.py`` files only; hidden folders,
``__pycache__``, ``venv``/``.venv`` and any folder holding a ``pyvenv.cfg`` are skipped silently;
a folder reached twice (a symbolic link back into the walk) is skipped with a reason instead of
being walked again. Paths named explicitly are analyzed whatever their name.
"""

from __future__ import annotations

import os
import stat
from collections import deque
from multiprocessing.connection import wait
from typing import Iterable, Iterator, Union

from sva.measure.deep import run_deep
from sva.measure.outcomes import Analyzed, Failed, Outcome, Skipped
from sva.measure.pacing import POLL_SECONDS, by_size_descending
from sva.measure.source import MAX_BYTES, _os_reason, file_kind
from sva.measure.workers import Worker, analyze_one, death_reason, prepare, start_method

__all__ = ["Analyzed", "Failed", "Skipped", "Outcome", "analyze_paths", "iter_outcomes",
           "collect_targets", "analyze_file", "DEFAULT_TIMEOUT"]

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
            reason = _os_reason(error)
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
            out.append(Failed(folder, f"cannot list folder: {_os_reason(error)}"))
            continue
        subfolders = []
        for entry in entries:
            try:
                info = os.stat(entry.path)
            except OSError as error:
                if entry.name.endswith(".py") or entry.is_symlink():
                    reason = _os_reason(error)
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


def analyze_file(path: str, entry: str | None = None, max_bytes: int = MAX_BYTES) -> Outcome:
    """Analyze one file in this process (no crash isolation, no time limit); never raises."""
    return run_deep(lambda: analyze_one(path, entry, max_bytes))


# --------------------------------------------------------------------------------------------
# The pool


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
    results: dict[int, Outcome] = {i: t for i, t in enumerate(targets) if not isinstance(t, str)}
    next_out = 0

    def flush() -> Iterator[Outcome]:
        nonlocal next_out
        while next_out in results:
            yield results.pop(next_out)
            next_out += 1

    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs <= 0:
        for i, path in files:
            results[i] = analyze_file(path, entry, max_bytes)
            yield from flush()
        yield from flush()
        return

    if method == "fork":
        prepare()
    pending = deque(by_size_descending(files))
    workers: list[Worker] = []
    try:
        for _ in range(min(jobs, len(files))):
            workers.append(Worker(entry, max_bytes, method))
        yield from flush()
        while pending or any(w.task is not None for w in workers):
            for w in list(workers):
                if w.task is None and pending:
                    task = pending.popleft()
                    try:
                        w.send(task)
                    except OSError:  # died while idle: replace it, keep the file
                        pending.appendleft(task)
                        w.kill()
                        workers.remove(w)
                        workers.append(Worker(entry, max_bytes, method))
                        continue
                    w.task = task
                    w.budget.start(timeout)
            busy = [w for w in workers if w.task is not None]
            ready = wait([w.conn for w in busy], timeout=POLL_SECONDS)
            for w in list(busy):
                index, path = w.task
                replace = False
                if w.conn in ready:
                    try:
                        got_index, outcome = w.conn.recv()
                        results[got_index] = outcome
                        w.task = None
                        w.done += 1
                        replace = w.done >= MAX_TASKS_PER_WORKER
                        if replace:
                            w.stop()
                    except (EOFError, OSError):
                        results[index] = Failed(path, death_reason(w.exit_code()))
                        w.kill()
                        replace = True
                else:
                    reason = w.budget.spent()
                    if reason is not None:
                        results[index] = Failed(path, reason)
                        w.kill()
                        replace = True
                if replace:
                    workers.remove(w)
                    if pending:
                        workers.append(Worker(entry, max_bytes, method))
            yield from flush()
        yield from flush()
    finally:
        for w in workers:
            if w.task is not None:
                w.kill()
            else:
                w.stop()


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
