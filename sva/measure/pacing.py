"""Pacing the pool's workers: time budgets per task, a cheaper collector, largest first.

* :class:`CpuBudget` (the analysis batch's clock): a file's limit counts the worker's **CPU
  seconds** spent on it (user + system, all threads, from ``/proc/<pid>/stat``), never
  wall-clock time, so a loaded machine cannot turn a measurable file into a failure. A worker
  whose CPU time does not advance for as many wall-clock seconds as the limit is *stalled*
  (blocked, not computing) and stopped too. Without ``/proc`` the limit falls back to
  wall-clock seconds. Example: with a 60 s limit, a file that needs 20 s of CPU passes even
  when the worker gets a quarter of a core (80 s of wall time); one looping for 60 s of CPU
  fails with ``timed out after 60 s of CPU time``.
* :class:`WallBudget` (the experiment's clock, ``cell_seconds``): wall-clock seconds since the
  task was sent, checked at its deadline rather than polled.
* :func:`tune_collector`: a libcst tree is a great many small acyclic objects built at once and
  dropped after the file; with the default thresholds the cyclic collector rescans the growing
  young generations hundreds of times per file (about a tenth of libcst's parse time). The
  worker's imported modules are frozen out of the scans and the first threshold raised; cycles
  are still collected.
* :func:`by_size_descending`: files are handed out largest first, so that on two workers the
  biggest file does not start last while the other worker sits idle.

A budget names the limit a task ran past (``"cpu"``, ``"stalled"``, ``"wall"``); the pool's
caller words it (:mod:`sva.measure.pool`).
"""

from __future__ import annotations

import gc
import os
import time
from typing import Callable, Protocol

__all__ = ["POLL_SECONDS", "CpuBudget", "WallBudget", "Budget", "BUDGETS", "process_cpu_seconds", "tune_collector",
           "by_size_descending"]

#: How often a busy worker's CPU time is read, in wall-clock seconds.
POLL_SECONDS = 0.25

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system, all threads) process ``pid`` has used, or None without /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        # utime and stime are fields 14 and 15 of proc(5): 12th and 13th after the command name
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return None


class CpuBudget:
    """The limit of one worker's current task: CPU seconds spent, or stalled, or wall-clock."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.limit: float | None = None
        self.cpu_start: float | None = None
        self.cpu_seen = 0.0
        self.progress_at = 0.0
        self.deadline = 0.0

    def start(self, limit: float | None) -> None:
        """A new task was sent: its budget (``None``: no limit) starts now."""
        now = time.monotonic()
        self.limit = limit
        self.deadline = now + (limit or 0.0)
        self.cpu_start = process_cpu_seconds(self.pid)
        self.cpu_seen = self.cpu_start or 0.0
        self.progress_at = now

    def spent(self) -> str | None:
        """The limit the task ran past: ``"cpu"``, ``"stalled"`` (the worker blocked, not
        computing), ``"wall"`` (without ``/proc``); or None."""
        if self.limit is None:
            return None
        now = time.monotonic()
        cpu = process_cpu_seconds(self.pid) if self.cpu_start is not None else None
        if cpu is None or self.cpu_start is None:
            return "wall" if now >= self.deadline else None
        if cpu - self.cpu_start >= self.limit:
            return "cpu"
        if cpu > self.cpu_seen:
            self.cpu_seen, self.progress_at = cpu, now
        elif now - self.progress_at >= self.limit:
            return "stalled"
        return None

    def next_check(self) -> float | None:
        """Wall-clock seconds until :meth:`spent` should be asked again (None: no limit)."""
        return None if self.limit is None else POLL_SECONDS


class WallBudget:
    """The limit of one worker's current task in wall-clock seconds since it was sent."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.limit: float | None = None
        self.started = 0.0

    def start(self, limit: float | None) -> None:
        """A new task was sent: its budget (``None``: no limit) starts now."""
        self.limit, self.started = limit, time.monotonic()

    def spent(self) -> str | None:
        """``"wall"`` once the task has run past its limit, else None."""
        if self.limit is not None and time.monotonic() - self.started > self.limit:
            return "wall"
        return None

    def next_check(self) -> float | None:
        """Seconds until the limit is passed (with a twentieth of a second's margin), or None."""
        if self.limit is None:
            return None
        return max(0.0, self.started + self.limit - time.monotonic()) + 0.05


class Budget(Protocol):
    """What the pool asks of a worker's budget (:class:`CpuBudget`, :class:`WallBudget`)."""

    def start(self, limit: float | None) -> None: ...

    def spent(self) -> str | None: ...

    def next_check(self) -> float | None: ...


#: The budgets by the clock they count (:class:`sva.measure.pool.Pool`'s ``clock``).
BUDGETS: dict[str, Callable[[int], Budget]] = {"cpu": CpuBudget, "wall": WallBudget}


def tune_collector(collect: bool = True) -> None:
    """Freeze what is already imported out of the collector's scans; raise its first threshold.

    ``collect=False`` freezes without collecting first (a forked worker: no inherited object may
    be finalized there)."""
    if collect:
        gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def by_size_descending(files: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``(index, path)`` pairs largest file first (ties in input order); unreadable counts as 0."""
    def size(item: tuple[int, str]) -> int:
        try:
            return os.path.getsize(item[1])
        except OSError:
            return 0

    return sorted(files, key=lambda item: (-size(item), item[0]))
