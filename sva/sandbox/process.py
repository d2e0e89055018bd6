"""The one sandbox: run a job on untrusted artifact code in a limited child process.

Generated code is untrusted. Static analysis never runs it; everything that does goes through
:func:`run_job`, which starts an isolated ``python -s -P`` (no user site-packages, no working
folder on the path) running :mod:`sva.sandbox.child` with:

- CPU-time, address-space and file-size limits (``setrlimit``), so an infinite loop, a memory
  bomb or an output flood ends the child, not the caller;
- a wall-clock timeout, after which the child's whole process group is killed;
- a fresh temporary working folder (removed afterwards) holding copies of the files it needs,
  under their paths relative to it (a package keeps its folders);
- the interpreter of ``Limits.python`` (default: sva's own), so a user's project runs with
  its own dependencies; no bytecode is written (a mutant rewritten in place within the same
  second must never be served from a stale ``.pyc``);
- a minimal environment built here (no inherited variables but a fixed PATH, HOME in the
  folder, PYTHONHASHSEED=0, which the child honours, and a UTF-8 locale; plus ``SVA_FAMILIES``
  and ``SVA_FAMILY_PATH`` when families from outside the package are registered, so the child
  loads the same families),
  standard input closed, output to capped files.

The outcome is a closed union: :class:`Completed` with the job's JSON result, or
:class:`Crashed` with a one-line reason (limit hit, signal, non-zero exit, bad result). Either
way it carries the ``progress`` records the job streamed before it ended (one JSON line each,
flushed as written), so a long batch killed halfway keeps what it finished and the caller can
resume after the record that was in flight.

Containment (:mod:`sva.sandbox.containment`): where bubblewrap works, the child runs inside
it, with no network, no view of other processes and none left behind, an empty read-only root
showing only what its job needs (the system libraries, the interpreter's installation, path
entries and editable installs, sva's package folder: :mod:`sva.sandbox.visible`) and its working
folder, the one writable place, small empty private ``/tmp``, ``/dev/shm`` and home folders, no
capabilities, and only the environment above. Where it does not, that is said once per process
(reads, network and writes are then not confined) and the child gets the limits alone; then
only its process group is killed at the end (a process that starts its own session survives)
and it can read, write and connect wherever the caller can.

What it does not protect against, even in bubblewrap: reading what is bound (a token kept in a
file of the interpreter's environment would be readable), system facts under ``/proc``, kernel
exploits and side channels (no seccomp filter, same user). It contains accidents and a hostile
artifact's ordinary moves, not a determined attacker with a kernel bug; ``docs/trust.md``
tables each threat.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Union

from sva.errors import one_line, os_reason
from sva.sandbox import containment
from sva.sandbox.child import PROFILE_FILE, PROFILE_VARIABLE
from sva.sandbox.limits import OUTPUT_LIMIT_EXCEEDED, Limits


@dataclass(frozen=True)
class Completed:
    """The job ran to the end; ``value`` is what it returned (JSON data)."""

    value: Any
    wall_seconds: float
    progress: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Crashed:
    """The job did not return a result; ``reason`` says why, in one line. ``overran``: the
    sandbox stopped it for taking too long (its wall clock, or a progress stream gone silent)."""

    reason: str
    wall_seconds: float
    progress: tuple[Any, ...] = ()
    overran: bool = False


Outcome = Union[Completed, Crashed]

#: The ``sva`` package's folder; the one holding it goes on the child's path explicitly (the
#: environment has no PYTHONPATH, ``-P`` leaves out the working folder, and the package may not
#: be installed). The child is shown this folder alone, not the checkout around it.
_PACKAGE = str(Path(__file__).resolve().parents[1])
_CHILD_BOOTSTRAP = ("import os, sys; sys.dont_write_bytecode = True; sys.path.insert(0, os.path.dirname(sys.argv[1])); "
                    "from sva.sandbox.child import main; sys.exit(main(sys.argv[2:]))")

_SIGNAL_REASONS: dict[int, str] = {
    signal.SIGXCPU: "CPU time limit exceeded",
    signal.SIGKILL: "killed (memory or CPU limit)",
    signal.SIGXFSZ: OUTPUT_LIMIT_EXCEEDED,
    signal.SIGSEGV: "crashed with a segmentation fault",
}


def _limit_child(limits: Limits) -> None:
    """Runs in the child between fork and exec: its own process group and resource limits."""
    os.setsid()
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.output_bytes, limits.output_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _environment(folder: str) -> dict[str, str]:
    from sva.families import plugin_paths

    profiling = {PROFILE_VARIABLE: "1"} if os.environ.get(PROFILE_VARIABLE) else {}
    return {"PATH": "/usr/bin:/bin", "HOME": folder, "PYTHONHASHSEED": "0", "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": folder, **plugin_paths(), **profiling}


def keep_profile(work: Path, job: str) -> None:
    """Profiling only (``SVA_PROFILE_CHILD`` names a folder): copy the child's cProfile stats
    there as ``<job>-<n>.prof``, ``n`` the first number free."""
    target = os.environ.get(PROFILE_VARIABLE)
    stats = work / PROFILE_FILE
    if not target or not stats.is_file():
        return
    import shutil

    folder = Path(target)
    folder.mkdir(parents=True, exist_ok=True)
    stem = job.rpartition(":")[2] or job
    number = 0
    while (folder / f"{stem}-{number}.prof").exists():
        number += 1
    shutil.copyfile(stats, folder / f"{stem}-{number}.prof")


def _tail(path: Path, limit: int = 300) -> str:
    try:
        text = path.read_bytes()[-4096:].decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:limit] if lines else ""


def read_progress(path: Path) -> tuple[Any, ...]:
    """The complete JSON lines of a progress file; a line cut short by a kill is dropped."""
    try:
        data = path.read_bytes()
    except OSError:
        return ()
    records = []
    for line in data.split(b"\n"):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except ValueError:
            break  # the last line, half written when the child died
    return tuple(records)


def sandbox_path(name: str) -> Path:
    """``name`` as a path inside the working folder; ``ValueError`` unless it is relative and
    stays inside (no ``..``, not absolute)."""
    path = Path(name)
    if not name or path.is_absolute() or any(part in ("..", "") for part in path.parts) or name != path.as_posix():
        raise ValueError(f"sandbox file names must be relative paths inside the folder, got {name!r}")
    return path


def write_files(work: Path, files: Mapping[str, str | bytes]) -> None:
    """Write ``files`` (relative path -> text or bytes) into the folder ``work``."""
    for name, content in files.items():
        target = work / sandbox_path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def run_job(job: str, payload: Mapping[str, Any], files: Mapping[str, str | bytes] | None = None,
            limits: Limits | None = None, on_progress: Callable[[Any], None] | None = None) -> Outcome:
    """Run job ``job`` on ``payload``: a short name of the sandbox's own jobs, or
    ``package.module:function`` (:func:`sva.sandbox.jobs.find_job`).

    ``files`` maps relative paths to text or bytes written into the child's working folder first
    (the artifact module, its package, its tests). The payload and the result travel as JSON files; progress
    records the job streams come back in the outcome's ``progress``, and, while it runs, each
    complete record goes to ``on_progress`` as it arrives (a progress line).
    """
    limits = limits or Limits()
    with tempfile.TemporaryDirectory(prefix="sva-sandbox-") as folder:
        work = JobFolder(Path(folder))
        write_files(work.path, files or {})
        work.payload.write_text(json.dumps(payload), encoding="utf-8")
        command, env, contained = child_command([job, str(work.payload), str(work.result), str(work.progress)],
                                           work.path, limits)
        started = time.monotonic()
        ended = _run(command, env, work, limits, started, on_progress)
        elapsed = time.monotonic() - started
        progress = read_progress(work.progress)
        keep_profile(work.path, job)
        if isinstance(ended, str):
            return Crashed(ended, elapsed, progress, overran=True)
        if contained and ended > 128:  # bubblewrap reports a child killed by signal N as 128 + N
            ended = 128 - ended
        return outcome_of(ended, work, elapsed, progress)


@dataclass(frozen=True)
class JobFolder:
    """The child's working folder and the files the sandbox keeps in it (a cold child's, or the
    folder of a warm sandbox's jobs: :mod:`sva.sandbox.warm`)."""

    path: Path

    @property
    def payload(self) -> Path:
        return self.path / "payload.json"

    @property
    def result(self) -> Path:
        return self.path / "result.json"

    @property
    def stdout(self) -> Path:
        return self.path / "stdout.txt"

    @property
    def stderr(self) -> Path:
        return self.path / "stderr.txt"

    @property
    def progress(self) -> Path:
        return self.path / "progress.jsonl"


def child_command(arguments: list[str], work: Path, limits: Limits) -> tuple[list[str], dict[str, str], bool]:
    """The child's command line (:func:`sva.sandbox.child.main` given ``arguments``) and
    environment, wrapped in bubblewrap where it works (then True)."""
    folder = str(work)
    python = limits.python or sys.executable
    # not -I: it implies -E, which would ignore the PYTHONHASHSEED the environment sets (a random
    # hash seed made the order of string sets in a job vary from run to run); the environment
    # is built whole, so -E has nothing else to keep out
    command = [python, "-s", "-P", "-c", _CHILD_BOOTSTRAP, _PACKAGE, *arguments]
    env = _environment(folder)
    if containment.containment() != "bwrap":
        return command, env, False
    readable = [_PACKAGE, *filter(None, env.get("SVA_FAMILY_PATH", "").split(os.pathsep))]
    return containment.wrap(command, folder, env, python, readable, limits.output_bytes), env, True


def _run(command: list[str], env: dict[str, str], work: JobFolder, limits: Limits, started: float,
         on_progress: Callable[[Any], None] | None) -> int | str:
    """Start the child and wait for it: its exit status, or why the sandbox stopped it."""
    with open(work.stdout, "wb") as stdout, open(work.stderr, "wb") as stderr:
        process = subprocess.Popen(command, cwd=work.path, env=env, stdin=subprocess.DEVNULL,
                                   stdout=stdout, stderr=stderr, preexec_fn=lambda: _limit_child(limits),
                                   close_fds=True)
        try:
            return _watch(process, limits, work.progress, started, on_progress)
        finally:
            kill_group(process)  # no grandchild outlives the job


def outcome_of(returncode: int, work: JobFolder, elapsed: float, progress: tuple[Any, ...]) -> Outcome:
    """What a child that exited with ``returncode`` left: its result, or why there is none."""
    if returncode < 0:
        reason = _SIGNAL_REASONS.get(-returncode, f"killed by signal {-returncode}")
        return Crashed(reason, elapsed, progress)
    if not work.result.is_file():
        detail = _tail(work.stderr) or _tail(work.stdout)
        reason = f"exited with status {returncode} before returning a result"
        return Crashed(f"{reason}: {detail}" if detail else reason, elapsed, progress)
    try:
        result = json.loads(work.result.read_text(encoding="utf-8"))
    except OSError as error:
        return Crashed(f"unreadable result: {os_reason(error)}", elapsed, progress)
    except ValueError as error:
        return Crashed(f"unreadable result: {error}", elapsed, progress)
    if result.get("error"):
        return Crashed(one_line(str(result["error"]), limit=300), elapsed, progress)
    return Completed(result.get("value"), elapsed, progress)


class _Tail:
    """The complete JSON lines a progress file gained since the last look, for a live reader."""

    def __init__(self, path: Path, reader: Callable[[Any], None]) -> None:
        self.path, self.reader, self.offset = path, reader, 0

    def read(self) -> None:
        try:
            with open(self.path, "rb") as stream:
                stream.seek(self.offset)
                data = stream.read()
        except OSError:
            return
        end = data.rfind(b"\n") + 1  # only complete lines: the last may be half written
        for line in data[:end].split(b"\n"):
            if line.strip():
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                self.reader(record)
        self.offset += end


def _watch(process: subprocess.Popen, limits: Limits, progress_path: Path, started: float,
           on_progress: Callable[[Any], None] | None = None) -> int | str:
    """Wait for the child; return its exit status, or why it must be stopped."""
    def ended(timeout: float) -> int | None:
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    return watch(ended, limits, progress_path, started, on_progress)


def watch(ended: Callable[[float], int | None], limits: Limits, progress_path: Path, started: float,
          on_progress: Callable[[Any], None] | None = None) -> int | str:
    """Wait for a job, ``ended(timeout)`` giving its exit status once it has one (else None after
    waiting up to ``timeout`` seconds); return that status, or why the job must be stopped: its
    wall clock, or its progress stream, once started, silent for ``limits.idle_seconds``."""
    last_size, last_change = 0, time.monotonic()
    tail = _Tail(progress_path, on_progress) if on_progress is not None else None
    while True:
        now = time.monotonic()
        remaining = limits.wall_seconds - (now - started)
        if remaining <= 0:
            return f"wall-clock limit of {limits.wall_seconds:g} s exceeded"
        if tail is not None:
            tail.read()
        if limits.idle_seconds is not None:
            try:
                size = progress_path.stat().st_size
            except OSError:
                size = 0
            if size != last_size:
                last_size, last_change = size, now
            elif size > 0 and now - last_change > limits.idle_seconds:  # watched once the stream starts
                return f"no progress for {limits.idle_seconds:g} s (hung)"
        code = ended(min(0.1, remaining))
        if code is None:
            continue
        if tail is not None:
            tail.read()
        return code


def kill_group(process: subprocess.Popen) -> None:
    """Kill ``process``'s whole process group (it leads one: ``os.setsid``) and reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL does not fail
        pass
