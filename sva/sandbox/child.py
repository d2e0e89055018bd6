"""The sandboxed side of :mod:`sva.sandbox.process`: runs one named job and writes its result.

Invoked by the sandbox as ``main([JOB, PAYLOAD, RESULT, PROGRESS])`` in an isolated
interpreter (``python -I``). It reads the JSON payload, runs the job of that name
(:func:`sva.sandbox.jobs.find_job`) with a progress writer (one JSON line per record, flushed at
once so a kill loses at most the last line), and writes ``{"value": ...}`` to the result file
only when the job finishes; any exception, the artifact's ``SystemExit`` included, becomes
``{"error": "<one line>"}`` instead. It imports no artifact until the job asks for it.

For profiling only (``docs/profile.md``), with ``SVA_PROFILE_CHILD`` set in the caller's
environment, the job runs under cProfile and its stats go to ``profile.prof`` in the folder,
which the sandbox copies out; unset (the default), nothing of this runs.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path
from typing import Any

from sva.errors import typed_line
from sva.sandbox.jobs import Emit, find_job
from sva.sandbox.limits import OUTPUT_LIMIT_EXCEEDED

__all__ = ["PROFILE_FILE", "PROFILE_VARIABLE", "main"]

#: For profiling only (``docs/profile.md``): when the caller's environment names a folder in
#: this variable, the sandbox passes it on, the job runs under cProfile, and its stats, written
#: to :data:`PROFILE_FILE` in the working folder, are copied there; unset (the default),
#: nothing changes.
PROFILE_VARIABLE = "SVA_PROFILE_CHILD"
PROFILE_FILE = "profile.prof"


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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
