"""Which mutants to check: all, the lines a change touched, or all but module-level code.

In review one wants the mutants of the change only: ``--lines 10-20,33`` names lines, and
``--diff PATCH`` reads them from a unified diff (``git diff``'s output) as the new-side lines the
change added or altered; a deletion touches the line after it. A mutant is kept when the text it
replaces touches one of those lines. ``--exclude-module-level`` drops every mutant outside a
function (data tables, constants, class bodies), which on data-heavy modules are most of the
survivors and rarely what a reviewer acts on. A mutant keeps its index (its place among all of
:func:`sva.trust.mutants.generation.generate_mutants`), so survivors can be found again.

Worked example: for the diff hunk ``@@ -3,2 +3,3 @@`` with lines `` a``, ``-b``, ``+c``, ``+d``,
the new side's lines 4 and 5 (``c`` and ``d``) are changed: ``changed_lines`` gives ``{4, 5}``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

from sva.errors import InputError

__all__ = ["changed_lines", "parse_lines", "select_mutants"]

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def parse_lines(text: str) -> frozenset[int]:
    """``"10-20,33"`` as the set of those 1-based lines; :class:`InputError` names a bad part."""
    lines: set[int] = set()
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        first, dash, last = part.partition("-")
        try:
            low, high = int(first), int(last) if dash else int(first)
        except ValueError:
            raise InputError(f"--lines {text}: {part!r} is not a line or a range such as 10-20") from None
        if low < 1 or high < low:
            raise InputError(f"--lines {text}: {part!r} is not a range of lines from 1 up")
        lines.update(range(low, high + 1))
    if not lines:
        raise InputError(f"--lines {text!r}: no lines given; write them as 10-20,33")
    return frozenset(lines)


def _same_file(diff_path: str, artifact: Path) -> bool:
    """Whether a diff's ``+++`` path names ``artifact`` (``b/`` prefixes and relative paths)."""
    name = diff_path.split("\t")[0].strip()
    if name == "/dev/null":
        return False
    candidates = {name, name[2:] if name[:2] in ("a/", "b/") else name}
    resolved = artifact.resolve().as_posix()
    return any(resolved == Path(c).resolve().as_posix() or resolved.endswith("/" + c.lstrip("./"))
               for c in candidates)


def changed_lines(diff: str, artifact: Path) -> frozenset[int]:
    """The new-side lines of ``artifact`` a unified diff adds or alters (see the module docstring)."""
    lines: set[int] = set()
    inside = found = False
    line = 0
    rows = diff.splitlines()
    for position, row in enumerate(rows):
        following = rows[position + 1] if position + 1 < len(rows) else ""
        if row.startswith("--- ") and following.startswith("+++ "):
            continue  # a file header: the +++ line says which file
        if row.startswith("+++ ") and position and rows[position - 1].startswith("--- "):
            inside = _same_file(row[4:], artifact)
            found = found or inside
            continue
        if row.startswith("diff "):
            inside = False
            continue
        if not inside:
            continue
        hunk = _HUNK.match(row)
        if hunk:
            line = int(hunk.group(1))
        elif row.startswith("+"):
            lines.add(line)
            line += 1
        elif row.startswith("-"):
            lines.add(line)  # a deletion touches the line that now stands there
        elif row.startswith(" ") or row == "":
            line += 1
    if not found:
        raise InputError(f"the diff changes nothing in {artifact}; give the diff of that file")
    return frozenset(lines)


def select_mutants(mutants: Sequence[Any], source: str, lines: frozenset[int] | None,
                   module_level: bool) -> tuple[Any, ...]:
    """The mutants to check: those touching ``lines`` (None: all), and without module-level
    ones unless ``module_level``."""
    data = source.encode("utf-8")
    kept = []
    for mutant in mutants:
        if not module_level and mutant.function is None:
            continue
        if lines is not None:
            last = mutant.line + data[mutant.start:mutant.end].count(b"\n")
            if not any(number in lines for number in range(mutant.line, last + 1)):
                continue
        kept.append(mutant)
    return tuple(kept)
