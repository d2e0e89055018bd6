"""From source text to measurements: one ``ast`` parse, one libcst parse, one raw count.

:func:`analyze_source` is the single in-process path every caller goes through (the batch's
worker processes, ``sva explain``, the tests): it parses once with each parser, builds the unit
graph, and runs every registered measurement over the resulting :class:`ModuleFacts`. Shared
intermediate results (radon's visitors, the normalized source) are computed once, lazily.

Deep input: the parsers, radon's visitors and ``ast.unparse`` recurse once per nesting level,
so all of it runs in a worker thread with a large stack and a raised recursion limit
(:func:`run_deep`); a 1,000-term sum is ordinary work there.
"""

from __future__ import annotations

import ast
import lzma
import sys
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, TypeVar

import libcst as cst
from radon.raw import analyze as radon_raw
from radon.visitors import ComplexityVisitor, HalsteadVisitor

from analyzer.errors import InputError
from analyzer.measure.unitgraph import UnitBuild, UnitGraph, build_units

__all__ = ["Analysis", "FunctionRow", "ModuleFacts", "analyze_source", "parse_facts", "run_deep"]

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
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def graph(self) -> UnitGraph:
        return self.build.graph

    @cached_property
    def complexity(self) -> ComplexityVisitor:
        """radon's cyclomatic-complexity visitor over the module, run once."""
        return ComplexityVisitor.from_ast(self.tree)

    @cached_property
    def halstead(self) -> HalsteadVisitor:
        """radon's Halstead visitor over the module, run once."""
        return HalsteadVisitor.from_ast(self.tree)

    @cached_property
    def normalized_source(self) -> str:
        """The source without docstrings and comments, with every identifier canonicalized."""
        return normalize(self.tree)


def normalize(tree: ast.Module) -> str:
    """Canonical text of ``tree``: docstrings dropped, identifiers renamed ``n0, n1, ...``.

    Identifiers are numbered by first appearance in a fixed pre-order walk, so any consistent
    renaming of the input gives the same text; ``ast.unparse`` fixes layout and drops comments.
    The tree is modified in place and restored before returning.
    """
    mapping: dict[str, str] = {}
    undo: list[tuple[Any, str, Any]] = []

    def canon(name: str) -> str:
        new = mapping.get(name)
        if new is None:
            new = mapping[name] = f"n{len(mapping)}"
        return new

    def rename(node: Any, attr: str) -> None:
        value = getattr(node, attr)
        if value is None:
            return
        undo.append((node, attr, value))
        if isinstance(value, list):
            setattr(node, attr, [canon(v) for v in value])
        else:
            setattr(node, attr, ".".join(canon(part) for part in value.split(".")))

    doc_owners = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    renames: dict[type, tuple[str, ...]] = {
        ast.Name: ("id",), ast.arg: ("arg",), ast.FunctionDef: ("name",),
        ast.AsyncFunctionDef: ("name",), ast.ClassDef: ("name",), ast.keyword: ("arg",),
        ast.Attribute: ("attr",), ast.alias: ("name", "asname"), ast.Global: ("names",),
        ast.Nonlocal: ("names",), ast.ExceptHandler: ("name",), ast.ImportFrom: ("module",),
        ast.MatchAs: ("name",), ast.MatchStar: ("name",), ast.MatchMapping: ("rest",),
        ast.MatchClass: ("kwd_attrs",),
    }
    try:
        stack: list[Any] = [tree]
        while stack:
            node = stack.pop()
            t = type(node)
            if t in doc_owners:
                body = node.body
                if (body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant
                        and isinstance(body[0].value.value, str)):
                    undo.append((node, "body", body))
                    node.body = body[1:]
            for attr in renames.get(t, ()):
                rename(node, attr)
            children = list(ast.iter_child_nodes(node))
            children.reverse()
            stack.extend(children)
        return ast.unparse(tree)
    finally:
        for node, attr, value in reversed(undo):
            setattr(node, attr, value)


def description_bits(text: str) -> int:
    """Bits of ``text`` (UTF-8) compressed by raw LZMA2, preset 9, 1 MiB window (no container)."""
    data = text.encode("utf-8")
    filters = [{"id": lzma.FILTER_LZMA2, "preset": 9, "dict_size": 1 << 20}]
    return 8 * len(lzma.compress(data, format=lzma.FORMAT_RAW, filters=filters))


@dataclass(frozen=True)
class Analysis:
    """The measurements of one module: metrics by field name, per-function rows, the unit graph."""

    path: str
    metrics: dict[str, Any]
    functions: tuple[FunctionRow, ...]
    graph: UnitGraph


def _syntax_reason(error: SyntaxError) -> str:
    kind = "bad indentation" if isinstance(error, IndentationError) else "syntax error"
    where = f" at line {error.lineno}" if error.lineno else ""
    message = str(error.msg or error).splitlines()[0] if (error.msg or str(error)) else "invalid syntax"
    return f"{kind}{where}: {message}"


def parse_facts(source: str, path: str = "<string>", entry: str | None = None) -> ModuleFacts:
    """Parse ``source`` once with ``ast`` (Python's own verdict on validity), once with libcst.

    Must run on a deep stack (see :func:`run_deep`). Raises :class:`InputError` with a one-line
    reason for anything that is not valid Python 3 for the running interpreter.
    """
    if "\x00" in source:
        raise InputError("contains a NUL byte (not Python source)")
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as error:
        raise InputError(_syntax_reason(error)) from None
    except (ValueError, MemoryError) as error:
        raise InputError(f"cannot parse: {str(error).splitlines()[0] if str(error) else type(error).__name__}") from None
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        raise InputError(f"libcst cannot parse it: {str(error).splitlines()[0]}") from None
    build = build_units(module, tree)
    try:
        raw = radon_raw(source)
    except Exception:  # radon's tokenizer-based count gave up: those fields become null
        raw = None
    return ModuleFacts(path=path, source=source, tree=tree, build=build, raw=raw, entry=entry)


def function_rows(facts: ModuleFacts) -> tuple[FunctionRow, ...]:
    """Every function and method unit with radon's cyclomatic complexity for it."""
    from analyzer.measure.metrics.classic import function_complexities

    complexities = function_complexities(facts)
    rows = []
    for unit in facts.graph.units:
        if unit.kind in ("function", "method"):
            rows.append(FunctionRow(unit.qualname, unit.lineno, complexities.get(unit.lineno, 1), unit.size))
    return tuple(rows)


def _analyze(source: str, path: str, entry: str | None) -> Analysis:
    from analyzer.measure.registry import measure_all

    facts = parse_facts(source, path, entry)
    return Analysis(path=path, metrics=measure_all(facts), functions=function_rows(facts), graph=facts.graph)


def analyze_source(source: str, path: str = "<string>", entry: str | None = None) -> Analysis:
    """Measure one module given as text: every registered metric, per-function rows, unit graph.

    Raises :class:`InputError` for invalid Python (one-line reason) and ``LookupError`` when
    ``entry`` names no unit. Safe on deeply nested input (runs on a deep stack).
    """
    return run_deep(lambda: _analyze(source, path, entry))
