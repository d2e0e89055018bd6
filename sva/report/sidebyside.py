"""Seed 0 of each spec, design beside search: the code, its unit graph and its measurements.

The artifact is only *read*: its source goes through the static unit-graph builder
(:func:`sva.measure.build_unit_graph`) and the Graphviz diagram writer
(:func:`sva.measure.write_diagram`); it is never imported or run. When Graphviz's ``dot`` is
missing the DOT source is kept instead, with a note. The artifact's family may add pictures in
its own notation (``Family.diagrams(row, spec)``, e.g. a sorting network's wires and
comparators): each is written to ``diagrams/<stem>.<name>.svg`` and shown beside the unit graph; a
family whose drawing fails gets a note instead, the report is still written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from sva.errors import InputError, UsageError, one_line, os_reason, typed_line
from sva.families import family_of, get_spec
from sva.report.tables import optional_metrics, side_by_side_metrics, spec_order

__all__ = ["ArtifactView", "DiagramView", "SideBySide", "side_by_side", "MAX_SOURCE_BYTES"]

#: Larger artifacts are not shown in full (the report stays readable and small).
MAX_SOURCE_BYTES = 200_000

#: What a family's diagram may be called: it becomes part of a file name.
_DIAGRAM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class DiagramView:
    """A family's picture of one artifact, as written beside the report."""

    name: str
    caption: str
    svg: str  #: SVG document text
    file: str  #: ``diagrams/<stem>.<name>.svg``, relative to the report folder


@dataclass(frozen=True)
class ArtifactView:
    """One artifact as the report shows it."""

    spec: str
    generator: str
    seed: int
    cell: str
    module: str | None  #: path relative to the results folder
    source: str | None
    unit_graph_svg: str | None  #: SVG document text of the unit graph
    dot_source: str | None  #: the DOT source (shown when there is no SVG)
    diagram_file: str | None  #: the unit graph's file, relative to the report folder
    diagrams: tuple[DiagramView, ...]  #: the family's own pictures, in its order
    measurements: tuple[tuple[str, Any], ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class SideBySide:
    spec: str
    seed: int
    views: tuple[ArtifactView, ...]  #: design first, then search, then any other generator


def _pick(rows: Sequence[Mapping[str, Any]], spec: str, generator: str) -> Mapping[str, Any] | None:
    group = [row for row in rows if row["spec"] == spec and row["generator"] == generator]
    if not group:
        return None
    return min(group, key=lambda row: (int(row["seed"]) != 0, row.get("status") != "done", int(row["seed"])))


def _read_source(results_dir: Path, module: str) -> tuple[str | None, str | None]:
    root = results_dir.resolve()
    path = (results_dir / module).resolve()
    if root != path and root not in path.parents:
        return None, f"module path {module!r} leaves the results folder; not shown"
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, f"cannot read {module}: {os_reason(error)}"
    if len(data) > MAX_SOURCE_BYTES:
        return None, f"{module} has {len(data)} bytes, over {MAX_SOURCE_BYTES}; not shown"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return None, f"{module} is not UTF-8 text; not shown"


def _diagrams(row: Mapping[str, Any], out_dir: Path, stem: str) -> tuple[list[DiagramView], list[str]]:
    """The family's pictures of the row's artifact, written under ``out_dir``, and notes on any
    that could not be drawn or written."""
    try:
        spec = get_spec(str(row["spec"]))
    except UsageError as error:
        return [], [f"no family diagrams: {one_line(error)}"]
    family = family_of(spec)
    try:
        drawn = tuple(family.diagrams(row, spec))
    except Exception as error:  # a drawing bug must not sink the whole report
        return [], [f"{family.name} diagrams not drawn: {typed_line(error)}"]
    views: list[DiagramView] = []
    notes: list[str] = []
    for diagram in drawn:
        name = str(diagram.name)
        if not _DIAGRAM_NAME.fullmatch(name) or any(view.name == name for view in views):
            notes.append(f"{family.name} diagram {name!r} not shown: a diagram needs a name of its own "
                         f"made of letters, digits, '-' and '_'")
            continue
        relative = f"diagrams/{stem}.{name}.svg"
        try:
            (out_dir / relative).write_text(diagram.svg, encoding="utf-8")
        except (OSError, TypeError, ValueError) as error:
            notes.append(f"{family.name} diagram {name!r} not written: {typed_line(error)}")
            continue
        views.append(DiagramView(name=name, caption=str(diagram.caption), svg=diagram.svg, file=relative))
    return views, notes


def _view(row: Mapping[str, Any], results_dir: Path, out_dir: Path) -> ArtifactView:
    from sva.measure import build_unit_graph, write_diagram
    from sva.measure.diagram import to_dot

    spec, generator, seed = str(row["spec"]), str(row["generator"]), int(row["seed"])
    cell = str(row.get("cell") or f"{spec}/{generator}/seed-{seed}")
    notes: list[str] = []
    if row.get("status") != "done":
        stage, reason = row.get("stage") or "an unknown stage", row.get("reason") or "no reason recorded"
        notes.append(f"cell failed at {stage}: {reason}")
    module = row.get("module")
    source = svg = dot = diagram_file = None
    if module:
        source, note = _read_source(results_dir, str(module))
        if note:
            notes.append(note)
    else:
        notes.append("no artifact was written")
    stem = f"{spec}__{generator.replace(':', '-')}__seed-{seed}"
    if source is not None:
        try:
            graph = build_unit_graph(source)
        except (InputError, SyntaxError, RecursionError, ValueError) as error:
            notes.append(f"no unit graph: {error}")
        else:
            files = write_diagram(graph, str(out_dir / "diagrams"), stem, title=cell)
            if files.svg:
                svg = Path(files.svg).read_text(encoding="utf-8")
                diagram_file = f"diagrams/{stem}.svg"
            else:
                dot = to_dot(graph, cell)
                diagram_file = f"diagrams/{stem}.dot"
                notes.append(f"unit graph shown as DOT source: {files.note}")
    diagrams, diagram_notes = _diagrams(row, out_dir, stem)
    notes += diagram_notes
    optional = optional_metrics()
    measurements = tuple((name, row.get(name)) for name in side_by_side_metrics()
                         if name in row and not (row.get(name) is None and name in optional))
    return ArtifactView(spec=spec, generator=generator, seed=seed, cell=cell,
                        module=str(module) if module else None, source=source, unit_graph_svg=svg,
                        dot_source=dot, diagram_file=diagram_file, diagrams=tuple(diagrams),
                        measurements=measurements, notes=tuple(notes))


def side_by_side(rows: Sequence[Mapping[str, Any]], results_dir: Path, out_dir: Path) -> list[SideBySide]:
    """For each spec, the design and search cells of seed 0 (else the lowest seed present), then
    the first artifact of each other generator on it (each ``external:<label>``, in name order)."""
    (out_dir / "diagrams").mkdir(parents=True, exist_ok=True)
    pairs = []
    for spec in spec_order(row["spec"] for row in rows):
        others = sorted({str(row["generator"]) for row in rows if row["spec"] == spec} - {"design", "search"})
        chosen = [row for row in (_pick(rows, spec, generator) for generator in ("design", "search", *others))
                  if row is not None]
        if not chosen:
            continue
        views = tuple(_view(row, results_dir, out_dir) for row in chosen)
        pairs.append(SideBySide(spec=spec, seed=min(view.seed for view in views), views=views))
    return pairs
