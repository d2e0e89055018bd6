"""A Graphviz diagram of a unit graph: one box per unit, sized by unit size, and its references.

Boxes grow with the square root of the unit size (area ~ size); a unit with a story (docstring)
has a bold double border and a pale fill, and its label gives the story's word count; edges are
references, labelled with the count when a unit names another more than once. A legend explains
the marks. Output is deterministic: units in source order, edges sorted. The ``.dot`` source is
always written; an SVG is rendered next to it when Graphviz's ``dot`` is on PATH.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from dataclasses import dataclass

import graphviz

from sva.errors import OutputError, os_reason
from sva.measure.unitgraph import UnitGraph

__all__ = ["DiagramFiles", "to_dot", "write_diagram", "diagram_stem"]

RENDER_TIMEOUT = 60.0


@dataclass(frozen=True)
class DiagramFiles:
    dot: str
    svg: str | None
    note: str | None = None  #: why no SVG was rendered, if it was not


def to_dot(graph: UnitGraph, title: str = "") -> str:
    """Deterministic DOT source for ``graph``."""
    g = graphviz.Digraph("units", graph_attr={"rankdir": "LR", "label": title, "labelloc": "t",
                                              "fontname": "Helvetica"},
                         node_attr={"shape": "box", "fontname": "Helvetica", "fontsize": "10"},
                         edge_attr={"fontname": "Helvetica", "fontsize": "9"})
    for unit in graph.units:
        side = 0.4 + 0.12 * math.sqrt(unit.size)
        label = f"{unit.qualname}\n{unit.kind}, size {unit.size}"
        attrs = {"width": f"{1.6 * side:.2f}", "height": f"{side:.2f}"}
        if unit.story is not None:
            label += f"\nstory: {unit.story_tokens} words"
            attrs.update(style="bold,filled", peripheries="2", fillcolor="#fff4c2", penwidth="2")
        g.node(f"u{unit.index}", label=label, **attrs)
    for unit in graph.units:
        for target, count in sorted(zip(unit.references, unit.reference_counts)):
            g.edge(f"u{unit.index}", f"u{target}", label=str(count) if count > 1 else "")
    with g.subgraph(name="cluster_legend") as legend:
        legend.attr(label="legend", fontsize="9", style="dashed")
        legend.node("legend_story", "unit with a story\n(docstring)", style="bold,filled",
                    peripheries="2", fillcolor="#fff4c2", penwidth="2", fontsize="8")
        legend.node("legend_plain", "unit without a story\n(box area ~ size)", fontsize="8")
        legend.edge("legend_plain", "legend_story", label="references", fontsize="8")
    return g.source


def diagram_stem(path: str) -> str:
    """A file name for ``path``'s diagram: its path with separators replaced, no directories."""
    clean = os.path.normpath(path).lstrip(os.sep)
    parts = [("up" if p == ".." else p) for p in clean.split(os.sep) if p not in ("", ".")]
    return "__".join(parts) or "module"


def write_diagram(graph: UnitGraph, out_dir: str, stem: str, title: str = "",
                  render: bool = True) -> DiagramFiles:
    """Write ``<stem>.dot`` in ``out_dir`` and, when ``dot`` exists, ``<stem>.svg``."""
    try:
        os.makedirs(out_dir, exist_ok=True)
        dot_path = os.path.join(out_dir, f"{stem}.dot")
        with open(dot_path, "w", encoding="utf-8") as handle:
            handle.write(to_dot(graph, title))
    except OSError as error:
        raise OutputError(f"cannot write a diagram in {out_dir}: {os_reason(error)}") from None
    if not render:
        return DiagramFiles(dot_path, None, "rendering not requested")
    dot = shutil.which("dot")
    if dot is None:
        return DiagramFiles(dot_path, None, "Graphviz's dot is not on PATH; wrote the .dot only")
    svg_path = os.path.join(out_dir, f"{stem}.svg")
    try:
        subprocess.run([dot, "-Tsvg", "-o", svg_path, dot_path], check=True, timeout=RENDER_TIMEOUT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except subprocess.TimeoutExpired:
        return DiagramFiles(dot_path, None, f"dot took over {RENDER_TIMEOUT:g} s; wrote the .dot only")
    except subprocess.CalledProcessError as error:
        message = " ".join(error.stderr.decode(errors="replace").split())[:200]
        return DiagramFiles(dot_path, None, f"dot failed: {message}")
    return DiagramFiles(dot_path, svg_path)
