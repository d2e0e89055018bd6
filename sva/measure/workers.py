"""The pool's worker processes: one task at a time each, started by fork or as a new interpreter.

A worker reads ``(function, argument)`` frames from a pipe and writes back ``("ok", value)`` or
``("error", text)`` (the function raised: ``Type: message`` and a short traceback), pickled by
:mod:`multiprocessing.connection`; ``None`` or end of file stops it. A function travels by
reference (a top-level function, or a :func:`functools.partial` of one), so the worker must be
able to import it. The worker is isolated so that a crash (libcst's native parser has aborted
whole processes), a hang or a runaway task costs one task, not the batch; it asks the kernel to
kill it when its parent dies (``PR_SET_PDEATHSIG`` on Linux), so killing ``sva`` with SIGKILL
leaves no orphan working on.

Two ways to start one, the same protocol either way:

* ``"fork"`` (where it is safe: Linux, and this process runs a single thread): the child starts
  in about a millisecond with everything the parent imported (``sva analyze`` imports every
  metric first, instead of the quarter second an interpreter needs to import libcst and radon).
  The child keeps only its two pipe ends, points fds 0-2 at ``/dev/null``, freezes the
  inherited heap out of the cyclic collector (:func:`~sva.measure.pacing.tune_collector`
  without its collection, so no inherited object's finalizer runs in it), and leaves by
  ``os._exit``, never through the parent's ``atexit`` or buffers.
* ``"spawn"``: ``python -c`` (with this interpreter's ``-W``/``-X`` flags) and a bootstrap that
  takes the parent's ``sys.path``, by default without the working folder (a ``random.py`` in an
  analyzed folder must not shadow the standard module); no ``__main__`` is ever re-imported. Its
  first frame is ``warm``, a function run once before the first task (or ``None``). Frames
  travel over stdin and stdout; fd 1 then points at stderr, so a stray print cannot corrupt a
  frame, and stderr is ``/dev/null`` unless the worker is started with ``quiet=False``.

:func:`start_method` picks; :class:`sva.measure.pool.Pool` runs tasks on these workers.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection
from typing import Any, Callable, Protocol

from sva.measure.pacing import tune_collector

__all__ = ["START_METHODS", "start_method", "Worker", "spawned_entry"]

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


# --------------------------------------------------------------------------------------------
# In the worker


def _die_with_parent() -> None:
    """Linux: deliver SIGKILL to this process when its parent exits (no orphans)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:  # pragma: no cover - no libc by that name
            pass


def _error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=5)}"


def _call(function: Callable[[Any], Any], argument: Any) -> tuple[str, Any]:
    try:
        return "ok", function(argument)
    except Exception as error:  # the task's failure is data for the parent
        return "error", _error_text(error)


def serve(reader: Connection, writer: Connection) -> None:
    """The worker's loop: a frame in, a frame out, until ``None`` or end of file."""
    while True:
        try:
            message = reader.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        reply = _call(*message)
        try:
            writer.send(reply)
        except OSError:
            return
        except Exception as error:  # e.g. an unpicklable value: report it, do not die
            writer.send(("error", _error_text(error)))


def spawned_entry() -> None:
    """Body of a ``"spawn"`` worker: frames on stdin and stdout, everything else to stderr."""
    inherited = json.loads(sys.argv[1])
    sys.path[:] = inherited + [path for path in sys.path if path not in inherited]
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills workers
    _die_with_parent()
    reader = Connection(os.dup(0), writable=False)
    writer = Connection(os.dup(1), readable=False)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # a task reading stdin cannot eat a frame
    os.dup2(2, 1)  # a stray print cannot corrupt a frame
    warm = reader.recv()
    if warm is not None:
        warm()
    serve(reader, writer)


_BOOTSTRAP = ("import sys; sys.path[:] = [p for p in sys.path if p not in ('', '.')]; "
              "from sva.measure.workers import spawned_entry; spawned_entry()")


def _forked_child(task_read: int, result_write: int) -> None:
    """Body of a ``"fork"`` worker; never returns (``os._exit``)."""
    code = 70
    try:
        tune_collector(collect=False)  # the parent's heap: never scanned, never finalized here
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with_parent()
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        low, high = sorted((task_read, result_write))
        os.closerange(3, low)  # other workers' pipes, the parent's files: not ours to hold
        os.closerange(low + 1, high)
        os.closerange(high + 1, 1 << 20)
        serve(Connection(task_read, writable=False), Connection(result_write, readable=False))
        code = 0
    finally:
        os._exit(code)


# --------------------------------------------------------------------------------------------
# In the parent


class _Process(Protocol):
    """What :class:`Worker` needs of its process: pid, wait with timeout, poll, kill."""

    pid: int
    returncode: int | None

    def wait(self, timeout: float | None = None) -> int: ...

    def poll(self) -> int | None: ...

    def kill(self) -> None: ...


class _ForkedProcess:
    """A forked child seen as a :class:`subprocess.Popen` (the part :class:`Worker` uses)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = time.monotonic() + (timeout if timeout is not None else float("inf"))
        while self.poll() is None:
            if time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(f"pid {self.pid}", timeout or 0.0)
            time.sleep(0.005)
        return self.returncode  # type: ignore[return-value]  # poll() just set it

    def kill(self) -> None:
        if self.returncode is None:
            os.kill(self.pid, signal.SIGKILL)


def _fork() -> tuple[_Process, Connection, Connection]:
    task_read, task_write = os.pipe()
    result_read, result_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        _forked_child(task_read, result_write)
    os.close(task_read)
    os.close(result_write)
    return _ForkedProcess(pid), Connection(result_read, writable=False), Connection(task_write, readable=False)


def _parent_path(cwd_on_path: bool) -> list[str]:
    """This process's ``sys.path`` for a spawned worker: without ``""`` and ``"."``, and without
    the working folder unless ``cwd_on_path``."""
    dropped = {"", "."} if cwd_on_path else {"", ".", os.getcwd()}
    return [path for path in sys.path if path not in dropped]


def _spawn(quiet: bool, cwd_on_path: bool) -> tuple[_Process, Connection, Connection]:
    package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    flags = subprocess._args_from_interpreter_flags()  # type: ignore[attr-defined]  # as multiprocessing does
    process = subprocess.Popen(
        [sys.executable, *flags, "-c", _BOOTSTRAP, json.dumps(_parent_path(cwd_on_path))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL if quiet else None,
        env=env, close_fds=True,
    )
    assert process.stdout is not None and process.stdin is not None  # both are PIPE
    conn = Connection(os.dup(process.stdout.fileno()), writable=False)
    sender = Connection(os.dup(process.stdin.fileno()), readable=False)
    process.stdout.close()
    process.stdin.close()
    return process, conn, sender


class Worker:
    """One worker process and its two pipe ends (``conn`` to read, ``send`` to write).

    ``warm``: for ``"spawn"``, a function the new interpreter runs before its first task (a
    forked worker has what its parent imported); ``quiet=False`` lets a spawned worker's
    stderr through (a forked worker's is always ``/dev/null``); ``cwd_on_path=True`` keeps the
    working folder on a spawned worker's ``sys.path`` where this process has it (as
    :mod:`multiprocessing` does)."""

    def __init__(self, start: str, warm: Callable[[], None] | None = None, quiet: bool = True,
                 cwd_on_path: bool = False) -> None:
        if start == "fork":
            self.process, self.conn, self.sender = _fork()
        else:
            self.process, self.conn, self.sender = _spawn(quiet, cwd_on_path)
            self.sender.send(warm)

    @property
    def pid(self) -> int:
        return self.process.pid

    def send(self, frame: Any) -> None:
        self.sender.send(frame)

    def alive(self) -> bool:
        return self.process.poll() is None

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
