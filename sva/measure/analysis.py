"""From source text to measurements: one ``ast`` parse, one libcst parse, one raw count.

:func:`analyze_source` is the single in-process path every caller goes through (the batch's
worker processes, ``sva explain``, the tests): it parses once with each parser, builds the unit
graph, and runs every registered measurement over the resulting :class:`ModuleFacts`. One walk
of the ``ast`` tree (:mod:`sva.measure.astscan`) gives both the depth check's figure and the
normalization's edits. Shared intermediate results (radon's complexity and Halstead counts,
:mod:`sva.measure.radonwalk`; the normalized source) are computed once, lazily.

Deep input: the parsers and ``ast.unparse`` recurse once per nesting level,
so all of it runs in a worker thread with a large stack and a raised recursion limit
(:func:`sva.measure.deep.run_deep`); a 1,000-term sum is ordinary work there.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import libcst as cst

from sva.errors import InputError, one_line, syntax_reason
from sva.measure.astscan import Renaming, scan
from sva.measure.cstparse import parse_cst
from sva.measure.deep import run_deep
from sva.measure.description import normalize
from sva.measure.metrics.classic import function_complexities
from sva.measure.radonwalk import RadonCounts, radon_counts
from sva.measure.rawcount import raw_counts
from sva.measure.registry import measure_all
from sva.measure.unitgraph import UnitBuild, UnitGraph, build_units

__all__ = ["Analysis", "FunctionRow", "ModuleFacts", "MAX_SYNTAX_DEPTH", "analyze_source", "parse_facts",
           "syntax_depth"]


@dataclass(frozen=True)
class FunctionRow:
    """One function or method: the per-function part of ``sva analyze --json``."""

    name: str  #: qualified name, e.g. ``Class.method`` or ``outer.inner``
    lineno: int | None
    cyclomatic_complexity: int
    size: int


@dataclass(frozen=True)
class ModuleFacts:
    """Everything measurements may read about one module. Built once; never re-parsed."""

    path: str
    source: str
    tree: ast.Module
    build: UnitBuild
    raw: Any  #: radon's raw counts (``radon.raw.Module``), or None when radon could not count
    entry: str | None = None  #: the entry function the caller named, if any
    #: the normalization's edits of ``tree`` (from the walk that checked its depth), if known
    renaming: Renaming | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def graph(self) -> UnitGraph:
        return self.build.graph

    @cached_property
    def radon(self) -> RadonCounts:
        """radon's complexity and Halstead counts of the module, from one walk of ``tree``."""
        return radon_counts(self.tree)

    @cached_property
    def normalized_source(self) -> str:
        """The source without docstrings and comments, with every identifier canonicalized."""
        return normalize(self.tree, self.renaming)


@dataclass(frozen=True)
class Analysis:
    """The measurements of one module: metrics by field name, per-function rows, the unit graph."""

    path: str
    metrics: dict[str, Any]
    functions: tuple[FunctionRow, ...]
    graph: UnitGraph


#: Deepest syntax tree handed to libcst: its native parser crashes the whole process (SIGSEGV)
#: on a chain of about 7,200 binary operators (``a | a | ...``, ``a and a and ...``), whatever
#: the thread's stack; measured with libcst 1.9.0 (docs/metrics.md, "Measured limits").
MAX_SYNTAX_DEPTH = 5000


def syntax_depth(tree: ast.AST) -> int:
    """Depth of ``tree`` as libcst will nest it: ``ast`` keeps ``a and b and c`` flat, libcst does not.

    Iterative, so it is safe on any tree ``ast.parse`` returns. Example: ``x = a and b and c``
    is 6 (Module > Assign > BoolOp, counted as 2 levels > Name > its Load context).
    :func:`parse_facts` reads it off the one walk it shares with the normalization
    (:func:`sva.measure.astscan.scan`).
    """
    return scan(tree).depth


def parse_facts(source: str, path: str = "<string>", entry: str | None = None) -> ModuleFacts:
    """Parse ``source`` once with ``ast`` (Python's own verdict on validity), once with libcst.

    Must run on a deep stack (see :func:`sva.measure.deep.run_deep`). Raises
    :class:`InputError` with a one-line reason for anything that is not valid Python 3 for the
    running interpreter.
    """
    if "\x00" in source:
        raise InputError("contains a NUL byte (not Python source)")
    try:
        with warnings.catch_warnings():  # the compiler's hints ("perhaps you missed a comma?")
            warnings.simplefilter("ignore", SyntaxWarning)  # are about style, not validity
            tree = ast.parse(source, filename=path)
    except SyntaxError as error:
        raise InputError(syntax_reason(error)) from None
    except (ValueError, MemoryError) as error:
        raise InputError(f"cannot parse: {one_line(error)}") from None
    scanned = scan(tree)
    depth = scanned.depth
    if depth > MAX_SYNTAX_DEPTH:  # libcst's native parser segfaults near 7,200 (docs/metrics.md)
        raise InputError(f"nested {depth} levels deep (an operator chain or nesting); "
                         f"the limit is {MAX_SYNTAX_DEPTH}")
    try:
        module = parse_cst(source)
    except cst.ParserSyntaxError as error:
        raise InputError(f"libcst cannot parse it: {one_line(error)}") from None
    build = build_units(module, tree)
    try:
        raw = raw_counts(source)
    except Exception:  # radon's tokenizer-based count gave up: those fields become null
        raw = None
    return ModuleFacts(path=path, source=source, tree=tree, build=build, raw=raw, entry=entry,
                       renaming=scanned.renaming)


def function_rows(facts: ModuleFacts) -> tuple[FunctionRow, ...]:
    """Every function and method unit with radon's cyclomatic complexity for it."""
    complexities = function_complexities(facts)
    rows = []
    for unit in facts.graph.units:
        if unit.kind in ("function", "method"):
            complexity = complexities.get(unit.lineno, 1) if unit.lineno is not None else 1
            rows.append(FunctionRow(unit.qualname, unit.lineno, complexity, unit.size))
    return tuple(rows)


def _analyze(source: str, path: str, entry: str | None) -> Analysis:
    facts = parse_facts(source, path, entry)
    return Analysis(path=path, metrics=measure_all(facts), functions=function_rows(facts), graph=facts.graph)


def analyze_source(source: str, path: str = "<string>", entry: str | None = None) -> Analysis:
    """Measure one module given as text: every registered metric, per-function rows, unit graph.

    Raises :class:`InputError` for invalid Python (one-line reason) and ``LookupError`` when
    ``entry`` names no unit. Safe on deeply nested input (runs on a deep stack).
    """
    return run_deep(lambda: _analyze(source, path, entry))
