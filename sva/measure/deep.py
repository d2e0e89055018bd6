"""Running recursive work safely: a worker thread with a large stack and a raised recursion limit.

Python's parsers, radon's visitors, ``ast.unparse`` and libcst's code generation recurse once per
nesting level, so a deeply nested input (``x = (((...1...)))`` a thousand deep, a 1,000-term
sum) would overflow the interpreter's default stack. :func:`run_deep` runs such work in a
thread with a 512 MiB stack and a recursion limit of 60,000, where it is ordinary work.
Example: ``run_deep(lambda: ast.parse(source))`` instead of ``ast.parse(source)``.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from typing import Any, Callable, TypeVar

__all__ = ["DEEP_STACK_BYTES", "DEEP_RECURSION_LIMIT", "run_deep"]

#: Stack of the analysis thread and recursion limit inside it.
DEEP_STACK_BYTES = 512 * 1024 * 1024
DEEP_RECURSION_LIMIT = 60_000

T = TypeVar("T")
_deep_lock = threading.Lock()


class _DeepThread:
    """The one thread of this process that runs deep work, started on first use.

    Kept between calls: a fresh thread per call would fault its stack's pages in again for every
    file (about 250 page faults a file, a few percent of the analyzer's CPU). A forked child has
    no copy of it (only the forking thread survives a fork), so each process starts its own."""

    def __init__(self) -> None:
        self.requests: queue.SimpleQueue = queue.SimpleQueue()
        self.pid = os.getpid()
        old_size = threading.stack_size()
        threading.stack_size(DEEP_STACK_BYTES)
        try:
            self.thread = threading.Thread(target=self.serve, name="sva-analysis", daemon=True)
        finally:
            threading.stack_size(old_size)
        self.thread.start()

    def serve(self) -> None:
        while True:
            fn, box, done = self.requests.get()
            try:
                box["value"] = fn()
            except BaseException as error:  # re-raised in the caller's thread
                box["error"] = error
            finally:
                done.set()

    def usable(self) -> bool:
        return self.pid == os.getpid() and self.thread.is_alive()


_thread: _DeepThread | None = None


def run_deep(fn: Callable[[], T]) -> T:
    """Run ``fn()`` in a thread with a 512 MiB stack and a raised recursion limit; return its result.

    The recursion limit is process-wide in CPython 3.11, so it is raised only while ``fn`` runs
    (the calling thread just waits) and calls are serialized.
    """
    global _thread
    box: dict[str, Any] = {}
    done = threading.Event()
    with _deep_lock:
        if _thread is None or not _thread.usable():
            _thread = _DeepThread()
        old_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old_limit, DEEP_RECURSION_LIMIT))
        try:
            _thread.requests.put((fn, box, done))
            done.wait()
        finally:
            sys.setrecursionlimit(old_limit)
    if "error" in box:
        raise box["error"]
    return box["value"]
