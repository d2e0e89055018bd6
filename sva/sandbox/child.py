"""The sandboxed side of :mod:`sva.sandbox.process`: runs one named job and writes its result.

Invoked by the sandbox as ``main([JOB, PAYLOAD, RESULT, PROGRESS])`` in an isolated
interpreter (``python -I``). It reads the JSON payload, runs the job of that name
(:func:`sva.sandbox.jobs.find_job`) with a progress writer (one JSON line per record, flushed at
once so a kill loses at most the last line), and writes ``{"value": ...}`` to the result file
only when the job finishes; any exception, the artifact's ``SystemExit`` included, becomes
``{"error": "<one line>"}`` instead. It imports no artifact until the job asks for it. First of all, it makes Hypothesis draw no
constant from sva's own modules (:mod:`sva.sandbox.constants`).

Invoked as ``main(["--serve", *PRELOAD])`` it is a warm server instead (:func:`serve`,
:mod:`sva.sandbox.warm`): it imports what the jobs will need once, then runs each job it is
sent in a child forked from that state, so a second job on the same folder pays no interpreter
start, no imports and no containment set-up.

For profiling only (``docs/profile.md``), with ``SVA_PROFILE_CHILD`` set in the caller's
environment, the job runs under cProfile and its stats go to ``profile.prof`` in the folder,
which the sandbox copies out; unset (the default), nothing of this runs.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from sva.errors import typed_line
from sva.sandbox.constants import exclude_tool_constants
from sva.sandbox.jobs import Emit, find_job
from sva.sandbox.limits import OUTPUT_LIMIT_EXCEEDED

__all__ = ["PROFILE_FILE", "PROFILE_VARIABLE", "SERVE", "main", "serve"]

#: For profiling only (``docs/profile.md``): when the caller's environment names a folder in
#: this variable, the sandbox passes it on, the job runs under cProfile, and its stats, written
#: to :data:`PROFILE_FILE` in the working folder, are copied there; unset (the default),
#: nothing changes.
PROFILE_VARIABLE = "SVA_PROFILE_CHILD"
PROFILE_FILE = "profile.prof"
#: The first argument that makes the child a warm server of jobs (:func:`serve`).
SERVE = "--serve"


def _progress_writer(path: str) -> Emit:
    """Append one JSON line per record, flushed at once so a kill loses at most the last line."""
    stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the child

    def write(record: Any) -> None:
        stream.write(json.dumps(record) + "\n")
        stream.flush()

    return write


def _family_path() -> None:
    """Put the folders of families from outside the package on ``sys.path`` (``python -I``
    ignores PYTHONPATH; the sandbox passes them as ``SVA_FAMILY_PATH``), and the interpreter's
    own path entries that containment moved into the job folder (``SVA_MOVED_PATH``:
    :mod:`sva.sandbox.containment`)."""
    for name in ("SVA_MOVED_PATH", "SVA_FAMILY_PATH"):
        for folder in filter(None, os.environ.get(name, "").split(os.pathsep)):
            if folder not in sys.path:
                sys.path.append(folder)


def _run(job: str, payload: Any, progress: Emit) -> Any:
    """The job's value; under cProfile, its stats written to ``profile.prof`` in the working
    folder, when the sandbox asked for it (``SVA_PROFILE_CHILD`` set: :mod:`sva.sandbox.process`)."""
    if not os.environ.get(PROFILE_VARIABLE):
        return find_job(job)(payload, progress)
    import cProfile

    profiler = cProfile.Profile()
    try:
        return profiler.runcall(find_job(job), payload, progress)
    finally:
        profiler.dump_stats(PROFILE_FILE)


def main(argv: list[str]) -> int:
    exclude_tool_constants()  # before anything draws: no row depends on sva's own source text
    if argv and argv[0] == SERVE:
        return serve(argv[1:])
    job, payload_path, result_path, progress_path = argv
    _family_path()
    payload = json.loads(Path(payload_path).read_text(encoding="utf-8"))
    try:
        result: dict[str, Any] = {"value": _run(job, payload, _progress_writer(progress_path))}
    except BaseException as error:  # noqa: BLE001 - includes SystemExit raised by the artifact
        if isinstance(error, OSError) and error.errno == errno.EFBIG:
            # CPython ignores SIGXFSZ, so the file-size limit surfaces as EFBIG on a write.
            result = {"error": OUTPUT_LIMIT_EXCEEDED}
        else:
            result = {"error": typed_line(error, limit=300)}
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


def serve(preload: list[str]) -> int:
    """A warm child (:mod:`sva.sandbox.warm`): import (and call, for ``module:function``) each
    of ``preload``, then run each job the caller sends on standard input, one JSON line each, in
    a child forked from this warm state, under that job's limits; after it ends, kill what it
    left in its process group and write its exit status (``{"returncode": n}``, ``-N`` for
    signal N) to the command's ``status`` file. Ends when standard input closes."""
    _family_path()
    for name in preload:
        module, _, function = name.partition(":")
        try:
            loaded = importlib.import_module(module)
            if function:
                getattr(loaded, function)()
        except Exception:  # noqa: BLE001 - a job imports what it needs itself, and reports its errors
            pass
    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os._exit(_forked(command))
        Path(command["pid"]).write_text(str(pid), encoding="utf-8")
        _, status = os.waitpid(pid, 0)
        try:
            os.killpg(pid, signal.SIGKILL)  # whatever the job left behind in its group
        except (ProcessLookupError, PermissionError):
            pass
        Path(command["status"]).write_text(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}),
                                           encoding="utf-8")
    return 0


def _forked(command: dict[str, Any]) -> int:
    """One job in the forked child: its own process group and limits (its CPU time counts from
    the fork), no standard input, then :func:`main`."""
    import resource

    try:
        os.setpgid(0, 0)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the job
        cpu, memory, output = command["cpu"], command["memory"], command["output"]
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))
        code = main([command["job"], command["payload"], command["result"], command["progress"]])
    except BaseException:  # noqa: BLE001 - no result file: the caller reports the exit status
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
