"""Several jobs on one folder in one warm sandboxed interpreter: the start-up paid once.

:func:`sva.sandbox.run_job` starts a new contained interpreter per job: containment set-up,
interpreter start, imports (pytest, Hypothesis, the families' specs) and the folder, every
time. Trust runs two jobs on the same files (the baseline, then the mutant batch), so
:class:`WarmSandbox` starts one child for the folder, a server (:func:`sva.sandbox.child.serve`)
that imports ``preload`` once and then forks one child per job from that state. Each job:

- runs in a folder holding exactly ``files`` again (whatever an earlier job wrote, removed);
- gets its own limits: CPU seconds counted from its fork, address space and output size set in
  the forked child, the wall clock and the silence watch kept here (:func:`~sva.sandbox.process.watch`);
- ends as a cold job ends: :class:`~sva.sandbox.process.Completed` or
  :class:`~sva.sandbox.process.Crashed` with the same reasons, and what it left in its process
  group killed before the next job starts.

A job the sandbox must stop (wall clock, silence) takes the server down with it; the next job
starts a new one. So a job sees the same modules, files and limits as in a cold child, and its
verdict is the same; only the imports happened before the fork. The containment is the same
(:mod:`sva.sandbox.containment`), with one difference: the private ``/tmp`` and home of a
bubblewrap child are shared by the jobs of one folder (the folder itself is reset).

Worked example: trust on a parity-3 search artifact (22 mutants) ran two cold children, each
starting an interpreter, importing the worker, Hypothesis and the registry (every family's
specs) and scanning the loaded modules for Hypothesis's constants before its first test: 2.83 s
of CPU in all; warm, 1.65 s, the second job paying none of that (``docs/profile.md``,
``benchmarks/bench_warm_trust.py``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from sva.sandbox.child import SERVE
from sva.sandbox.containment import MOVED
from sva.sandbox.limits import Limits
from sva.sandbox.process import (Crashed, JobFolder, Outcome, child_command, keep_profile, kill_group, outcome_of,
                                 read_progress, run_job, watch, write_files)

__all__ = ["WarmSandbox"]

#: What the server writes beside each job in the folder (removed before the next job).
_STATUS, _PID = "status.json", "job.pid"


class WarmSandbox:
    """One folder of ``files`` and a warm server for it; :meth:`run_job` runs a job there.

    Use as a context manager (the server and the folder go at the end). ``preload`` names
    modules (``package.module``) to import, or functions (``package.module:function``) to call,
    in the server before any job; ``limits`` gives the server's interpreter and address space.
    """

    def __init__(self, files: Mapping[str, str | bytes], limits: Limits, preload: Sequence[str] = ()) -> None:
        self.files = dict(files)
        self.limits = limits
        self.preload = tuple(preload)
        self._folder = tempfile.TemporaryDirectory(prefix="sva-sandbox-")
        self.work = JobFolder(Path(self._folder.name))
        self._server: subprocess.Popen | None = None
        self._contained = False
        self._jobs = 0
        #: jobs run in the server (not started cold): what the tests and the profile count
        self.warm_jobs = 0

    def __enter__(self) -> "WarmSandbox":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self._stop()
        self._folder.cleanup()

    def run_job(self, job: str, payload: Mapping[str, Any], files: Mapping[str, str | bytes] | None = None,
                limits: Limits | None = None, on_progress: Callable[[Any], None] | None = None) -> Outcome:
        """:func:`sva.sandbox.run_job`'s call, run in the warm server; a job on other files or
        another interpreter than the sandbox's runs cold, by :func:`~sva.sandbox.run_job`."""
        limits = limits or self.limits
        if (files is not None and dict(files) != self.files) or limits.python != self.limits.python:
            return run_job(job, payload, files, limits, on_progress)
        self._reset()
        self.work.payload.write_text(json.dumps(payload), encoding="utf-8")
        if not self._running():
            self._start()
        server = self._server
        assert server is not None
        status = self.work.path / _STATUS
        command = {"job": job, "payload": str(self.work.payload), "result": str(self.work.result),
                   "progress": str(self.work.progress), "status": str(status), "pid": str(self.work.path / _PID),
                   "cpu": limits.cpu_seconds, "memory": limits.memory_bytes, "output": limits.output_bytes}
        started = time.monotonic()
        try:
            assert server.stdin is not None
            server.stdin.write(json.dumps(command) + "\n")
            server.stdin.flush()
        except OSError:
            self._stop()
            return run_job(job, payload, files, limits, on_progress)
        self.warm_jobs += 1
        ended = watch(lambda timeout: self._ended(status, timeout), limits, self.work.progress, started,
                      on_progress)
        elapsed = time.monotonic() - started
        progress = read_progress(self.work.progress)
        keep_profile(self.work.path, job)
        if isinstance(ended, str):
            self._stop()
            return Crashed(ended, elapsed, progress, overran=True)
        return outcome_of(ended, self.work, elapsed, progress)

    def _ended(self, status: Path, timeout: float) -> int | None:
        """The job's exit status once the server wrote it; the server's, mapped as a cold
        child's, when the server itself died (a limit it hit); else None after ``timeout``.
        Looks after 1 ms, then ever less often (up to every 50 ms), as ``Popen.wait`` does."""
        deadline = time.monotonic() + timeout
        pause = 0.001
        while True:
            if status.is_file():
                try:
                    return int(json.loads(status.read_text(encoding="utf-8"))["returncode"])
                except (OSError, ValueError, KeyError):
                    pass  # half written: look again
            server = self._server
            code = server.poll() if server is not None else -9
            if code is not None:
                self._stop()
                return 128 - code if self._contained and code > 128 else code
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            time.sleep(min(pause, left))
            pause = min(2 * pause, 0.05)

    def _running(self) -> bool:
        return self._server is not None and self._server.poll() is None

    def _start(self) -> None:
        """Start the server in the folder, under the containment a cold job gets; its own CPU and
        output are not limited (each job's are, in its fork), its address space is."""
        command, env, self._contained = child_command([SERVE, *self.preload], self.work.path, self.limits)
        limits = self.limits
        with open(self.work.stdout, "ab") as stdout, open(self.work.stderr, "ab") as stderr:
            self._server = subprocess.Popen(command, cwd=self.work.path, env=env, stdin=subprocess.PIPE,
                                            stdout=stdout, stderr=stderr, text=True, close_fds=True,
                                            preexec_fn=lambda: _limit_server(limits))

    def _stop(self) -> None:
        """Kill the server, its containment and every job it still runs."""
        server, self._server = self._server, None
        if server is None:
            return
        if not self._contained:  # the job's own group, which killing the server's would miss
            _kill_job(self.work.path / _PID)
        kill_group(server)
        if server.stdin is not None:
            try:
                server.stdin.close()
            except OSError:
                pass

    def _reset(self) -> None:
        """The folder back to ``files`` alone (the first job finds it so already), the output
        files emptied (the server appends to them, so a crash's reason is this job's output)."""
        self._jobs += 1
        if self._jobs > 1:
            keep = {self.work.stdout.name, self.work.stderr.name, MOVED}
            for output in (self.work.stdout, self.work.stderr):
                output.write_bytes(b"")
            for entry in self.work.path.iterdir():
                if entry.name in keep:
                    continue
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        write_files(self.work.path, self.files)


def _limit_server(limits: Limits) -> None:
    """Runs in the server between fork and exec: its own session and address-space limit, no
    core files; its CPU and output are left to each job's fork."""
    import resource

    os.setsid()
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _kill_job(pid_file: Path) -> None:
    """Kill the process group of the job whose pid the server wrote (limits-only containment)."""
    import signal

    try:
        os.killpg(int(pid_file.read_text(encoding="utf-8")), signal.SIGKILL)
    except (OSError, ValueError):
        pass
