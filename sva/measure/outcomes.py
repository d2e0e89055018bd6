"""What became of one path given to the batch: a closed union of frozen records.

* :class:`Analyzed`: the file's :class:`~sva.measure.analysis.Analysis`;
* :class:`Failed`: a one-line reason (invalid Python, unreadable, too large, timed out, the
  worker process died, a missing path, a FIFO named on the command line...);
* :class:`Skipped`: something met while walking a folder that is not analyzed (a FIFO or socket
  named ``*.py``, a symbolic-link loop, a broken link); reported, but not a failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from sva.measure.analysis import Analysis

__all__ = ["Analyzed", "Failed", "Skipped", "Outcome"]


@dataclass(frozen=True)
class Analyzed:
    path: str
    analysis: Analysis


@dataclass(frozen=True)
class Failed:
    path: str
    reason: str


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


Outcome = Union[Analyzed, Failed, Skipped]
