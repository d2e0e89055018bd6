"""Pacing the analysis workers: CPU-time budgets per file, a cheaper collector, largest first.

* :class:`CpuBudget`: a file's limit counts the worker's **CPU seconds** spent on it (user +
  system, all threads, from ``/proc/<pid>/stat``), never wall-clock time, so a loaded machine
  cannot turn a measurable file into a failure. A worker whose CPU time does not advance for as
  many wall-clock seconds as the limit is *stalled* (blocked, not computing) and stopped too.
  Without ``/proc`` the limit falls back to wall-clock seconds. Example: with a 60 s limit, a
  file that needs 20 s of CPU passes even when the worker gets a quarter of a core (80 s of wall
  time); one looping for 60 s of CPU fails with ``timed out after 60 s of CPU time``.
* :func:`tune_collector`: a libcst tree is a great many small acyclic objects built at once and
  dropped after the file; with the default thresholds the cyclic collector rescans the growing
  young generations hundreds of times per file (about a tenth of libcst's parse time). The
  worker's imported modules are frozen out of the scans and the first threshold raised; cycles
  are still collected.
* :func:`by_size_descending`: files are handed out largest first, so that on two workers the
  biggest file does not start last while the other worker sits idle.
"""

from __future__ import annotations

import gc
import os
import time

__all__ = ["POLL_SECONDS", "CpuBudget", "process_cpu_seconds", "tune_collector", "by_size_descending"]

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
    """The limit of one worker's current file: CPU seconds spent, or stalled, or wall-clock."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.timeout = 0.0
        self.cpu_start: float | None = None
        self.cpu_seen = 0.0
        self.progress_at = 0.0
        self.deadline = 0.0

    def start(self, timeout: float) -> None:
        """A new file was sent: its budget starts now."""
        now = time.monotonic()
        self.timeout = timeout
        self.deadline = now + timeout
        self.cpu_start = process_cpu_seconds(self.pid)
        self.cpu_seen = self.cpu_start or 0.0
        self.progress_at = now

    def spent(self) -> str | None:
        """Why the file must be stopped (its CPU time spent, or the worker stalled), or None."""
        now = time.monotonic()
        limit = self.timeout
        cpu = process_cpu_seconds(self.pid) if self.cpu_start is not None else None
        if cpu is None:
            return f"timed out after {limit:g} s" if now >= self.deadline else None
        if cpu - self.cpu_start >= limit:
            return f"timed out after {limit:g} s of CPU time"
        if cpu > self.cpu_seen:
            self.cpu_seen, self.progress_at = cpu, now
        elif now - self.progress_at >= limit:
            return f"timed out after {limit:g} s without CPU progress (stalled)"
        return None


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
