"""Where cells run: one small interface, so a distributed engine can replace the local pool.

An :class:`Executor` takes a picklable top-level function and a list of tasks and yields
``(task, outcome)`` pairs as tasks finish, in any order. The outcome is :class:`Finished`
(the function's return value) or :class:`Lost` (the process running it died or ran past the
time limit). The function itself is expected to catch its own errors and return them as data;
``Lost`` is only for what a function cannot report: a crash, a kill, a hang.

:class:`LocalExecutor` keeps ``workers`` long-lived processes (spawned, so each starts from a
clean interpreter), sends each one task at a time, and kills and replaces a worker whose task
passes ``timeout`` seconds or whose process dies; the other tasks go on. Each worker asks the
kernel to kill it when the parent dies (``PR_SET_PDEATHSIG`` on Linux), so killing ``sva run``
with SIGKILL leaves no orphan working on.

:class:`InlineExecutor` runs tasks one after another in the calling process (no isolation, no
time limit): for debugging with a debugger or profiler.

:class:`sva.experiment.dask_executor.DaskExecutor` implements :meth:`Executor.run` with the
same contract on a Dask cluster (each task in a one-process :class:`LocalExecutor` on its worker).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Generic, Iterator, Protocol, Sequence, TypeVar

from sva.errors import one_line

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
            timeout: float | None = None) -> Iterator[tuple[T, Outcome]]:
        ...


class InlineExecutor:
    """Every task in this process, in order; an exception becomes :class:`Lost`."""

    def run(self, function: Callable[[T], R], tasks: Sequence[T],
            timeout: float | None = None) -> Iterator[tuple[T, Outcome]]:
        for task in tasks:
            started = time.monotonic()
            try:
                value = function(task)
            except Exception as error:  # the contract: an outcome per task, never an escape
                yield task, Lost(f"{type(error).__name__}: {error}", time.monotonic() - started)
            else:
                yield task, Finished(value, time.monotonic() - started)


def _die_with_parent() -> None:
    """Linux: deliver SIGKILL to this process when its parent exits (no orphans)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:  # pragma: no cover - no libc by that name
            pass


def _worker_loop(connection: Connection) -> None:
    """A worker: receive (function, task), send back ("ok", value) or ("error", text), forever."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return
        if message is None:
            return
        function, task = message
        try:
            reply = ("ok", function(task))
        except Exception as error:
            reply = ("error", f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=5)}")
        connection.send(reply)


@dataclass
class _Worker:
    process: Any
    connection: Connection
    task: Any = None
    started: float = 0.0


class LocalExecutor:
    """``workers`` processes on this machine, each task under a wall-clock ``timeout``.

    With ``keep=True`` the idle processes outlive a :meth:`run` and serve the next one (a
    Dask worker keeps its cell process this way, cell after cell); :meth:`close` stops them."""

    def __init__(self, workers: int, keep: bool = False) -> None:
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise ValueError(f"expected workers to be an int >= 1, got workers={workers!r}")
        self.workers = workers
        self.keep = keep
        self._kept: list[_Worker] = []
        self._context = multiprocessing.get_context("spawn")

    def close(self) -> None:
        """Stop the processes kept between runs (``keep=True``)."""
        while self._kept:
            self._stop(self._kept.pop())

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_loop, args=(child,), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    @staticmethod
    def _stop(worker: _Worker, kill: bool = False) -> None:
        if kill:
            worker.process.kill()
        else:
            try:
                worker.connection.send(None)
            except OSError:
                worker.process.kill()
        worker.process.join(timeout=5)
        if worker.process.is_alive():  # pragma: no cover - ignored the polite request
            worker.process.kill()
            worker.process.join()
        worker.connection.close()

    def run(self, function: Callable[[T], R], tasks: Sequence[T],
            timeout: float | None = None) -> Iterator[tuple[T, Outcome]]:
        queue = list(reversed(tasks))
        pool, self._kept = self._kept, []
        pool.extend(self._start() for _ in range(min(self.workers, len(queue)) - len(pool)))
        try:
            while queue or any(worker.task is not None for worker in pool):
                for worker in pool:
                    if worker.task is None and queue:
                        worker.task, worker.started = queue.pop(), time.monotonic()
                        worker.connection.send((function, worker.task))
                busy = [worker for worker in pool if worker.task is not None]
                now = time.monotonic()
                wait_for = None if timeout is None else max(0.0, min(w.started + timeout - now for w in busy))
                ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy],
                             timeout=None if wait_for is None else wait_for + 0.05)
                for index, worker in enumerate(pool):
                    if worker.task is None:
                        continue
                    elapsed = time.monotonic() - worker.started
                    outcome: Outcome | None = None
                    if worker.connection in ready or worker.connection.poll():
                        try:
                            status, value = worker.connection.recv()
                            outcome = (Finished(value, elapsed) if status == "ok"
                                       else Lost(one_line(value, limit=2000), elapsed))
                        except (EOFError, OSError):
                            outcome = None  # the process died while sending; see below
                    if outcome is None and not worker.process.is_alive():
                        code = worker.process.exitcode
                        reason = (f"the worker process was killed by signal {-code}" if code and code < 0
                                  else f"the worker process exited with status {code}")
                        outcome = Lost(reason, elapsed)
                        self._stop(worker, kill=True)
                        pool[index] = self._start()
                    elif outcome is None and timeout is not None and elapsed > timeout:
                        outcome = Lost(f"the cell ran past its {timeout:g} s wall-clock limit", elapsed)
                        self._stop(worker, kill=True)
                        pool[index] = self._start()
                    if outcome is not None:
                        task = worker.task
                        pool[index].task = None
                        yield task, outcome
        finally:
            for worker in pool:
                if self.keep and worker.task is None and worker.process.is_alive():
                    self._kept.append(worker)
                else:
                    self._stop(worker, kill=worker.task is not None)


def make_executor(workers: int) -> Executor:
    """A :class:`LocalExecutor` of ``workers`` processes, or an :class:`InlineExecutor` when
    the environment sets ``SVA_INLINE=1`` (to step through a cell with a debugger)."""
    import os

    if os.environ.get("SVA_INLINE") == "1":
        return InlineExecutor()
    return LocalExecutor(workers)
