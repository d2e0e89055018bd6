"""Time budgets inside the sandbox: the alarm every test and check runs under, and the words
for how an artifact's code failed.

A test's budget is enforced by :class:`Alarm`, a repeating **CPU-time** timer (``ITIMER_PROF``,
``SIGPROF``: the process's user and system time) that raises :class:`TimeBudgetExceeded` in the
main thread. CPU time, not wall time, so a verdict does not depend on how busy the machine is: a
contract that needs 1 s of CPU gets it whether the machine is idle or shared with a CPU hog, and
a mutant killed by "timeout" spent its budget computing. Budgets and the times they are derived
from (a test's seconds on the original) are CPU seconds alike (:func:`cpu_seconds`). Code that
waits without computing (``time.sleep``, a blocking read) spends no CPU: the sandbox's wall clock
stops it. It is a ``BaseException``, so neither
``except Exception`` in an artifact or a test nor Hypothesis's shrinking swallows it; whoever
armed the alarm catches it and reports "timed out". Some code catches even a ``BaseException``: a
subtest (unittest's ``self.subTest``, pytest's ``subtests`` fixture) records whatever ends it as
that subtest's failure and goes on with the next. So the alarm counts its firings
(``Alarm.fired``): a test during which it fired ran past its budget, whoever caught the
exception, and the pytest runner (:mod:`sva.trust.worker.runners`) stops such a test at its
next subtest report. A hang inside C code, where no signal
handler runs, is beyond it too: the sandbox's wall clock and the mutant batch's silence watch
(:mod:`sva.sandbox.process`) stop those.

:func:`failure_line` is the one wording of an exception the artifact raised, for test reasons
and spec-check records (:func:`sva.errors.typed_line`, with the two failures that are the
sandbox's own named plainly).
"""

from __future__ import annotations

import errno
import signal
import time
from typing import Any

from sva.errors import typed_line
from sva.sandbox.limits import OUTPUT_LIMIT_EXCEEDED

__all__ = ["Alarm", "TimeBudgetExceeded", "cpu_seconds", "failure_line"]


def cpu_seconds() -> float:
    """This process's CPU time (user + system), the clock every budget here counts."""
    return time.process_time()


class TimeBudgetExceeded(BaseException):
    """A test ran past its time budget (a BaseException, so ``except Exception`` in tests or
    artifacts does not swallow it and Hypothesis does not try to shrink it)."""


class Alarm:
    """A repeating CPU-time timer that raises :class:`TimeBudgetExceeded` in the main thread."""

    def __init__(self) -> None:
        self.armed = False
        #: how many times it has fired while armed: a test whose count grew ran past its budget,
        #: even when something between the timer and the test runner swallowed the exception
        self.fired = 0
        signal.signal(signal.SIGPROF, self._fire)

    def _fire(self, signum: int, frame: Any) -> None:
        if self.armed:
            self.fired += 1
            raise TimeBudgetExceeded()

    def arm(self, seconds: float) -> None:
        self.armed = True
        signal.setitimer(signal.ITIMER_PROF, seconds, seconds)

    def disarm(self) -> None:
        self.armed = False
        signal.setitimer(signal.ITIMER_PROF, 0)


def failure_line(error: BaseException) -> str:
    """One line for an exception out of the artifact's code: ``Type: message`` (200 characters
    at most), "timed out" for a spent budget, and the output limit named for what it is."""
    if isinstance(error, TimeBudgetExceeded):
        return "timed out"
    if isinstance(error, OSError) and error.errno == errno.EFBIG:
        return OUTPUT_LIMIT_EXCEEDED
    return typed_line(error)
