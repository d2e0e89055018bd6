"""The one progress line every long command prints on stderr: items done, a count that matters, time left.

``sva run`` counts cells (and failed ones), ``sva trust`` counts mutants (and killed ones). On a
terminal the line rewrites itself in place; anywhere else (a log, a pipe, CI) each update is
one line of its own, so nothing is lost to carriage returns. Worked example, not a terminal::

    line = ProgressLine(4, "cells", "failed", stream=log)
    line.update("parity-3/search/seed-0", counted=False, note="done")
    -> "[######..................] 1/4 cells, 0 failed, 0m01s elapsed, ~0m03s left | parity-3/search/seed-0 done"

The time left is the elapsed time per item so far times the items left, unless the caller
gives its own estimate (``left=``: ``sva trust`` estimates its two kinds of mutant apart,
:mod:`sva.trust.progress`): a guide, not a promise. :meth:`ProgressLine.start` writes a first
line before any item is done, and ``every_seconds`` keeps a log from staying silent while
``every`` items take long.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ProgressLine", "clock"]


def clock(seconds: float) -> str:
    """``125.4`` -> ``"2m05s"``."""
    seconds = int(round(seconds))
    return f"{seconds // 60}m{seconds % 60:02d}s"


@dataclass
class ProgressLine:
    """``total`` items of kind ``noun``; ``counted`` ones (``failed`` cells, ``killed`` mutants)
    are tallied under ``counted_word``."""

    total: int
    noun: str
    counted_word: str
    stream: Any = field(default_factory=lambda: sys.stderr)
    #: in a log, write every ``every``-th update (and the last): many fast items stay readable
    every: int = 1
    #: in a log, also write an update when this many seconds passed since the last line written
    every_seconds: float | None = None
    done: int = 0
    counted: int = 0
    started: float = field(default_factory=time.monotonic)
    written: float = field(default_factory=time.monotonic)

    def text(self, left: float | None = None) -> str:
        """The line without the item's label: bar, counts, elapsed and time left (``left``, or
        the elapsed time per item so far times the items left)."""
        elapsed = time.monotonic() - self.started
        if left is None:
            left = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "." * (width - filled)
        return (f"[{bar}] {self.done}/{self.total} {self.noun}, {self.counted} {self.counted_word}, "
                f"{clock(elapsed)} elapsed, ~{clock(left)} left")

    def start(self, note: str, *, left: float | None = None) -> None:
        """The first line, before any item is done (``note``: what is about to run)."""
        self._write(f"{self.text(left)} | {note}", "")

    def update(self, label: str, *, counted: bool = False, note: str = "", left: float | None = None) -> None:
        """One more item done (``label`` names it; ``note`` says how it ended, in a log)."""
        self.done += 1
        self.counted += bool(counted)
        text = self.text(left)
        due = self.every_seconds is not None and time.monotonic() - self.written >= self.every_seconds
        if getattr(self.stream, "isatty", lambda: False)():
            self.stream.write(f"\r{text}  {label[:40]:<40}")
            if self.done == self.total:
                self.stream.write("\n")
        elif self.done % max(1, self.every) == 0 or self.done == self.total or due:
            self._write(f"{text} | {label}", note)
        self.stream.flush()

    def _write(self, text: str, note: str) -> None:
        if getattr(self.stream, "isatty", lambda: False)():
            self.stream.write(f"\r{text[:120]}")
        else:
            self.stream.write(text + (f" {note}" if note else "") + "\n")
            self.written = time.monotonic()
        self.stream.flush()
