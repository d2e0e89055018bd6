"""Seed 0 of each spec, design beside search: the code, its unit graph and its measurements.

The artifact is only *read*: its source goes through the static unit-graph builder
(:func:`analyzer.measure.build_unit_graph`) and the Graphviz diagram writer
(:func:`analyzer.measure.write_diagram`); it is never imported or run. When Graphviz's ``dot`` is
missing the DOT source is kept instead, with a note. A sorting-network artifact also gets the
classic network diagram from ``analyzer.families.sorting.diagram.network_svg`` when that module
exists (a note otherwise).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from analyzer.report.tables import SIDE_BY_SIDE_METRICS, spec_order

__all__ = ["ArtifactView", "SideBySide", "side_by_side", "MAX_SOURCE_BYTES"]

#: Larger artifacts are not shown in full (the report stays readable and small).
MAX_SOURCE_BYTES = 200_000


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
    network_svg: str | None
    network_file: str | None
    measurements: tuple[tuple[str, Any], ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class SideBySide:
    spec: str
    seed: int
    views: tuple[ArtifactView, ...]  #: design first, then search


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
        return None, f"cannot read {module}: {error.strerror or error}"
    if len(data) > MAX_SOURCE_BYTES:
        return None, f"{module} has {len(data)} bytes, over {MAX_SOURCE_BYTES}; not shown"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return None, f"{module} is not UTF-8 text; not shown"


def _wires(row: Mapping[str, Any], pairs: list[tuple[int, int]]) -> int:
    wires = 1 + max((max(i, j) for i, j in pairs), default=0)
    tail = str(row["spec"]).rsplit("-", 1)[-1]
    return max(wires, int(tail)) if tail.isdigit() else wires


def _network(row: Mapping[str, Any], out_dir: Path, stem: str) -> tuple[str | None, str | None, str | None]:
    """(svg text, file relative to out_dir, note) of the row's sorting network."""
    network = row.get("network")
    if not network:
        return None, None, None
    try:
        module = importlib.import_module("analyzer.families.sorting.diagram")
    except ImportError:
        return None, None, "network diagram not drawn: analyzer.families.sorting.diagram is not available yet"
    pairs = [(int(i), int(j)) for i, j in network]
    try:
        svg = module.network_svg(pairs, _wires(row, pairs))
    except Exception as error:  # a drawing bug must not sink the whole report
        return None, None, f"network diagram failed: {type(error).__name__}: {error}"
    relative = f"diagrams/{stem}.network.svg"
    (out_dir / relative).write_text(svg, encoding="utf-8")
    return svg, relative, None


def _view(row: Mapping[str, Any], results_dir: Path, out_dir: Path) -> ArtifactView:
    from analyzer.errors import InputError
    from analyzer.measure import build_unit_graph, write_diagram
    from analyzer.measure.diagram import to_dot

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
    stem = f"{spec}__{generator}__seed-{seed}"
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
    network_svg, network_file, note = _network(row, out_dir, stem)
    if note:
        notes.append(note)
    measurements = tuple((name, row.get(name)) for name in SIDE_BY_SIDE_METRICS
                         if name in row and not (row.get(name) is None and name in ("comparators", "depth",
                                                                                      "search_success",
                                                                                      "search_evaluations")))
    return ArtifactView(spec=spec, generator=generator, seed=seed, cell=cell,
                        module=str(module) if module else None, source=source, unit_graph_svg=svg,
                        dot_source=dot, diagram_file=diagram_file, network_svg=network_svg,
                        network_file=network_file, measurements=measurements, notes=tuple(notes))


def side_by_side(rows: Sequence[Mapping[str, Any]], results_dir: Path, out_dir: Path) -> list[SideBySide]:
    """For each spec, the design and search cells of seed 0 (else the lowest seed present)."""
    (out_dir / "diagrams").mkdir(parents=True, exist_ok=True)
    pairs = []
    for spec in spec_order(row["spec"] for row in rows):
        chosen = [row for row in (_pick(rows, spec, "design"), _pick(rows, spec, "search")) if row is not None]
        if not chosen:
            continue
        views = tuple(_view(row, results_dir, out_dir) for row in chosen)
        pairs.append(SideBySide(spec=spec, seed=min(view.seed for view in views), views=views))
    return pairs
