"""Running recursive work safely: a worker thread with a large stack and a raised recursion limit.

Python's parsers, radon's visitors, ``ast.unparse`` and libcst's code generation recurse once per
nesting level, so a deeply nested input (``x = (((...1...)))`` a thousand deep, a 1,000-term
sum) would overflow the interpreter's default stack. :func:`run_deep` runs such work in a
thread with a 512 MiB stack and a recursion limit of 60,000, where it is ordinary work.
Example: ``run_deep(lambda: ast.parse(source))`` instead of ``ast.parse(source)``.
"""

from __future__ import annotations

import sys
import threading
from typing import Any, Callable, TypeVar

__all__ = ["DEEP_STACK_BYTES", "DEEP_RECURSION_LIMIT", "run_deep"]

#: Stack of the analysis thread and recursion limit inside it.
DEEP_STACK_BYTES = 512 * 1024 * 1024
DEEP_RECURSION_LIMIT = 60_000

T = TypeVar("T")
_deep_lock = threading.Lock()


def run_deep(fn: Callable[[], T]) -> T:
    """Run ``fn()`` in a thread with a 512 MiB stack and a raised recursion limit; return its result.

    The recursion limit is process-wide in CPython 3.11, so it is raised only while ``fn`` runs
    (the calling thread just waits) and calls are serialized.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as error:  # re-raised in the caller's thread
            box["error"] = error

    with _deep_lock:
        old_limit = sys.getrecursionlimit()
        old_size = threading.stack_size()
        threading.stack_size(DEEP_STACK_BYTES)
        try:
            thread = threading.Thread(target=target, name="sva-analysis", daemon=True)
        finally:
            threading.stack_size(old_size)
        sys.setrecursionlimit(max(old_limit, DEEP_RECURSION_LIMIT))
        try:
            thread.start()
            thread.join()
        finally:
            sys.setrecursionlimit(old_limit)
    if "error" in box:
        raise box["error"]
    return box["value"]

