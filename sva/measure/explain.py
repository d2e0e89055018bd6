"""The explanation that ``explanation_length`` counts, as a tree a reader can check by eye.

Reading starts at the entry unit: its body (its own code, with every part that belongs to another
unit elided to ``...``), then, one level deeper, each unit it references, in order of first
reference: by its story (docstring) when it has one, else by its own explanation, recursively.
A unit already explained earlier in the tree is not printed twice: an ``again`` part repeats its
total (it is still counted, as the formula counts it). A reference back to a unit still being
read (recursion) adds nothing and is not listed. The root's total equals ``explanation_length``.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

import libcst as cst

from sva.measure.analysis import parse_facts
from sva.measure.deep import run_deep
from sva.measure.metrics.explanation import explanation_values, resolve_entry
from sva.measure.unitgraph import UnitBuild
from sva.measure.unitgraph.syntax import body_statements

__all__ = ["Part", "ExplanationTree", "explain", "explain_build", "render_explanation"]


@dataclass(frozen=True)
class Part:
    """One step of the reading: a unit read by its body, by its story, or counted again."""

    unit: str  #: qualified name
    kind: str  #: ``body`` | ``story`` | ``again``
    tokens: int  #: tokens of this part alone (body size, story words, or the repeated total)
    total: int  #: this part plus everything under it
    text: str  #: the code read (body), the docstring (story), or empty (again)
    lineno: int | None
    unit_kind: str
    children: tuple["Part", ...] = ()


@dataclass(frozen=True)
class ExplanationTree:
    path: str
    entry: str | None
    total: int  #: equals ``explanation_length``
    root: Part | None


class _Elide(cst.CSTTransformer):
    """Replace statements that belong to other units (and the docstring) by ``...  # note``."""

    def __init__(self, foreign: dict[int, str], root: cst.CSTNode) -> None:
        super().__init__()
        self.foreign = foreign
        self.root = root

    def on_visit(self, node: cst.CSTNode) -> bool:
        return node is self.root or id(node) not in self.foreign

    @staticmethod
    def _placeholder_line(note: str) -> cst.SimpleStatementLine:
        return cst.SimpleStatementLine(
            body=[cst.Expr(cst.Ellipsis())],
            trailing_whitespace=cst.TrailingWhitespace(
                whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment(f"# {note}")),
        )

    def _compound(self, original: cst.CSTNode, updated: cst.BaseStatement) -> cst.BaseStatement:
        if original is not self.root and id(original) in self.foreign:
            return self._placeholder_line(self.foreign[id(original)])
        return updated

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.BaseStatement:
        return self._compound(original, updated)

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.BaseStatement:
        return self._compound(original, updated)

    def leave_SimpleStatementLine(self, original: cst.SimpleStatementLine,
                                  updated: cst.SimpleStatementLine) -> cst.BaseStatement:
        notes = [self.foreign[id(s)] for s in original.body if id(s) in self.foreign]
        if not notes:
            return updated
        body = [cst.Expr(cst.Ellipsis()) if id(o) in self.foreign else u
                for o, u in zip(original.body, updated.body)]
        return updated.with_changes(body=body, trailing_whitespace=cst.TrailingWhitespace(
            whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment("# " + "; ".join(notes))))


def _foreign_map(build: UnitBuild, index: int) -> dict[int, str]:
    """Node id -> note, for every definition node of a unit other than ``index``."""
    foreign: dict[int, str] = {}
    for other, nodes in enumerate(build.nodes):
        if other == index:
            continue
        unit = build.graph.units[other]
        if unit.kind == "module":
            continue
        for node in nodes:
            foreign[id(node)] = f"unit {unit.qualname}"
        if unit.kind in ("function", "method", "class") and nodes:
            node = nodes[0]
            if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
                foreign[id(node)] = f"unit {unit.qualname} (read separately)"
    return foreign


def _unit_code(build: UnitBuild, index: int) -> str:
    unit = build.graph.units[index]
    nodes = build.nodes[index]
    module = build.module
    foreign = _foreign_map(build, index)
    pieces = []
    for node in nodes:
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            _, doc, doc_node = body_statements(node.body)
            if doc_node is not None:
                foreign[id(doc_node)] = f"story: {unit.story_tokens} words, not code"
        if isinstance(node, cst.BaseSmallStatement):
            pieces.append(module.code_for_node(node))
            continue
        elided = node.visit(_Elide(foreign, node))
        assert isinstance(elided, cst.CSTNode), "the root of an elision is never removed"
        pieces.append(module.code_for_node(elided))
    text = "\n".join(p.strip("\n") for p in pieces)
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())


def explain_build(build: UnitBuild, path: str = "<string>", entry: str | None = None) -> ExplanationTree:
    """The explanation tree of an already built unit graph (must run on a deep stack)."""
    graph = build.graph
    root_index = resolve_entry(graph, entry)
    if root_index is None:
        return ExplanationTree(path, None, 0, None)
    values, kept = explanation_values(graph, root_index)
    units = graph.units
    opened: set[int] = set()

    def part(v: int, as_story: bool) -> Part:
        unit = units[v]
        if as_story:
            doc = inspect.cleandoc(unit.story or "")
            return Part(unit.qualname, "story", unit.story_tokens, unit.story_tokens, doc,
                        unit.lineno, unit.kind)
        if v in opened:
            return Part(unit.qualname, "again", values[v], values[v], "", unit.lineno, unit.kind)
        opened.add(v)
        children = []
        for i in kept[v]:
            w = unit.references[i]
            children.append(part(w, units[w].story is not None and w != root_index))
        total = unit.size + sum(c.total for c in children)
        return Part(unit.qualname, "body", unit.size, total, _unit_code(build, v), unit.lineno,
                    unit.kind, tuple(children))

    root = part(root_index, False)
    assert root.total == values[root_index], (root.total, values[root_index])
    return ExplanationTree(path, units[root_index].qualname, root.total, root)


def explain(source: str, path: str = "<string>", entry: str | None = None) -> ExplanationTree:
    """Parse ``source`` and return the explanation tree whose total is ``explanation_length``.

    Raises :class:`~sva.errors.InputError` for invalid Python and ``LookupError`` when
    ``entry`` names no unit.
    """
    def work() -> ExplanationTree:
        facts = parse_facts(source, path, entry)
        return explain_build(facts.build, path, entry)

    return run_deep(work)


def render_explanation(tree: ExplanationTree) -> str:
    """Plain text: one header per part with its token count, its code or story indented below."""
    if tree.root is None:
        return f"{tree.path}: no units, nothing to explain (explanation_length 0)\n"
    lines = [f"explanation of {tree.path}, entry {tree.entry}",
             "each part: [how it is read, its own tokens / with everything under it] unit", ""]
    stack: list[tuple[Part, int]] = [(tree.root, 0)]
    while stack:
        p, level = stack.pop()
        pad = "    " * level
        where = f", line {p.lineno}" if p.lineno is not None else ""
        if p.kind == "body":
            head = f"[body {p.tokens} / {p.total}] {p.unit} ({p.unit_kind}{where})"
        elif p.kind == "story":
            head = f"[story {p.tokens}] {p.unit} ({p.unit_kind}{where}): read by its docstring"
        else:
            head = f"[again {p.tokens}] {p.unit}: explained above, counted again"
        lines.append(pad + head)
        for text_line in p.text.splitlines():
            lines.append(f"{pad}  | {text_line}")
        stack.extend((c, level + 1) for c in reversed(p.children))
    lines += ["", f"total: {tree.total} tokens (= explanation_length)"]
    return "\n".join(lines) + "\n"
