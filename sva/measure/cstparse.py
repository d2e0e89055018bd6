"""libcst's parse without its second pass: the tree of ``libcst.parse_module``, validated once.

libcst's native parser builds every node by calling its Python class, and each node's
``__post_init__`` then runs the node's ``_validate`` (a name is not empty, an ``and`` has
whitespace around it, parentheses are balanced...). Those checks guard trees that code builds
by hand; a tree the parser built from source already obeys them, and the source was accepted by
``ast.parse`` before libcst sees it (:func:`sva.measure.analysis.parse_facts`). libcst's own
source says as much (``CSTNode.__post_init__``: "It might make more sense to move validation
work into the visitor, which would allow us to avoid validating the tree when parsing a
file"). :func:`parse_cst` therefore parses with the per-node validation switched off, which
saves about a tenth of the parse's CPU time (the whole analysis of deap's 21 files: 0.79 s to
0.75 s, medians of 4 alternating rounds in one process), and gives the same tree: tests/measure/test_cstparse.py checks ``deep_equals`` and the round trip of the
code against a validated parse on tricky sources and on generated programs.

The switch is the class attribute ``CSTNode.__post_init__``, replaced for the duration of one
parse and put back in a ``finally``, under a lock (two threads parsing at once would otherwise
restore each other's replacement). Nodes built by other threads during that time (nothing in
``sva`` builds libcst nodes concurrently with an analysis) would go unvalidated too; their
trees stay what they are.
"""

from __future__ import annotations

import threading

import libcst as cst
from libcst._nodes.base import CSTNode

__all__ = ["parse_cst"]

_switch = threading.Lock()
#: ``CSTNode.__post_init__`` as libcst defines it (it validates the node).
_VALIDATING = CSTNode.__dict__["__post_init__"]


def _unvalidated(self: CSTNode) -> None:
    """A node's ``__post_init__`` during :func:`parse_cst`: nothing to check."""


def parse_cst(source: str) -> cst.Module:
    """``libcst.parse_module(source)`` without re-validating each node the parser builds.

    Raises what ``libcst.parse_module`` raises for source it cannot parse
    (``libcst.ParserSyntaxError``); validation is back on when it returns or raises.
    """
    with _switch:
        CSTNode.__post_init__ = _unvalidated  # type: ignore[method-assign]
        try:
            return cst.parse_module(source)
        finally:
            CSTNode.__post_init__ = _VALIDATING  # type: ignore[method-assign]
