"""What ``sva claims`` prints: a summary that fits a terminal screen, or every verdict with ``--all``.

The summary (the default) is the answer first: each confirmatory claim in one line, the claim's
headline of :func:`sva.results.headline.line` (the line the report's first screen shows: verdict,
which way the data point, the effect with its 95% interval, the specs counted), then one line
counting the other claims by verdict and saying that ``--all`` prints them. A line longer than
:data:`WIDTH` columns is wrapped at a word, its continuation indented under the headline, and
the claim's name stands in the left column::

    shorter_explanations      Design artifacts need shorter explanations: undecided
                              favours search, explanation length E +5 [-16, +9], 45 specs

``--all`` prints each claim overall, its rule, its verdict on each family (when the run holds
several) and on each spec, each sentence whole, wrapped at :data:`WIDTH` columns (continuations
indented by :data:`HANG`), then the tally. The words for verdicts are
:data:`sva.results.verdicts.SAYS`.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any, Iterable, Sequence

from sva.results.claims import claim
from sva.results.headline import line, overall
from sva.results.verdicts import FINDINGS, SAYS, ClaimResult

__all__ = ["HANG", "WIDTH", "all_lines", "summary_lines", "wrapped"]

#: Columns of a line, at most (a single word longer than this stands alone on its line).
WIDTH = 100
#: The indent of a sentence's continuation lines under ``--all``.
HANG = " " * 8


#: Spans a line never breaks inside: an effect with its interval ("+5 [-16, +9]"), a count of
#: specs ("45 specs"), a quoted command ('sva claims --all').
_KEPT = re.compile(r"\S+ \[[^\[\]]{1,30}\]|\d+ specs?\b|'sva [^']{1,30}'")
_HARD_SPACE = "\u00a0"  # not a space to textwrap, so a kept span is one word to it


def wrapped(head: str, text: str, indent: str, width: int = WIDTH) -> list[str]:
    """``head`` followed by ``text``, wrapped at ``width`` columns at spaces outside the spans kept
    whole (:data:`_KEPT`), the continuation lines indented by ``indent``; nothing is cut or lost (a
    word longer than a line stands alone on it)::

        wrapped("name  ", "a b c", " " * 6, width=9)        -> ["name  a b", "      c"]
        wrapped("", "rho -0.25 [-0.42, -0.07]", "  ", 16)  -> ["rho", "  -0.25 [-0.42, -0.07]"]
    """
    kept = _KEPT.sub(lambda match: match.group().replace(" ", _HARD_SPACE), text)
    lines = textwrap.wrap(kept, width, initial_indent=head, subsequent_indent=indent, break_long_words=False,
                          break_on_hyphens=False) or [head.rstrip()]
    return [line.replace(_HARD_SPACE, " ") for line in lines]


def summary_lines(results: Sequence[ClaimResult], written: str) -> list[str]:
    """The default output: each confirmatory claim's headline, the other claims counted, and where
    ``claims.json`` was ``written``."""
    chosen = [result for result in results if claim(result.name).confirmatory]
    column = max((len(result.name) for result in chosen), default=0) + 2
    lines = [f"The {len(chosen)} confirmatory claims, over every spec of the run:", ""]
    for result in chosen:
        head, _, details = line(overall(result)).partition("; ")
        lines += wrapped(f"{result.name:<{column}}", head, " " * column)
        if details:
            lines += wrapped(" " * column, details, " " * column)
    others = [SAYS[result.verdict] for result in results if not claim(result.name).confirmatory]
    counted = _counts(others, list(SAYS.values()))
    return [*lines, "", *wrapped("", f"{len(others)} other claims (exploratory): {counted}; 'sva claims --all' "
                                     "prints every claim with its rule, on each family and each spec.", ""),
            f"written: {written}"]


def all_lines(document: dict[str, Any]) -> list[str]:
    """``--all``: every claim overall, its rule, each family and spec, each sentence whole; the tally."""
    lines = []
    for entry in document["claims"]:
        lines += wrapped(f"{entry['name']:<37} {entry.get('says', '-'):<15}  ", entry.get("sentence", ""), HANG)
        lines += wrapped(f"  {'rule':<35} {'':<15}  ", entry["rule"], HANG)
        for family, scoped in _families(entry):
            lines += wrapped(f"  {'family ' + family:<35} {SAYS[scoped['verdict']]:<15}  ", scoped["sentence"], HANG)
        for spec in entry["specs"]:
            lines += wrapped(f"  {spec['spec']:<35} {spec['says']:<15}  ", spec.get("sentence", ""), HANG)
    return lines + wrapped("", _tally(document), HANG)


def _families(entry: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The claim's verdict in each family (``numbers["by_family"]``), when the run has several."""
    found = [(family, scoped) for family, scoped in (entry["numbers"].get("by_family") or {}).items()
             if isinstance(scoped, dict) and "verdict" in scoped and "sentence" in scoped]
    return found if len(found) > 1 else []


def _tally(document: dict[str, Any]) -> str:
    overall_words = [entry.get("says") for entry in document["claims"]]
    findings = [says for says in overall_words if says in FINDINGS]
    specs = [spec["says"] for entry in document["claims"] for spec in entry["specs"]]
    words = list(SAYS.values())
    return (f"claims: {findings.count('supported')} of {len(findings)} findings supported overall"
            + "".join(f", {overall_words.count(word)} {word}" for word in words[1:] if overall_words.count(word))
            + "; on specs: " + _counts(specs, words))


def _counts(said: Iterable[str], words: Sequence[str]) -> str:
    said = list(said)
    return ", ".join(f"{said.count(word)} {word}" for word in words if said.count(word))
