"""The batch's analysis processes: one file at a time each, started by fork or as a new interpreter.

A worker reads ``(index, path)`` frames from a pipe and writes ``(index, outcome)`` frames back
(pickled by :mod:`multiprocessing.connection`); ``None`` or end of file stops it. Its only work
is static analysis (:func:`analyze_one`): nothing it reads is executed. It is isolated so that a
crash of libcst's native parser, a hang or a runaway file costs one file, not the batch.

Two ways to start one, the same protocol and outcomes either way:

* ``"fork"`` (the default where it is safe: Linux, and this process runs a single thread): the
  parent has already imported every metric (:func:`prepare`), so the child starts in about a
  millisecond instead of the quarter second an interpreter needs to import libcst and radon. On
  a small corpus (deap's 21 files, 8,000 lines, about a second of radon) that start-up was a
  quarter of the batch. The child keeps only its two pipe ends, points fds 0-2 at ``/dev/null``,
  freezes the inherited heap out of the cyclic collector (:func:`~sva.measure.pacing.tune_collector`
  without its collection, so no inherited object's finalizer runs in it), and leaves by ``os._exit``, never through the parent's ``atexit`` or buffers.
* ``"spawn"``: ``python -c`` with a bootstrap that drops the working folder from ``sys.path``
  (a ``random.py`` in the analyzed folder must not shadow the standard module); used where
  ``fork`` is missing or other threads run (forking a threaded process can inherit a held lock).

:func:`start_method` picks; ``iter_outcomes(..., start=...)`` can force either.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection

from sva.errors import InputError, one_line, typed_line
from sva.measure.analysis import _analyze
from sva.measure.deep import run_deep
from sva.measure.outcomes import Analyzed, Failed, Outcome
from sva.measure.pacing import CpuBudget, tune_collector
from sva.measure.source import read_source

__all__ = ["START_METHODS", "start_method", "prepare", "analyze_one", "Worker", "death_reason"]

#: The ways a worker can be started (see the module docstring).
START_METHODS = ("fork", "spawn")


def start_method(requested: str | None = None) -> str:
    """``requested`` if given (validated), else ``"fork"`` where it is safe, else ``"spawn"``."""
    if requested is not None:
        if requested not in START_METHODS:
            raise ValueError(f"start method {requested!r} is not one of {', '.join(START_METHODS)}")
        if requested == "fork" and not hasattr(os, "fork"):
            raise ValueError("start method 'fork' is not available on this platform; use 'spawn'")
        return requested
    if hasattr(os, "fork") and sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def prepare() -> None:
    """Import every metric in this process (what a forked worker inherits)."""
    from sva.measure.registry import measurements

    measurements()


def analyze_one(path: str, entry: str | None, max_bytes: int) -> Outcome:
    """Analyze one file in this thread (which must have a deep stack); never raises."""
    try:
        source = read_source(path, max_bytes)
        return Analyzed(path, _analyze(source, path, entry))
    except InputError as error:
        return Failed(path, one_line(error))
    except LookupError:
        return Failed(path, f"no unit named {entry!r} (--entry)")
    except RecursionError:
        return Failed(path, "too deeply nested to analyze (recursion limit reached)")
    except MemoryError:
        return Failed(path, "out of memory")
    except Exception as error:  # a bug of ours: still one line, still only this file
        return Failed(path, f"internal error: {typed_line(error)}")


def _serve(reader: Connection, writer: Connection, entry: str | None, max_bytes: int) -> None:
    """The worker's loop: a frame in, a frame out, until ``None`` or end of file."""
    def loop() -> None:
        while True:
            try:
                task = reader.recv()
            except (EOFError, OSError):
                return
            if task is None:
                return
            index, path = task
            outcome = analyze_one(path, entry, max_bytes)
            try:
                writer.send((index, outcome))
            except (BrokenPipeError, OSError):
                return
            except Exception as error:  # e.g. an unpicklable result: report, do not die
                writer.send((index, Failed(path, f"internal error: {one_line(error)}")))

    run_deep(loop)


def spawned_entry() -> None:
    """Body of a ``"spawn"`` worker: frames on stdin and stdout, everything else to stderr."""
    entry = json.loads(sys.argv[1])
    max_bytes = int(sys.argv[2])
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills workers
    reader = Connection(os.dup(0), writable=False)
    writer = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # a stray print cannot corrupt a frame
    prepare()
    tune_collector()
    _serve(reader, writer, entry, max_bytes)


_BOOTSTRAP = ("import sys; sys.path[:] = [p for p in sys.path if p not in ('', '.')]; "
              "from sva.measure.workers import spawned_entry; spawned_entry()")


def _forked_child(task_read: int, result_write: int, entry: str | None, max_bytes: int) -> None:
    """Body of a ``"fork"`` worker; never returns (``os._exit``)."""
    code = 70
    try:
        tune_collector(collect=False)  # the parent's heap: never scanned, never finalized here
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        low, high = sorted((task_read, result_write))
        os.closerange(3, low)  # other workers' pipes, the parent's files: not ours to hold
        os.closerange(low + 1, high)
        os.closerange(high + 1, 1 << 20)
        _serve(Connection(task_read, writable=False), Connection(result_write, readable=False),
               entry, max_bytes)
        code = 0
    finally:
        os._exit(code)


class _ForkedProcess:
    """What :class:`Worker` needs of a forked child: its pid, a wait with timeout, a kill."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def wait(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(f"pid {self.pid}", timeout)
            time.sleep(0.005)
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            os.kill(self.pid, signal.SIGKILL)


class Worker:
    """One analysis process and its two pipe ends; ``task`` is the file it is on, if any."""

    def __init__(self, entry: str | None, max_bytes: int, start: str) -> None:
        if start == "fork":
            self._fork(entry, max_bytes)
        else:
            self._spawn(entry, max_bytes)
        self.task: tuple[int, str] | None = None
        self.done = 0
        self.budget = CpuBudget(self.process.pid)

    def _fork(self, entry: str | None, max_bytes: int) -> None:
        task_read, task_write = os.pipe()
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            _forked_child(task_read, result_write, entry, max_bytes)
        os.close(task_read)
        os.close(result_write)
        self.process = _ForkedProcess(pid)
        self.conn = Connection(result_read, writable=False)
        self.sender = Connection(task_write, readable=False)

    def _spawn(self, entry: str | None, max_bytes: int) -> None:
        package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        process = subprocess.Popen(
            [sys.executable, "-c", _BOOTSTRAP, json.dumps(entry), str(max_bytes)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env, close_fds=True,
        )
        self.process = process
        self.conn = Connection(os.dup(process.stdout.fileno()), writable=False)
        self.sender = Connection(os.dup(process.stdin.fileno()), readable=False)
        process.stdout.close()
        process.stdin.close()

    def send(self, task: tuple[int, str]) -> None:
        self.sender.send(task)

    def exit_code(self) -> int | None:
        try:
            return self.process.wait(5)
        except Exception:
            return None

    def kill(self) -> None:
        try:
            self.process.kill()
        except Exception:
            pass
        try:
            self.process.wait(5)
        except Exception:
            pass
        self._close()

    def stop(self) -> None:
        try:
            self.sender.send(None)
        except Exception:
            pass
        try:
            self.process.wait(2)
        except Exception:
            self.kill()
            return
        self._close()

    def _close(self) -> None:
        for conn in (self.conn, self.sender):
            try:
                conn.close()
            except Exception:
                pass


def death_reason(code: int | None) -> str:
    """The one-line reason for a worker that ended while on a file, from its exit code."""
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the analysis process crashed ({name})"
    return f"the analysis process died (exit status {code})"
