"""One pool of worker processes, under both ``sva analyze`` and ``sva run``.

:meth:`Pool.run` sends each task to a worker process (:mod:`sva.measure.workers`, started by
fork or as a fresh interpreter), one task at a time per worker, under a time budget per task
(:mod:`sva.measure.pacing`: the worker's CPU seconds, read from ``/proc``, or wall-clock
seconds). A worker that crashes, stalls or runs past its budget is killed and replaced; the other
tasks go on. Outcomes are yielded as they are known, in completion order, each with the task's
position in the list given, as a closed union of frozen records:

* :class:`Returned`: the function's value;
* :class:`Raised`: the function raised (``Type: message`` and a short traceback), or its value
  could not be sent back;
* :class:`Died`: the worker process ended mid-task (its exit code: negative for a signal);
* :class:`TimedOut`: the task ran past its budget (``clock``: ``"cpu"``, ``"stalled"`` or
  ``"wall"``).

Every record carries ``seconds``, the wall-clock time from sending the task to its outcome. The
pool words nothing: each caller says what an outcome means to its users
(:mod:`sva.measure.batch` per file, :mod:`sva.experiment.executor` per cell). Example::

    pool = Pool(2, clock="wall")
    dict(pool.run(math.sqrt, [4.0, -1.0], limit=30))
    # {0: Returned(value=2.0, ...), 1: Raised(text="ValueError: math domain error\\n...", ...)}
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Generator, Sequence, Union

from sva.measure.pacing import BUDGETS
from sva.measure.workers import Worker

__all__ = ["Pool", "Returned", "Raised", "Died", "TimedOut", "TaskOutcome"]


@dataclass(frozen=True)
class Returned:
    """The function returned ``value``."""

    value: Any
    seconds: float


@dataclass(frozen=True)
class Raised:
    """The function raised; ``text`` is ``Type: message`` then a short traceback."""

    text: str
    seconds: float


@dataclass(frozen=True)
class Died:
    """The worker process ended while on the task (``exit_code`` < 0: killed by that signal)."""

    exit_code: int | None
    seconds: float


@dataclass(frozen=True)
class TimedOut:
    """The task ran past ``limit`` seconds of ``clock`` (``"cpu"``, ``"stalled"``, ``"wall"``)."""

    clock: str
    limit: float
    seconds: float


TaskOutcome = Union[Returned, Raised, Died, TimedOut]


class _Slot:
    """A worker, its budget, and the task it is on (its position in the list), if any."""

    def __init__(self, worker: Worker, clock: str) -> None:
        self.worker = worker
        self.budget = BUDGETS[clock](worker.pid)
        self.index: int | None = None
        self.limit: float | None = None
        self.started = 0.0
        self.done = 0

    def begin(self, index: int, limit: float | None) -> None:
        self.index, self.limit, self.started = index, limit, time.monotonic()
        self.budget.start(limit)

    def outcome(self, ready: list[Any]) -> TaskOutcome | None:
        """What became of the task: its reply, the worker's death, its budget spent; or None."""
        seconds = time.monotonic() - self.started
        if self.worker.conn in ready:
            try:
                status, value = self.worker.conn.recv()
            except (EOFError, OSError):
                return Died(self.worker.exit_code(), seconds)
            return Returned(value, seconds) if status == "ok" else Raised(value, seconds)
        clock = self.budget.spent()
        if clock is not None:
            return TimedOut(clock, self.limit or 0.0, seconds)
        return None


class Pool:
    """Up to ``size`` worker processes started by ``start`` (``"fork"`` or ``"spawn"``).

    ``clock``: how a task's limit counts, ``"cpu"`` or ``"wall"`` seconds. ``recycle_after``:
    a worker is replaced after that many tasks (bounds memory growth). ``keep=True``: idle
    workers outlive a :meth:`run` and serve the next one, until :meth:`close`. ``warm``,
    ``quiet`` and ``cwd_on_path``: see :class:`~sva.measure.workers.Worker`."""

    def __init__(self, size: int, *, start: str = "spawn", clock: str = "wall", recycle_after: int | None = None,
                 keep: bool = False, warm: Callable[[], None] | None = None, quiet: bool = True,
                 cwd_on_path: bool = False) -> None:
        self.size = size
        self.start = start
        self.clock = clock
        self.recycle_after = recycle_after
        self.keep = keep
        self.warm = warm
        self.quiet = quiet
        self.cwd_on_path = cwd_on_path
        self._idle: list[_Slot] = []

    def close(self) -> None:
        """Stop the workers kept between runs (``keep=True``)."""
        while self._idle:
            self._idle.pop().worker.stop()

    def run(self, function: Callable[[Any], Any], tasks: Sequence[Any],
            limit: float | None = None) -> Generator[tuple[int, TaskOutcome], None, None]:
        """``function(task)`` for every task, in the given order, ``limit`` seconds each (None: no
        limit); yields ``(position of the task, outcome)`` as each is known."""
        queue = deque(enumerate(tasks))
        slots, self._idle = self._idle, []
        slots.extend(self._slot() for _ in range(min(self.size, len(queue)) - len(slots)))
        try:
            while queue or any(slot.index is not None for slot in slots):
                self._dispatch(slots, queue, function, limit)
                yield from self._collect(slots, queue)
        finally:
            self._release(slots)

    def _slot(self) -> _Slot:
        return _Slot(Worker(self.start, self.warm, self.quiet, self.cwd_on_path), self.clock)

    def _dispatch(self, slots: list[_Slot], queue: deque, function: Callable[[Any], Any],
                  limit: float | None) -> None:
        """Give each idle worker the next task; a worker found dead while idle is replaced."""
        for position, slot in enumerate(slots):
            if slot.index is not None or not queue:
                continue
            index, task = queue.popleft()
            try:
                slot.worker.send((function, task))
            except OSError:  # died while idle: replace it, keep the task
                queue.appendleft((index, task))
                slot.worker.kill()
                slots[position] = self._slot()
                continue
            slot.begin(index, limit)

    def _collect(self, slots: list[_Slot], queue: deque) -> Generator[tuple[int, TaskOutcome], None, None]:
        """Wait for replies (or the next budget check); yield every outcome now known."""
        busy = [slot for slot in slots if slot.index is not None]
        if not busy:  # every send failed this round (workers found dead): dispatch again
            return
        checks = [check for check in (slot.budget.next_check() for slot in busy) if check is not None]
        ready = wait([slot.worker.conn for slot in busy], timeout=min(checks) if checks else None)
        for slot in busy:
            outcome = slot.outcome(ready)
            if outcome is None or slot.index is None:
                continue
            index, slot.index = slot.index, None
            self._retire_if_done(slots, slot, outcome, bool(queue))
            yield index, outcome

    def _retire_if_done(self, slots: list[_Slot], slot: _Slot, outcome: TaskOutcome, more: bool) -> None:
        """Kill a worker that died or ran out of time, stop one that served its tasks; replace
        it while tasks remain."""
        if isinstance(outcome, (Died, TimedOut)):
            slot.worker.kill()
        else:
            slot.done += 1
            if self.recycle_after is None or slot.done < self.recycle_after:
                return
            slot.worker.stop()
        slots.remove(slot)
        if more:
            slots.append(self._slot())

    def _release(self, slots: list[_Slot]) -> None:
        """At the end of a run (or on an error): kill busy workers, keep or stop idle ones."""
        for slot in slots:
            if slot.index is not None:
                slot.worker.kill()
            elif self.keep and slot.worker.alive():
                self._idle.append(slot)
            else:
                slot.worker.stop()
