"""Time budgets inside the sandbox: the alarm every test and check runs under, and the words
for how an artifact's code failed.

A test's budget is enforced by :class:`Alarm`, a repeating real-time timer (``SIGALRM``) that
raises :class:`TimeBudgetExceeded` in the main thread. It is a ``BaseException``, so neither
``except Exception`` in an artifact or a test nor Hypothesis's shrinking swallows it; whoever
armed the alarm catches it and reports "timed out". A hang inside C code, where no signal
handler runs, is beyond it: the sandbox's wall clock and the mutant batch's silence watch
(:mod:`analyzer.trust.sandbox`) stop those.

:func:`failure_line` is the one wording of an exception the artifact raised, for test reasons
and spec-check records (:func:`analyzer.errors.typed_line`, with the two failures that are the
sandbox's own named plainly).
"""

from __future__ import annotations

import errno
import signal
from typing import Any

from analyzer.errors import typed_line

__all__ = ["Alarm", "TimeBudgetExceeded", "failure_line"]


class TimeBudgetExceeded(BaseException):
    """A test ran past its time budget (a BaseException, so ``except Exception`` in tests or
    artifacts does not swallow it and Hypothesis does not try to shrink it)."""


class Alarm:
    """A repeating real-time timer that raises :class:`TimeBudgetExceeded` in the main thread."""

    def __init__(self) -> None:
        self.armed = False
        signal.signal(signal.SIGALRM, self._fire)

    def _fire(self, signum: int, frame: Any) -> None:
        if self.armed:
            raise TimeBudgetExceeded()

    def arm(self, seconds: float) -> None:
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, seconds, seconds)

    def disarm(self) -> None:
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)


def failure_line(error: BaseException) -> str:
    """One line for an exception out of the artifact's code: ``Type: message`` (200 characters
    at most), "timed out" for a spent budget, and the output limit named for what it is."""
    if isinstance(error, TimeBudgetExceeded):
        return "timed out"
    if isinstance(error, OSError) and error.errno == errno.EFBIG:
        return "output limit exceeded (it wrote too much)"
    return typed_line(error)
