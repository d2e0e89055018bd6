"""Cells on a Dask cluster: the :class:`~sva.experiment.executor.Executor` seam on dask.distributed.

:class:`DaskExecutor` submits one Dask task per cell (``pure=False`` and a key of its own, so two
identical cells are never merged into one) and yields the outcomes with ``as_completed``. The
client, i.e. the ``sva run`` process, stays the only writer of the results folder: each task
runs :func:`sva.experiment.cell.ship_cell` (``ships_artifacts``), which writes the
artifact in a scratch folder of the worker's machine and returns its files as data.

On the worker, a task does exactly what the local executor does with one cell: it runs it in a
spawned child process under the cell's wall-clock limit (:func:`run_in_child`, which is a
one-process :class:`~sva.experiment.executor.LocalExecutor`), so a hung cell is killed and
a crashing cell kills only its child, both reported as :class:`Lost` with the local executor's
reasons. The trust sandbox's own limits apply inside that child as they do locally.

When a worker process itself dies mid-cell (killed, out of memory, its node lost), the
scheduler gives the cell to another worker; after ``distributed.scheduler.allowed-failures``
such deaths (3 by default, the scheduler's setting) it gives up with ``KilledWorker``, which
becomes a :class:`Lost` outcome, stored as a failed row with that reason. Every task yields
exactly one outcome, once.

:func:`dask_executor` opens the client (on a running scheduler's address, or on a
``LocalCluster`` of N worker processes that it closes again, also on an error or Ctrl-C) and
keeps Dask's logging to errors while it is open.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import re
import threading
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Generator, Iterator, Sequence, TypeVar

from sva.errors import UsageError, one_line, os_reason, typed_line
from sva.experiment.executor import LocalExecutor, Lost, Outcome

T = TypeVar("T")
R = TypeVar("R")

INSTALL = "pip install 'sva[dask]'"
#: how often a cell may take its worker down with it before it is given up as ``KilledWorker``
#: (the LocalCluster's scheduler; a scheduler started by hand uses its own setting)
ALLOWED_FAILURES = 3


if TYPE_CHECKING:
    _WorkerPlugin = object
else:
    try:  # sva imports without Dask; only the Dask executor needs it
        from distributed import WorkerPlugin as _WorkerPlugin
    except ImportError:  # pragma: no cover - dask extra missing
        _WorkerPlugin = object


class CellProcesses(_WorkerPlugin):
    """A Dask worker plugin: the worker's idle cell processes (one-process :class:`LocalExecutor`
    instances with ``keep=True``), reused task after task so that a cell does not pay for a
    fresh interpreter and sva's imports; stopped when the worker closes."""

    name = "sva-cell-processes"

    def setup(self, worker: Any = None) -> None:
        """On the worker (the plugin travels pickled, so it holds nothing until here)."""
        self._idle: list[LocalExecutor] = []
        self._lock = threading.Lock()

    def take(self) -> LocalExecutor:
        with self._lock:
            return self._idle.pop() if self._idle else LocalExecutor(1, keep=True)

    def give_back(self, executor: LocalExecutor) -> None:
        with self._lock:
            self._idle.append(executor)

    def teardown(self, worker: Any = None) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for executor in idle:
            executor.close()


def _plugin() -> CellProcesses | None:
    """This Dask worker's :class:`CellProcesses`, or ``None`` outside a worker (or without it)."""
    try:
        from distributed import get_worker

        plugin = get_worker().plugins.get(CellProcesses.name)
    except (ImportError, ValueError):
        return None
    return plugin if isinstance(plugin, CellProcesses) else None


def run_in_child(function: Callable[[T], R], task: T, timeout: float | None) -> Outcome:
    """Run ``function(task)`` in a child process of this one under ``timeout`` seconds, as the
    local executor runs every cell; return its :class:`Finished` or :class:`Lost` outcome. On a
    Dask worker with :class:`CellProcesses` the child is kept for the next task (unless it was
    killed); elsewhere it is started for this task alone."""
    plugin = _plugin()
    executor = plugin.take() if plugin is not None else LocalExecutor(1)
    try:
        ((_, outcome),) = list(executor.run(function, [task], timeout))
    finally:
        if plugin is not None:
            plugin.give_back(executor)
    return outcome


class DaskExecutor:
    """Every task as a Dask task on ``client``'s cluster; outcomes in completion order."""

    #: the runner gives it :func:`~sva.experiment.cell.ship_cell`: workers may share no disk
    ships_artifacts = True

    def __init__(self, client: Any) -> None:
        self.client = client
        client.register_plugin(CellProcesses(), name=CellProcesses.name)  # on every worker, now and later

    def run(self, function: Callable[[T], R], tasks: Sequence[T],
            timeout: float | None = None) -> Generator[tuple[T, Outcome], None, None]:
        from distributed import KilledWorker, as_completed

        batch = uuid.uuid4().hex[:12]
        submitted = time.monotonic()
        futures = [self.client.submit(run_in_child, function, task, timeout, pure=False,
                                      key=f"sva-cell-{batch}-{index}")
                   for index, task in enumerate(tasks)]
        owner = {future.key: task for future, task in zip(futures, tasks)}
        try:
            for future in as_completed(futures):
                task = owner[future.key]
                try:
                    outcome = future.result()
                except KilledWorker as error:
                    outcome = Lost(f"KilledWorker: the cell's Dask worker died {_deaths(error)}; "
                                   f"it was given up, not lost", time.monotonic() - submitted)
                except Exception as error:  # the contract: an outcome per task, never an escape
                    outcome = Lost(one_line(typed_line(error), limit=2000), time.monotonic() - submitted)
                future.release()
                yield task, outcome
        finally:
            self.client.cancel([future for future in futures if not future.done()])


def _deaths(error: BaseException) -> str:
    """"3 times" from a KilledWorker's own message when it says so; otherwise "repeatedly"."""
    found = re.search(r"(\d+) times", str(error)) or re.search(r"suspicious count of (\d+)", str(error))
    return f"{found.group(1)} times" if found else "repeatedly"


@dataclass(frozen=True)
class DaskSession:
    """An open client: the executor, where it runs, and the dashboard's address (if any)."""

    executor: DaskExecutor
    where: str
    workers: int
    dashboard: str | None


@contextlib.contextmanager
def _quiet_dask() -> Iterator[None]:
    """Dask's loggers at ERROR while a session is open (the progress line is the run's voice)."""
    loggers = [logging.getLogger(name) for name in ("distributed", "dask", "tornado", "bokeh")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _dashboard(client: Any, local: bool) -> str | None:
    """The dashboard's address when the scheduler serves one (locally: only with bokeh installed,
    without which the address shows nothing but a note)."""
    if local and importlib.util.find_spec("bokeh") is None:
        return None
    services = client.scheduler_info().get("services", {})
    return client.dashboard_link if "dashboard" in services else None


@contextlib.contextmanager
def dask_executor(scheduler: str | None = None, workers: int | None = None) -> Iterator[DaskSession]:
    """A :class:`DaskSession` on the scheduler at ``scheduler`` (``tcp://HOST:PORT``), or on a
    new ``LocalCluster`` of ``workers`` processes (one thread each), closed on leaving."""
    if (scheduler is None) == (workers is None):
        raise ValueError("expected exactly one of scheduler and workers")
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(f"--scheduler and --dask-workers need Dask; install it with {INSTALL}") from None

    settings = {"distributed.worker.daemon": False,  # a worker starts one child per cell
                "distributed.scheduler.allowed-failures": ALLOWED_FAILURES}
    with _quiet_dask(), dask.config.set(settings), contextlib.ExitStack() as stack:
        if workers is not None:
            cluster = stack.enter_context(LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                silence_logs=logging.ERROR))
            client = stack.enter_context(Client(cluster))
            where = f"a LocalCluster of {workers} worker processes"
        else:
            try:
                client = stack.enter_context(Client(scheduler, timeout=10))
            except (OSError, TimeoutError) as error:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {os_reason(error)}; "
                                 f"start one with 'dask scheduler' (and workers with 'dask worker "
                                 f"{scheduler}')") from None
            try:
                client.get_versions(check=True)
            except ValueError as error:
                raise UsageError(f"the Dask cluster at {scheduler} runs other package versions than "
                                 f"this sva: {one_line(error, limit=400)}; install {INSTALL} on every worker") from None
            where = f"the Dask scheduler at {scheduler}"
        count = len(client.scheduler_info().get("workers", {}))
        yield DaskSession(DaskExecutor(client), where, count, _dashboard(client, workers is not None))
