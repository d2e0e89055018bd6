"""Where cells run: one small interface, so a distributed engine can replace the local pool.

An :class:`Executor` takes a picklable top-level function and a list of tasks and yields
``(task, outcome)`` pairs as tasks finish, in any order. The outcome is :class:`Finished`
(the function's return value) or :class:`Lost` (the process running it died or ran past the
time limit). The function itself is expected to catch its own errors and return them as data;
``Lost`` is only for what a function cannot report: a crash, a kill, a hang.

:class:`LocalExecutor` runs the tasks on the worker pool that ``sva analyze`` uses too
(:class:`sva.measure.pool.Pool`): ``workers`` long-lived processes, each a fresh interpreter
(``"spawn"``, so a cell starts from a clean one; its stderr is let through and its ``sys.path``
is this process's, as with :mod:`multiprocessing`), one task at a time
each; a worker whose task passes ``timeout`` **wall-clock** seconds or whose process dies is
killed and replaced, and the other tasks go on. Each worker asks the kernel to kill it when the
parent dies (``PR_SET_PDEATHSIG`` on Linux), so killing ``sva run`` with SIGKILL leaves no
orphan working on. The executor words the pool's outcomes as :class:`Lost` reasons.

:class:`InlineExecutor` runs tasks one after another in the calling process (no isolation, no
time limit): for debugging with a debugger or profiler.

:class:`sva.experiment.dask_executor.DaskExecutor` implements :meth:`Executor.run` with the
same contract on a Dask cluster (each task in a one-process :class:`LocalExecutor` on its worker).
"""

from __future__ import annotations

import os
import time
from contextlib import closing
from dataclasses import dataclass
from typing import Any, Callable, Generator, Generic, Protocol, Sequence, TypeVar

from sva.errors import one_line
from sva.measure.pool import Died, Pool, Raised, Returned, TimedOut

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Finished(Generic[R]):
    """The function returned ``value``."""

    value: R
    seconds: float


@dataclass(frozen=True)
class Lost:
    """The function never returned: ``reason`` says why (timeout, crash, signal)."""

    reason: str
    seconds: float


Outcome = Finished[Any] | Lost


class Executor(Protocol):
    """Runs ``function`` on every task; yields each task with its outcome as it completes."""

    def run(self, function: Callable[[T], R], tasks: Sequence[T],
            timeout: float | None = None) -> Generator[tuple[T, Outcome], None, None]:
        ...


class InlineExecutor:
    """Every task in this process, in order; an exception becomes :class:`Lost`."""

    def run(self, function: Callable[[T], R], tasks: Sequence[T],
            timeout: float | None = None) -> Generator[tuple[T, Outcome], None, None]:
        for task in tasks:
            started = time.monotonic()
            try:
                value = function(task)
            except Exception as error:  # the contract: an outcome per task, never an escape
                yield task, Lost(f"{type(error).__name__}: {error}", time.monotonic() - started)
            else:
                yield task, Finished(value, time.monotonic() - started)


def _lost(outcome: Raised | Died | TimedOut) -> Lost:
    """A cell's :class:`Lost` from the pool's outcome, in the executor's words."""
    if isinstance(outcome, Raised):
        return Lost(one_line(outcome.text, limit=2000), outcome.seconds)
    if isinstance(outcome, TimedOut):
        return Lost(f"the cell ran past its {outcome.limit:g} s wall-clock limit", outcome.seconds)
    code = outcome.exit_code
    reason = (f"the worker process was killed by signal {-code}" if code and code < 0
              else f"the worker process exited with status {code}")
    return Lost(reason, outcome.seconds)


class LocalExecutor:
    """``workers`` processes on this machine, each task under a wall-clock ``timeout``.

    With ``keep=True`` the idle processes outlive a :meth:`run` and serve the next one (a
    Dask worker keeps its cell process this way, cell after cell); :meth:`close` stops them."""

    def __init__(self, workers: int, keep: bool = False) -> None:
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise ValueError(f"expected workers to be an int >= 1, got workers={workers!r}")
        self.workers = workers
        self.keep = keep
        self._pool = Pool(workers, start="spawn", clock="wall", keep=keep, quiet=False, cwd_on_path=True)

    def close(self) -> None:
        """Stop the processes kept between runs (``keep=True``)."""
        self._pool.close()

    def run(self, function: Callable[[T], R], tasks: Sequence[T],
            timeout: float | None = None) -> Generator[tuple[T, Outcome], None, None]:
        with closing(self._pool.run(function, tasks, timeout)) as outcomes:
            for index, outcome in outcomes:
                if isinstance(outcome, Returned):
                    yield tasks[index], Finished(outcome.value, outcome.seconds)
                else:
                    yield tasks[index], _lost(outcome)


def make_executor(workers: int) -> Executor:
    """A :class:`LocalExecutor` of ``workers`` processes, or an :class:`InlineExecutor` when
    the environment sets ``SVA_INLINE=1`` (to step through a cell with a debugger)."""
    if os.environ.get("SVA_INLINE") == "1":
        return InlineExecutor()
    return LocalExecutor(workers)
