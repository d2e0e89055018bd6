"""Distinct artifacts by program, not by bytes: the key two artifacts share when they are one program.

Two artifacts are one program when their sources differ only in text that does not change what
runs: docstrings (a search module's docstring names its seed; a design module's names its spec),
comments, layout and the names of things (a half-table spec's design is its twin's with the
entry function renamed). :func:`program_key` is the SHA-256 of the module's canonical text,
:func:`sva.measure.description.normalize` (docstrings dropped, every identifier renamed ``n0, n1,
...`` by first appearance, layout fixed by ``ast.unparse``). The source is parsed, never run.

Worked example: ``def parity_3(a, b, c):\\n    '''seed 0.'''\\n    return a ^ b ^ c`` and the same
function named ``parity_3_half`` with the docstring ``'''seed 4.'''`` both normalize to ``def
n0(n1, n2, n3):\\n    return n1 ^ n2 ^ n3``, so they have one key; ``return a ^ b`` would not.

:func:`with_programs` adds the key to result rows as ``program`` (reading each row's ``module``
below the results folder); :func:`sva.results.samples.distinct` counts by it, so every count of
"distinct artifacts" is a count of distinct programs. A row whose module cannot be read or parsed
keeps its byte hash as its key.
"""

from __future__ import annotations

import ast
import hashlib
import os
from pathlib import Path
from typing import Any, Iterable, Mapping

from sva.measure.description import normalize

__all__ = ["program_key", "with_programs"]


def program_key(source: str) -> str | None:
    """SHA-256 of the canonical text of ``source`` (see the module docstring); ``None`` when it
    does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    return hashlib.sha256(normalize(tree).encode("utf-8")).hexdigest()


def _key(results_dir: Path, row: Mapping[str, Any], cache: dict[str, str | None]) -> str | None:
    module = row.get("module")
    if not module:
        return None
    if module not in cache:
        try:
            cache[module] = program_key((results_dir / str(module)).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            cache[module] = None
    return cache[module]


def with_programs(rows: Iterable[Mapping[str, Any]], results_dir: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Copies of ``rows`` each with ``program``: the key of its module's program, or its
    ``sha256`` when the module cannot be read."""
    folder = Path(results_dir)
    cache: dict[str, str | None] = {}
    return [{**row, "program": _key(folder, row, cache) or row.get("sha256")} for row in rows]
