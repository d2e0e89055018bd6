"""The forked children of :mod:`sva.trust.worker.fresh`: starting one, hearing it, its verdict.

A child is forked with the mutant's text served for the artifact's file
(:class:`~sva.trust.worker.loading.ServedSource`) and lives the ``life`` it is given. It marks
the test it starts in a slot of memory shared with its parent (:class:`Reporter`: no system
call per test) and sends its verdict through a pipe, last; a child that dies first is killed by
the test its slot names (:func:`result_of`).
"""

from __future__ import annotations

import json
import mmap
import os
import signal
import struct
import sys
from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence

from sva.trust.protocol import MutantResult, MutantSplice, TestMarker, progress_from_json
from sva.trust.worker.loading import ServedSource
from sva.trust.worker.timer import cpu_seconds

__all__ = ["IMPORT", "Child", "Reporter", "read_child", "result_of", "start_child"]

#: The killer's name for a mutant that does not load (or whose tests then do not collect).
IMPORT = "<import>"


@dataclass
class Child:
    """One forked child in flight: its mutant, process, pipe, and what it has said so far."""

    mutant: MutantSplice
    pid: int
    stream: Any
    slot: mmap.mmap  #: shared with the child: its current step + 2 (0: none yet)
    verdict: dict[str, Any] | None = None
    buffer: str = ""
    open: bool = True
    status: int | None = None


    @property
    def marker(self) -> TestMarker | None:
        """The test the child runs now (step -1: the import), as it last wrote in the slot."""
        value = struct.unpack_from("q", self.slot)[0]
        return TestMarker(self.mutant.index, value - 2) if value else None


class Reporter:
    """A child's side: its markers into the slot it shares with its parent (no system call: a
    marker per test through a pipe cost a quarter of a child's CPU on inflection's 455 tests),
    the verdict (with its CPU seconds) through its pipe, last."""

    def __init__(self, write_end: int, slot: mmap.mmap) -> None:
        self.stream = os.fdopen(write_end, "w", encoding="utf-8")
        self.slot = slot

    def emit(self, record: Any) -> None:
        assert isinstance(record, TestMarker)
        struct.pack_into("q", self.slot, 0, record.step + 2)

    def tell(self, result: MutantResult) -> None:
        self.send({"kind": "verdict", "result": result.to_json(), "cpu": cpu_seconds()})

    def send(self, record: dict[str, Any]) -> None:
        """One record through the pipe (the verdict, or the original's footprint)."""
        self.stream.write(json.dumps(record) + "\n")
        self.stream.flush()


def start_child(mutant: MutantSplice, original: bytes, life: Callable[[MutantSplice, Reporter], None],
           module_file: str) -> Child:
    read_end, write_end = os.pipe()
    slot = mmap.mmap(-1, 8)  # anonymous and shared: the child's writes are the parent's reads
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: serve the mutant and live (it leaves by os._exit or, resumed, by _Resume)
        os.close(read_end)
        ServedSource(module_file).serve(mutant.apply(original).encode("utf-8"))
        life(mutant, Reporter(write_end, slot))
    os.close(write_end)
    os.set_blocking(read_end, False)
    return Child(mutant, pid, os.fdopen(read_end, "rb", buffering=0), slot)


def read_child(child: Child) -> None:
    """Take in what the child wrote through its pipe (its verdict)."""
    try:
        data = child.stream.read()
    except BlockingIOError:
        return
    if not data:
        child.open = False
        return
    child.buffer += data.decode("utf-8")
    *lines, child.buffer = child.buffer.split("\n")
    for line in filter(None, lines):
        child.verdict = json.loads(line)


def result_of(child: Child, plan: Sequence[Any]) -> MutantResult:
    """The child's verdict, or, when it died first, a kill by the test it was running."""
    mutant, verdict, status = child.mutant, child.verdict, child.status or 0
    if verdict is not None:
        result = progress_from_json(verdict["result"])
        assert isinstance(result, MutantResult)
        return replace(result, seconds=round(verdict["cpu"], 4))
    marker = child.marker
    step = marker.step if marker is not None else -1
    by = plan[step].name if step >= 0 else IMPORT
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        overran = number in (signal.SIGXCPU, signal.SIGKILL)
        what = "ran past its CPU limit" if number == signal.SIGXCPU else f"was killed by signal {number}"
        return MutantResult(mutant.index, True, by, f"its process {what}", None, None, overran)
    return MutantResult(mutant.index, True, by, f"its process exited with status {os.WEXITSTATUS(status)}",
                        None, None, False)
