"""What bounds a sandboxed job: its :class:`Limits`, and the words for each limit it hits.

:class:`Limits` travels from the caller to :func:`sva.sandbox.run_job`; the reasons below are
the one wording of each limit, whoever notices it: the sandbox when a signal ends the child,
the child when a write fails with ``EFBIG`` (CPython ignores ``SIGXFSZ``), the trust worker
when a test's write does.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits", "OUTPUT_LIMIT_EXCEEDED"]

#: The one line for a job that wrote past its output limit (``RLIMIT_FSIZE``).
OUTPUT_LIMIT_EXCEEDED = "output limit exceeded (the artifact wrote too much)"


@dataclass(frozen=True)
class Limits:
    """Resource limits for one child process (defaults suit a Boolean or small list spec)."""

    cpu_seconds: int = 20
    memory_bytes: int = 2 * 1024**3
    wall_seconds: float = 60.0
    output_bytes: int = 4 * 1024**2
    #: kill the child when its progress stream, once started, stays silent this long (None: no
    #: such watch); a batch job that reports each item can so be stopped at a hang in C code
    #: that no timer inside the child can interrupt, long before its CPU or wall limit
    idle_seconds: float | None = None
    #: the interpreter the child runs (None: sva's own, ``sys.executable``)
    python: str | None = None
